package io.hostdns.transport.forwarder.config;

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
