package io.hostdns.transport.forwarder.config;

import io.hostdns.transport.server.ClientRateLimit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the nested sections of {@code hostDNS} (cache, timeouts, acl, resolvConf) over their defaults. */
final class YamlParts {

    private YamlParts() {
    }

    static HostDnsConfig.Cache cache(YamlSection s) {
        s.allowOnly(Set.of("maxEntries", "minTtl", "maxTtl", "negativeMinTtl", "negativeMaxTtl", "servfailTtl",
                "serveStale", "maxStale", "staleAnswerTimeout", "staleAnswerTtl", "prefetch"));
        HostDnsConfig.Cache d = HostDnsConfig.Cache.defaults();
        return new HostDnsConfig.Cache(s.integer("maxEntries", d.maxEntries()), s.duration("minTtl", d.minTtl()),
                s.duration("maxTtl", d.maxTtl()), s.duration("negativeMinTtl", d.negativeMinTtl()),
                s.duration("negativeMaxTtl", d.negativeMaxTtl()), s.duration("servfailTtl", d.servfailTtl()),
                s.bool("serveStale", d.serveStale()), s.duration("maxStale", d.maxStale()),
                s.duration("staleAnswerTimeout", d.staleAnswerTimeout()),
                s.duration("staleAnswerTtl", d.staleAnswerTtl()), s.bool("prefetch", d.prefetch()));
    }

    static HostDnsConfig.Timeouts timeouts(YamlSection s) {
        s.allowOnly(Set.of("attempt", "overall", "hedgeDelay"));
        HostDnsConfig.Timeouts d = HostDnsConfig.Timeouts.defaults();
        return new HostDnsConfig.Timeouts(s.duration("attempt", d.attempt()), s.duration("overall", d.overall()),
                s.duration("hedgeDelay", d.hedgeDelay()));
    }

    static HostDnsConfig.Acl acl(YamlSection s) {
        s.allowOnly(Set.of("allow"));
        List<String> texts = s.strings("allow", "IP networks such as 10.0.0.0/8");
        if (texts == null) {
            throw ConfigException.invalid(s.child("allow"), null, "a non-empty list of client networks");
        }
        List<Cidr> allow = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            allow.add(Cidr.parse(s.child("allow") + "[" + i + "]", texts.get(i)));
        }
        return new HostDnsConfig.Acl(allow);
    }

    static HostDnsConfig.Chaos chaos(YamlSection s) {
        s.allowOnly(Set.of("version", "id"));
        return new HostDnsConfig.Chaos(s.optionalString("version", "a TXT string, or null to answer REFUSED"),
                s.optionalString("id", "a TXT string, or null to answer REFUSED"));
    }

    /**
     * The per-client rate limit: {@code queriesPerSecond} (required, above 0, at most 1 000 000), {@code burst}
     * (default: one second's worth), {@code ipv4Prefix} (1-32, default 24), {@code ipv6Prefix} (1-64, default 56),
     * {@code maxTrackedClients} (1-10 000 000, default 100 000), {@code overLimit} ({@code slip} or {@code refuse}).
     */
    static ClientRateLimit rateLimit(YamlSection s) {
        s.allowOnly(Set.of("queriesPerSecond", "burst", "ipv4Prefix", "ipv6Prefix", "maxTrackedClients", "overLimit"));
        if (!s.has("queriesPerSecond")) {
            throw ConfigException.invalid(s.child("queriesPerSecond"), null,
                    "a number of queries per second per client network above 0 (the rate limit needs one)");
        }
        double qps = s.number("queriesPerSecond", 0, "a number above 0");
        if (!(qps > 0) || qps > 1_000_000) {
            throw ConfigException.invalid(s.child("queriesPerSecond"), qps, "a number above 0 and at most 1000000");
        }
        int burst = between(s, "burst", (int) Math.max(1, Math.ceil(qps)), 1, 10_000_000);
        int v4 = between(s, "ipv4Prefix", 24, 1, 32);
        int v6 = between(s, "ipv6Prefix", 56, 1, 64);
        int tracked = between(s, "maxTrackedClients", 100_000, 1, 10_000_000);
        String action = s.string("overLimit", "slip", "slip or refuse");
        ClientRateLimit.OverLimit overLimit = switch (action.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "slip" -> ClientRateLimit.OverLimit.SLIP;
            case "refuse" -> ClientRateLimit.OverLimit.REFUSE;
            default -> throw ConfigException.invalid(s.child("overLimit"), action,
                    "slip (UDP answered TC=1 so honest clients retry over TCP) or refuse (REFUSED)");
        };
        return new ClientRateLimit(qps, burst, v4, v6, tracked, overLimit);
    }

    private static int between(YamlSection s, String key, int fallback, int min, int max) {
        int value = s.integer(key, fallback);
        if (value < min || value > max) {
            throw ConfigException.invalid(s.child(key), value, "an integer from " + min + " to " + max);
        }
        return value;
    }

    static HostDnsConfig.Metrics metrics(YamlSection s) {
        s.allowOnly(Set.of("listen"));
        if (!s.has("listen")) {
            return HostDnsConfig.Metrics.defaults();
        }
        String listen = s.optionalString("listen", "an ip:port string such as 127.0.0.1:9253, or \"\" for no endpoints");
        return listen == null ? HostDnsConfig.Metrics.off() : HostDnsConfig.Metrics.at(listen);
    }

    static HostDnsConfig.ResolvConf resolvConf(YamlSection s) {
        s.allowOnly(Set.of("path", "write", "keepSearch"));
        HostDnsConfig.ResolvConf d = HostDnsConfig.ResolvConf.defaults();
        String path = s.string("path", d.path().toString(), "an absolute file path");
        return new HostDnsConfig.ResolvConf(Path.of(path), s.bool("write", d.write()), s.bool("keepSearch", d.keepSearch()));
    }
}
