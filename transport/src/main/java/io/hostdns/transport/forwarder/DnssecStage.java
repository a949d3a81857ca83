package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Resolver;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.dnssec.ValidatingResolver;
import io.hostdns.transport.forwarder.config.ConfigException;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The DNSSEC stage ({@code hostDNS.dnssec.validate}): a {@link ValidatingResolver} in front of what comes after
 * it (the cap and the routes, so key queries go down the same routes as the query: a private zone's DS and
 * DNSKEY come from its own route). It sits under the cache, which so keeps verdicts (AD set, or a SERVFAIL
 * with its Extended DNS Error), and over the per-upstream sanitizer. Upstream queries go with DO=1 and CD=1;
 * a client's CD=1 query passes through unvalidated.
 *
 * <p>In traces the stage says the verdict it answered with: secure, insecure or bogus with its EDE.
 */
final class DnssecStage implements Stage {

    private final DnssecValidation validation;
    private final HostDnsConfig.Dnssec config;

    DnssecStage(DnssecValidation validation, HostDnsConfig.Dnssec config) {
        this.validation = validation;
        this.config = config;
    }

    /**
     * What {@code config} trusts: the built-in root anchors, the records of each anchor file, the negative
     * anchors; null when it does not validate. Reads the files: call it where blocking is allowed.
     *
     * @throws ConfigException naming the {@code trustAnchors} entry whose file cannot be read or is not a list of
     *                         DS or DNSKEY records
     */
    static @Nullable DnssecValidation validation(HostDnsConfig.Dnssec config) {
        if (!config.validate()) {
            return null;
        }
        List<Record> anchors = new ArrayList<>();
        for (int i = 0; i < config.trustAnchors().size(); i++) {
            Path file = config.trustAnchors().get(i);
            String field = "hostDNS.dnssec.trustAnchors[" + i + "]";
            try {
                anchors.addAll(DnssecValidation.readTrustAnchors(file));
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(field, field + " must be a readable file of DS or DNSKEY records in "
                        + "zone-file syntax, got '" + file + "': " + e, e);
            }
        }
        return DnssecValidation.rootAnchors().plusTrustAnchors(anchors)
                .withNegativeTrustAnchors(config.negativeTrustAnchors());
    }

    @Override
    public String name() {
        return "dnssec";
    }

    @Override
    public String detail() {
        String negative = validation.negativeTrustAnchors().isEmpty() ? ""
                : "; not validated under " + validation.negativeTrustAnchors().stream().map(Object::toString)
                .collect(Collectors.joining(", "));
        return "validates with DO=1 CD=1 upstream, CD=1 queries pass unvalidated; trust anchors " + anchors()
                + negative + "; bogus cached " + config.bogusTtl().toSeconds() + " s";
    }

    /** The anchors by owner with their key tags, e.g. {@code . (20326, 38696)}. */
    private String anchors() {
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        for (Record anchor : validation.trustAnchors()) {
            int tag = anchor instanceof DSRecord ds ? ds.getFootprint()
                    : anchor instanceof DNSKEYRecord key ? key.getFootprint() : -1;
            byOwner.computeIfAbsent(anchor.getName().toString(), k -> new ArrayList<>()).add(String.valueOf(tag));
        }
        return byOwner.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    public Resolver around(Resolver next) {
        return ValidatingResolver.over(next, validation);
    }

    /** The verdict: every answer of this stage is one (the validator rewrites what the routes answered). */
    @Override
    public String answeredDetail(Answer answer) {
        var header = answer.message().getHeader();
        if (header.getFlag(Flags.CD)) {
            return "not validated (CD=1)";
        }
        if (header.getFlag(Flags.AD)) {
            return "secure (AD=1)";
        }
        if (answer.rcode() == Rcode.SERVFAIL) {
            OPTRecord opt = answer.message().getOPT();
            List<EDNSOption> errors = opt == null ? List.of() : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
            if (!errors.isEmpty() && errors.get(0) instanceof ExtendedErrorCodeOption ede) {
                return "SERVFAIL, EDE " + ede.getErrorCode() + (ede.getText() == null ? "" : ": " + ede.getText());
            }
            return "SERVFAIL from upstream, not validated";
        }
        return "insecure (AD=0)";
    }
}
