package io.hostdns.core.dnssec;

import io.hostdns.core.Answer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Reads a DNSSEC verdict out of an answer, for assertions: AD bit, extended DNS error, record types. */
public final class Verdicts {

    private Verdicts() {
    }

    /** Whether the AD (authenticated data) bit is set. */
    public static boolean authenticated(Answer answer) {
        return answer.message().getHeader().getFlag(Flags.AD);
    }

    /** The types of the records in the answer, authority and additional sections, in order (OPT included). */
    public static List<Integer> types(Answer answer) {
        Message m = answer.message();
        List<Integer> types = new ArrayList<>();
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record r : m.getSection(section)) {
                types.add(r.getType());
            }
        }
        return types;
    }

    /** The INFO-CODE of the first extended DNS error (RFC 8914), or -1 without one. */
    public static int edeCode(Answer answer) {
        ExtendedErrorCodeOption ede = ede(answer);
        return ede == null ? -1 : ede.getErrorCode();
    }

    /** The EXTRA-TEXT of the first extended DNS error, or "" without one. */
    public static String edeText(Answer answer) {
        ExtendedErrorCodeOption ede = ede(answer);
        return ede == null || ede.getText() == null ? "" : ede.getText();
    }

    private static @Nullable ExtendedErrorCodeOption ede(Answer answer) {
        OPTRecord opt = answer.message().getOPT();
        if (opt == null) {
            return null;
        }
        List<EDNSOption> options = opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        return options.isEmpty() ? null : (ExtendedErrorCodeOption) options.get(0);
    }
}
