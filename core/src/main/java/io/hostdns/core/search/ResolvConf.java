package io.hostdns.core.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The meaning of a resolv.conf: name servers, search domains and options (glibc semantics).
 *
 * @param nameservers the servers as IP literals (an IPv6 zone such as {@code %eth0} kept), in file order
 * @param search      the search domains, without trailing dot, in order (empty: none)
 * @param options     the resolver options
 */
public record ResolvConf(List<String> nameservers, List<String> search, Options options) {

    /** glibc uses at most this many name servers; more are ignored by clients. */
    public static final int MAX_NAMESERVERS = 3;

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        Objects.requireNonNull(options, "options");
    }

    /**
     * Parses resolv.conf text the way glibc reads it: {@code nameserver}, {@code search} and {@code domain}
     * (the last of the two wins), {@code options} ({@code ndots}, {@code timeout}, {@code attempts} clamped to
     * glibc's limits, {@code rotate}, others kept verbatim); {@code #} and {@code ;} start comments. Nothing
     * fails: what cannot be used is skipped and listed in {@link Parsed#ignored()}.
     */
    public static Parsed parse(String text) {
        return ResolvConfParser.parse(text);
    }

    /** Reads and {@linkplain #parse parses} the UTF-8 file at {@code path}. Blocking I/O: call off event loops. */
    public static Parsed read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8));
    }

    /**
     * The file text: a {@code nameserver} line per server, then {@code search} and {@code options} lines when
     * there is something to say; {@link #parse} reads it back to this same configuration.
     */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (String server : nameservers) {
            text.append("nameserver ").append(server).append('\n');
        }
        if (!search.isEmpty()) {
            text.append("search ").append(String.join(" ", search)).append('\n');
        }
        List<String> words = options.words();
        if (!words.isEmpty()) {
            text.append("options ").append(String.join(" ", words)).append('\n');
        }
        return text.toString();
    }

    /** No servers, no search domains, default options. */
    public static ResolvConf empty() {
        return new ResolvConf(List.of(), List.of(), Options.DEFAULTS);
    }

    /** A copy with other name servers. */
    public ResolvConf withNameservers(List<String> servers) {
        return new ResolvConf(servers, search, options);
    }

    /** A copy with other search domains (empty clears them). */
    public ResolvConf withSearch(List<String> domains) {
        return new ResolvConf(nameservers, domains, options);
    }

    /**
     * The {@code options} line; values are clamped to glibc's limits when parsed.
     *
     * @param ndots    dots a name needs to be tried as absolute first (default 1, at most 15)
     * @param timeout  seconds to wait for one server (default 5, at most 30)
     * @param attempts rounds over the servers (default 2, at most 5)
     * @param rotate   spread queries over the servers round-robin
     * @param other    any other option, kept verbatim (e.g. {@code edns0}, {@code trust-ad})
     */
    public record Options(int ndots, int timeout, int attempts, boolean rotate, List<String> other) {

        public static final Options DEFAULTS = new Options(1, 5, 2, false, List.of());

        public Options {
            if (ndots < 0 || ndots > 15) {
                throw new IllegalArgumentException("ndots must be 0-15, was " + ndots);
            }
            if (timeout < 1 || timeout > 30) {
                throw new IllegalArgumentException("timeout must be 1-30, was " + timeout);
            }
            if (attempts < 1 || attempts > 5) {
                throw new IllegalArgumentException("attempts must be 1-5, was " + attempts);
            }
            other = List.copyOf(other);
        }

        /** The words of an {@code options} line, only those that differ from the defaults; may be empty. */
        public List<String> words() {
            List<String> words = new java.util.ArrayList<>();
            if (ndots != DEFAULTS.ndots) {
                words.add("ndots:" + ndots);
            }
            if (timeout != DEFAULTS.timeout) {
                words.add("timeout:" + timeout);
            }
            if (attempts != DEFAULTS.attempts) {
                words.add("attempts:" + attempts);
            }
            if (rotate) {
                words.add("rotate");
            }
            words.addAll(other);
            return words;
        }
    }

    /**
     * A line (or option) that was skipped.
     *
     * @param lineNumber 1-based
     * @param line       the line as written
     * @param reason     why it was skipped
     */
    public record Ignored(int lineNumber, String line, String reason) {
    }

    /**
     * What a parse produced.
     *
     * @param conf    the usable content
     * @param ignored what was skipped, in file order
     */
    public record Parsed(ResolvConf conf, List<Ignored> ignored) {
        public Parsed {
            ignored = List.copyOf(ignored);
        }
    }
}
