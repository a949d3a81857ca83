package io.hostdns.core.hosts;

import io.hostdns.core.internal.IpLiteral;
import io.hostdns.core.internal.hosts.NameTable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * The parsed text of a file in {@code /etc/hosts} format: per line an IP address (IPv4 or IPv6; an
 * IPv6 zone such as {@code %eth0} is dropped) followed by one or more names, the first being the
 * canonical one; {@code #} starts a comment; blank lines are skipped.
 *
 * <p>Parsing never stops at a bad line: every usable line is kept in {@link #entries()} and every bad
 * one is reported in {@link #problems()} with its line number and content. {@link #requireValid()}
 * turns the first problem into an exception for callers that want all-or-nothing.
 *
 * @param entries  usable lines, in file order
 * @param problems refused lines, in file order
 */
public record HostsFile(List<Entry> entries, List<ParseException> problems) {

    /**
     * One usable line.
     *
     * @param lineNumber 1-based line number
     * @param address    the address
     * @param names      the names, absolute, as written (first is canonical)
     */
    public record Entry(int lineNumber, InetAddress address, List<Name> names) {
        public Entry {
            Objects.requireNonNull(address, "address");
            names = List.copyOf(names);
        }
    }

    public HostsFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * Parses {@code text}.
     *
     * @param source names the text in problem reports, e.g. {@code /etc/hosts}
     */
    public static HostsFile parse(String source, String text) {
        List<Entry> entries = new ArrayList<>();
        List<ParseException> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            InetAddress address = IpLiteral.parse(fields[0]);
            if (address == null) {
                problems.add(new ParseException(source, i + 1, line, "not an IP address: '" + fields[0] + "'"));
                continue;
            }
            if (fields.length < 2) {
                problems.add(new ParseException(source, i + 1, line, "no host name after the address"));
                continue;
            }
            List<Name> names = new ArrayList<>();
            String bad = null;
            for (int f = 1; f < fields.length && bad == null; f++) {
                Name name = NameTable.hostName(fields[f]);
                if (name == null) {
                    bad = fields[f];
                } else {
                    names.add(name);
                }
            }
            if (bad != null) {
                problems.add(new ParseException(source, i + 1, line, "not a valid host name: '" + bad + "'"));
                continue;
            }
            entries.add(new Entry(i + 1, address, names));
        }
        return new HostsFile(entries, problems);
    }

    /** This file, or the first problem thrown when there is one. */
    public HostsFile requireValid() {
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return this;
    }

    /**
     * A line of a hosts file that cannot be used. The message names the source, the line number, the
     * line as written and why it was refused, e.g. {@code /etc/hosts:7: '10.0.0.300 db': not an IP address}.
     */
    public static class ParseException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String source;
        private final int lineNumber;
        private final String line;
        private final String reason;

        public ParseException(String source, int lineNumber, String line, String reason) {
            super(source + ":" + lineNumber + ": '" + line + "': " + reason);
            this.source = source;
            this.lineNumber = lineNumber;
            this.line = line;
            this.reason = reason;
        }

        /** Where the text came from, e.g. a path. */
        public String source() {
            return source;
        }

        /** The 1-based line number. */
        public int lineNumber() {
            return lineNumber;
        }

        /** The line as written. */
        public String line() {
            return line;
        }

        /** Why it was refused. */
        public String reason() {
            return reason;
        }
    }
}
