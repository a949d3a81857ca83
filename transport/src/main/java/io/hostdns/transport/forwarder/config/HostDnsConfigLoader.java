package io.hostdns.transport.forwarder.config;

import io.hostdns.transport.UpstreamSpec;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Loads a {@link HostDnsConfig} from Talos-shaped YAML (SnakeYAML Engine, YAML 1.2 core schema):
 * <pre>
 * hostDNS:
 *   enabled: true
 *   forwardKubeDNSToHost: true
 *   resolvers: ["udp://192.168.1.22", "tls://1.1.1.1"]
 *   cache: {maxEntries: 20000, negativeMaxTtl: 10s}
 *   routes: {"corp.example.": ["10.0.0.53"]}
 *   dnssec: {validate: true, trustAnchors: [/etc/hostdns/corp.example.ds]}
 * </pre>
 * Strict: an unknown key fails and lists the allowed ones, a value of the wrong type fails naming the
 * field ("hostDNS.listen must be a list of host:port strings, got 5"), duplicate keys fail. Absent keys
 * take the defaults of {@link HostDnsConfig#builder()}. Stateless: safe to use from any thread.
 * SnakeYAML Engine is an optional dependency of hostdns-transport: add it to use this class.
 */
public final class HostDnsConfigLoader {

    private static final String ROOT = "hostDNS";
    private static final Set<String> HOST_DNS_KEYS = Set.of("enabled", "forwardKubeDNSToHost",
            "resolveMemberNames", "resolvers", "listen", "podFacingAddress", "cache", "timeouts", "queryLog",
            "disableIPv6", "routes", "acl", "staticHosts", "resolvConf", "chaos", "metrics", "hostsFiles", "rateLimit",
            "dnssec");
    private static final String UPSTREAMS = "upstream specs (IP, udp://, tcp://, tls:// or https:// host[:port])";

    private HostDnsConfigLoader() {
    }

    /** Loads from YAML text. */
    public static HostDnsConfig load(String yaml) {
        return fromDocument(parse(() -> newLoad().loadFromString(yaml)));
    }

    /** Loads from a reader, which is read to its end and not closed. Blocking I/O: call off event loops. */
    public static HostDnsConfig load(Reader yaml) {
        return fromDocument(parse(() -> newLoad().loadFromReader(yaml)));
    }

    /** Loads from a UTF-8 file. Blocking I/O: call off event loops. */
    public static HostDnsConfig load(Path file) throws IOException {
        return load(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static Load newLoad() {
        return new Load(LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false)
                .setLabel("hostDNS config").build());
    }

    private interface YamlRead {
        @Nullable Object read();
    }

    private static @Nullable Object parse(YamlRead read) {
        try {
            return read.read();
        } catch (YamlEngineException e) {
            throw new ConfigException(ROOT, "the configuration is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static HostDnsConfig fromDocument(@Nullable Object document) {
        if (document == null) {
            throw ConfigException.invalid(ROOT, null, "a mapping under a top-level 'hostDNS' key");
        }
        YamlSection top = YamlSection.of("(document)", document);
        top.entries().keySet().stream().filter(k -> !k.equals(ROOT)).findFirst().ifPresent(k -> {
            throw new ConfigException(k, "unknown top-level key '" + k + "'; allowed keys: " + ROOT, null);
        });
        if (!top.has(ROOT)) {
            throw ConfigException.invalid(ROOT, null, "a mapping (the top-level 'hostDNS' key is missing)");
        }
        YamlSection s = YamlSection.of(ROOT, top.entries().get(ROOT)).allowOnly(HOST_DNS_KEYS);
        HostDnsConfig.Builder b = HostDnsConfig.builder()
                .enabled(s.bool("enabled", true))
                .forwardKubeDNSToHost(s.bool("forwardKubeDNSToHost", false))
                .resolveMemberNames(s.bool("resolveMemberNames", false))
                .disableIPv6(s.bool("disableIPv6", false));
        List<String> resolvers = s.strings("resolvers", UPSTREAMS);
        if (resolvers != null) {
            b = b.resolvers(upstreams(s.child("resolvers"), resolvers));
        }
        List<String> listen = s.strings("listen", "host:port strings");
        if (listen != null) {
            List<ListenAddress> parsed = new ArrayList<>();
            for (int i = 0; i < listen.size(); i++) {
                parsed.add(ListenAddress.parse(s.child("listen") + "[" + i + "]", listen.get(i)));
            }
            b = b.listen(parsed);
        }
        if (s.has("podFacingAddress")) {
            b = b.podFacingAddress(HostPort.requireIp(s.child("podFacingAddress"),
                    s.string("podFacingAddress", "", "an IP address literal")));
        }
        if (s.has("queryLog")) {
            b = b.queryLog(queryLog(s.child("queryLog"), s.string("queryLog", "", "a log level")));
        }
        YamlSection cache = s.section("cache");
        if (cache != null) {
            b = b.cache(YamlParts.cache(cache));
        }
        YamlSection timeouts = s.section("timeouts");
        if (timeouts != null) {
            b = b.timeouts(YamlParts.timeouts(timeouts));
        }
        YamlSection acl = s.section("acl");
        if (acl != null) {
            b = b.acl(YamlParts.acl(acl));
        }
        YamlSection resolvConf = s.section("resolvConf");
        if (resolvConf != null) {
            b = b.resolvConf(YamlParts.resolvConf(resolvConf));
        }
        List<String> hostsFiles = s.strings("hostsFiles", "absolute paths of hosts(5) files");
        if (hostsFiles != null) {
            List<Path> paths = new ArrayList<>();
            for (int i = 0; i < hostsFiles.size(); i++) {
                paths.add(path(s.child("hostsFiles") + "[" + i + "]", hostsFiles.get(i)));
            }
            b = b.hostsFiles(paths);
        }
        YamlSection rateLimit = s.section("rateLimit");
        if (rateLimit != null) {
            b = b.rateLimit(YamlParts.rateLimit(rateLimit));
        }
        YamlSection metrics = s.section("metrics");
        if (metrics != null) {
            b = b.metrics(YamlParts.metrics(metrics));
        }
        YamlSection chaos = s.section("chaos");
        if (chaos != null) {
            b = b.chaos(YamlParts.chaos(chaos));
        }
        YamlSection dnssec = s.section("dnssec");
        if (dnssec != null) {
            b = b.dnssec(YamlDnssec.read(dnssec));
        }
        YamlSection routes = s.section("routes");
        if (routes != null) {
            for (Map.Entry<String, Object> e : routes.entries().entrySet()) {
                String path = routes.path() + "[" + e.getKey() + "]";
                b = b.route(name(path, e.getKey()), upstreams(path, YamlSection.strings(path, e.getValue(), UPSTREAMS)));
            }
        }
        YamlSection hosts = s.section("staticHosts");
        if (hosts != null) {
            for (Map.Entry<String, Object> e : hosts.entries().entrySet()) {
                String path = hosts.path() + "[" + e.getKey() + "]";
                Object v = e.getValue();
                List<String> texts = v instanceof String one ? List.of(one)
                        : YamlSection.strings(path, v, "IP address literals");
                List<InetAddress> addresses = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    addresses.add(HostPort.requireIp(path + "[" + i + "]", texts.get(i)));
                }
                b = b.staticHost(name(path, e.getKey()), addresses);
            }
        }
        return b.build();
    }

    private static List<UpstreamSpec> upstreams(String path, List<String> specs) {
        List<UpstreamSpec> parsed = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            parsed.add(ConfigDraft.upstream(path + "[" + i + "]", specs.get(i)));
        }
        return parsed;
    }

    private static HostDnsConfig.QueryLog queryLog(String path, String text) {
        try {
            return HostDnsConfig.QueryLog.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(path, text, "one of off, trace, debug, info");
        }
    }

    private static Path path(String field, String text) {
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw ConfigException.invalid(field, text, "an absolute file path");
        }
    }

    /** A domain or host name, made absolute; the root alone is refused. */
    static Name name(String path, String text) {
        try {
            Name name = Name.fromString(text.trim(), Name.root);
            if (name.equals(Name.root) || text.contains("..") || text.isBlank()) {
                throw ConfigException.invalid(path, text, "a domain name such as corp.example.");
            }
            return name;
        } catch (TextParseException e) {
            throw ConfigException.invalid(path, text, "a domain name such as corp.example.");
        }
    }
}
