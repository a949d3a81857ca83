package io.hostdns.core.dnssec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What a {@link ValidatingResolver} trusts.
 *
 * <p>A <b>trust anchor</b> is a DS or DNSKEY record: data at or below its owner name is secure only when
 * a chain of signatures leads from that key down to it. The closest anchor above a name is the one used.
 * {@link #rootAnchors()} holds the root zone's KSK-2017 and KSK-2024, so that every signed zone on the
 * public internet validates; a private signed zone adds its own anchors with {@link #plusTrustAnchors}
 * (e.g. read from a file with {@link #readTrustAnchors}). A name under no anchor is insecure.
 *
 * <p>A <b>negative trust anchor</b> (RFC 7646) is a domain under which nothing is validated: an answer
 * whose question or any answer record is at or below one is passed on as insecure (AD clear), even when
 * its signatures are broken. It is the operator's switch for a zone known to be mis-signed.
 *
 * @param trustAnchors         DS or DNSKEY records of class IN, at least one
 * @param negativeTrustAnchors absolute domain names under which nothing is validated
 */
public record DnssecValidation(List<Record> trustAnchors, List<Name> negativeTrustAnchors) {

    private static final List<Record> ROOT = TrustAnchorText.parse(RootTrustAnchors.TEXT, "the built-in root anchors");

    public DnssecValidation {
        trustAnchors = List.copyOf(trustAnchors);
        negativeTrustAnchors = List.copyOf(negativeTrustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed: without one nothing can validate");
        }
        trustAnchors.forEach(anchor -> TrustAnchorText.check(anchor, "the trust anchor list"));
        for (Name domain : negativeTrustAnchors) {
            if (!domain.isAbsolute()) {
                throw new IllegalArgumentException("negative trust anchor must be an absolute name: " + domain);
            }
        }
    }

    /** The built-in root anchors (KSK-2017 and KSK-2024) and no negative trust anchors: the usual setting. */
    public static DnssecValidation rootAnchors() {
        return new DnssecValidation(ROOT, List.of());
    }

    /** Only {@code anchors} (no root anchors) and no negative trust anchors: for a private signed tree. */
    public static DnssecValidation of(List<Record> anchors) {
        return new DnssecValidation(anchors, List.of());
    }

    /** The built-in root anchors as DS records. */
    public static List<Record> rootTrustAnchors() {
        return ROOT;
    }

    /**
     * Parses DS and DNSKEY records in zone-file syntax (comments, {@code $TTL}, relative names against the
     * root).
     *
     * @param source what the text is, named in error messages (e.g. a file name)
     * @throws IllegalArgumentException naming {@code source} when it does not parse, holds a record of
     *                                  another type or class, or holds none
     */
    public static List<Record> parseTrustAnchors(String text, String source) {
        return TrustAnchorText.parse(text, Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a trust anchor file (DS or DNSKEY records in zone-file syntax). Reads the file on the calling
     * thread: call it while configuring, not from a resolution.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file when its content is not a list of anchors
     */
    public static List<Record> readTrustAnchors(Path file) throws IOException {
        return TrustAnchorText.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A copy that trusts {@code more} anchors as well. */
    public DnssecValidation plusTrustAnchors(List<Record> more) {
        List<Record> all = new ArrayList<>(trustAnchors);
        all.addAll(more);
        return new DnssecValidation(all, negativeTrustAnchors);
    }

    /** A copy with these negative trust anchors instead of the current ones. */
    public DnssecValidation withNegativeTrustAnchors(List<Name> domains) {
        return new DnssecValidation(trustAnchors, domains);
    }

    /** Whether {@code name} is at or below a negative trust anchor. */
    boolean isNegativelyTrusted(Name name) {
        for (Name domain : negativeTrustAnchors) {
            if (name.subdomain(domain)) {
                return true;
            }
        }
        return false;
    }
}
