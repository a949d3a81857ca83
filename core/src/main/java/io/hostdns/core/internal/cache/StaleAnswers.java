package io.hostdns.core.internal.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * Builds the answer served from an expired entry (RFC 8767): every TTL set to the stale answer TTL,
 * and an Extended DNS Error option (RFC 8914) in the OPT record, code 3 "Stale Answer", or 19 "Stale
 * NXDOMAIN Answer" for a cached NXDOMAIN. A response without an OPT record gets one only when the
 * query speaks EDNS, since an OPT must not be sent to a client that did not send one (RFC 6891).
 *
 * <p>This is the rare path (the delegate failed), so it decodes and re-encodes the message.
 */
final class StaleAnswers {

    private StaleAnswers() {
    }

    static Answer build(CacheEntry entry, Query query, int staleTtl) {
        Message message;
        try {
            message = new Message(entry.response(query, staleTtl));
        } catch (IOException e) {
            // Admission scanned these bytes; a failure here means they were not a message dnsjava reads.
            throw new MalformedResponseException(entry.source().upstream(),
                    "cannot decode cached response: " + e.getMessage(), e);
        }
        int code = entry.kind() == CacheEntry.Kind.NXDOMAIN
                ? ExtendedErrorCodeOption.STALE_NXDOMAIN_ANSWER : ExtendedErrorCodeOption.STALE_ANSWER;
        ExtendedErrorCodeOption ede = new ExtendedErrorCodeOption(code);
        OPTRecord opt = message.getOPT();
        if (opt != null) {
            List<EDNSOption> options = new ArrayList<>(opt.getOptions());
            options.add(ede);
            message.removeRecord(opt, Section.ADDITIONAL);
            message.addRecord(new OPTRecord(opt.getPayloadSize(), opt.getExtendedRcode(), opt.getVersion(),
                    opt.getFlags(), options), Section.ADDITIONAL);
        } else if (query.udpPayloadSize() > 0) {
            message.addRecord(new OPTRecord(query.udpPayloadSize(), 0, 0,
                    query.dnssecOk() ? ExtendedFlags.DO : 0, List.of(ede)), Section.ADDITIONAL);
        }
        return Answer.of(message, new AnswerSource(AnswerSource.Kind.STALE, entry.source().upstream()));
    }
}
