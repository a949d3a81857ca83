package io.hostdns.core.search;

import io.hostdns.core.internal.IpLiteral;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses resolv.conf text the way glibc reads it: {@code nameserver}, {@code search} and {@code domain}
 * (the last of the two wins), {@code options} ({@code ndots}, {@code timeout}, {@code attempts} clamped
 * to glibc's limits, {@code rotate}, others kept verbatim). {@code #} and {@code ;} start comments.
 * Nothing fails: what cannot be used is skipped and reported in {@link ResolvConf.Parsed#ignored()}.
 */
final class ResolvConfParser {

    private ResolvConfParser() {
    }

    /** Parses {@code text}. */
    static ResolvConf.Parsed parse(String text) {
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<ResolvConf.Ignored> ignored = new ArrayList<>();
        ResolvConf.Options options = ResolvConf.Options.DEFAULTS;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = indexOfComment(line);
            String[] words = (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            List<String> args = Arrays.asList(words).subList(1, words.length);
            switch (words[0]) {
                case "nameserver" -> {
                    if (args.size() != 1 || IpLiteral.parse(args.get(0)) == null) {
                        ignored.add(new ResolvConf.Ignored(i + 1, line, "nameserver needs one IP address"));
                    } else {
                        servers.add(args.get(0));
                    }
                }
                case "search", "domain" -> {
                    search.clear();
                    for (String domain : args) {
                        search.add(domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain);
                    }
                    if (words[0].equals("domain") && args.size() != 1) {
                        ignored.add(new ResolvConf.Ignored(i + 1, line, "domain takes one name; using all as search"));
                    }
                }
                case "options" -> options = ResolvOptions.apply(options, args, i + 1, line, ignored);
                default -> ignored.add(new ResolvConf.Ignored(i + 1, line, "unknown keyword '" + words[0] + "'"));
            }
        }
        return new ResolvConf.Parsed(new ResolvConf(servers, search, options), ignored);
    }

    private static int indexOfComment(String line) {
        int hash = line.indexOf('#');
        int semicolon = line.indexOf(';');
        if (hash < 0) {
            return semicolon;
        }
        return semicolon < 0 ? hash : Math.min(hash, semicolon);
    }
}
