package io.hostdns.core.dnssec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads trust anchors in zone-file syntax (RFC 1035 master file: comments, {@code $ORIGIN}, {@code $TTL},
 * relative names against the root): DS or DNSKEY records of class IN, nothing else, at least one.
 */
final class TrustAnchorText {

    /** The TTL of anchors written without one; anchors are not cached, so its value does not matter. */
    private static final long DEFAULT_TTL = 3600;

    private TrustAnchorText() {
    }

    /**
     * The DS and DNSKEY records of {@code text}.
     *
     * @param source what the text is (a file name), for error messages
     * @throws IllegalArgumentException naming {@code source} when the text does not parse, holds another
     *                                  type or class, or holds no record
     */
    static List<Record> parse(String text, String source) {
        List<Record> records = new ArrayList<>();
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                Name.root, DEFAULT_TTL)) {
            Record record;
            while ((record = master.nextRecord()) != null) {
                records.add(check(record, source));
            }
        } catch (IOException e) {
            // Master reports syntax errors as IOExceptions that name the line
            throw new IllegalArgumentException("trust anchors in " + source + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("trust anchors in " + source + ": no DS or DNSKEY record found");
        }
        return List.copyOf(records);
    }

    /** {@code record} when it can be a trust anchor. */
    static Record check(Record record, String source) {
        if (record.getType() != Type.DS && record.getType() != Type.DNSKEY) {
            throw new IllegalArgumentException("trust anchors in " + source + ": '" + record
                    + "' is a " + Type.string(record.getType()) + " record; a trust anchor is a DS or DNSKEY record");
        }
        if (record.getDClass() != DClass.IN) {
            throw new IllegalArgumentException("trust anchors in " + source + ": '" + record
                    + "' is of class " + DClass.string(record.getDClass()) + "; trust anchors are of class IN");
        }
        return record;
    }
}
