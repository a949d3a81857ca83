package io.hostdns.examples.cli;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Renders a response the way {@code dig} does, so that people who know dig can read it at once: the
 * header (opcode, status, id, flags and counts), the EDNS pseudo-section, the question, answer,
 * authority and additional sections, then query time, server and size.
 */
final class DigOutput {

    private static final int[] FLAGS = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};
    private static final String[] SECTION_NAMES = {"QUESTION", "ANSWER", "AUTHORITY", "ADDITIONAL"};

    private DigOutput() {
    }

    /**
     * The dig-like text.
     *
     * @param query   what was asked
     * @param answer  the response
     * @param server  who answered, e.g. {@code 127.0.0.1#5353(udp)}
     * @param elapsed how long the query took
     */
    static String render(Query query, Answer answer, String server, Duration elapsed) {
        Message m = answer.message();
        Header h = m.getHeader();
        StringBuilder out = new StringBuilder();
        out.append("; <<>> hostdns query <<>> ").append(query.name()).append(' ').append(Type.string(query.type()))
                .append('\n');
        out.append(";; ->>HEADER<<- opcode: ").append(Opcode.string(h.getOpcode()))
                .append(", status: ").append(Rcode.string(m.getRcode()))
                .append(", id: ").append(h.getID()).append('\n');
        out.append(";; flags: ").append(String.join(" ", flags(h)))
                .append("; QUERY: ").append(h.getCount(Section.QUESTION))
                .append(", ANSWER: ").append(h.getCount(Section.ANSWER))
                .append(", AUTHORITY: ").append(h.getCount(Section.AUTHORITY))
                .append(", ADDITIONAL: ").append(h.getCount(Section.ADDITIONAL)).append('\n');
        OPTRecord opt = m.getOPT();
        if (opt != null) {
            out.append("\n;; OPT PSEUDOSECTION:\n; EDNS: version: ").append(opt.getVersion())
                    .append(", flags:").append((opt.getFlags() & 0x8000) != 0 ? " do" : "")
                    .append("; udp: ").append(opt.getPayloadSize()).append('\n');
        }
        for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
            appendSection(out, m, section);
        }
        out.append("\n;; Query time: ").append(elapsed.toMillis()).append(" msec\n");
        out.append(";; SERVER: ").append(server).append('\n');
        out.append(";; MSG SIZE  rcvd: ").append(answer.wireLength()).append('\n');
        return out.toString();
    }

    private static List<String> flags(Header h) {
        List<String> names = new ArrayList<>();
        for (int flag : FLAGS) {
            if (h.getFlag(flag)) {
                names.add(Flags.string(flag).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static void appendSection(StringBuilder out, Message m, int section) {
        List<Record> records = new ArrayList<>();
        for (Record r : m.getSection(section)) {
            if (r.getType() != Type.OPT) {
                records.add(r);
            }
        }
        if (records.isEmpty()) {
            return;
        }
        out.append("\n;; ").append(SECTION_NAMES[section]).append(" SECTION:\n");
        for (Record r : records) {
            if (section == Section.QUESTION) {
                out.append(';').append(r.getName()).append("\t\t\t").append(DClass.string(r.getDClass()))
                        .append('\t').append(Type.string(r.getType())).append('\n');
            } else {
                out.append(r).append('\n');
            }
        }
    }
}
