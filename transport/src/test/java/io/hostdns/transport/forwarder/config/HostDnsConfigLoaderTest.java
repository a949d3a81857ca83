package io.hostdns.transport.forwarder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Protocol;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.internal.IpLiteral;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.server.ClientRateLimit;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

class HostDnsConfigLoaderTest {

    private static final String TALOS_LIKE = """
            hostDNS:
              enabled: true
              forwardKubeDNSToHost: true
              resolveMemberNames: true
              listen: ["127.0.0.53:53", "[::1]:53"]
              resolvers:
                - udp://192.168.1.22
                - tls://1.1.1.1
                - https://dns.example/dns-query
                - "[fe80::1%eth0]:53"
              podFacingAddress: 169.254.116.108
              cache:
                maxEntries: 20000
                minTtl: 10s
                maxTtl: 1h
                negativeMaxTtl: 10s
                servfailTtl: 5s
                serveStale: true
                maxStale: 1d
                staleAnswerTimeout: 500ms
                prefetch: true
              timeouts: {attempt: 2s, overall: 4.5s, hedgeDelay: 150ms}
              queryLog: info
              disableIPv6: true
              routes:
                corp.example.: ["10.0.0.53", "tcp://10.0.0.54"]
                Lab.Example: ["tls://10.1.0.53"]
              acl:
                allow: [127.0.0.0/8, "::1/128", 10.244.0.0/16]
              staticHosts:
                db.corp.example: [10.0.0.5, "fd00::5"]
                printer: 10.0.0.9
              resolvConf: {path: /run/hostdns/resolv.conf, write: true, keepSearch: false}
              chaos: {version: "hostdns 0.1", id: node-7}
              metrics: {listen: "0.0.0.0:9253"}
              hostsFiles: [/etc/hosts, /run/hostdns/extra-hosts]
              rateLimit: {queriesPerSecond: 50, burst: 100, ipv4Prefix: 32, overLimit: refuse}
            """;

    @Test
    void talosLikeExample_loadsEveryField() {
        HostDnsConfig c = HostDnsConfigLoader.load(TALOS_LIKE);

        assertThat(c.enabled()).isTrue();
        assertThat(c.forwardKubeDNSToHost()).isTrue();
        assertThat(c.resolveMemberNames()).isTrue();
        assertThat(c.listenAddresses()).extracting(Object::toString)
                .containsExactly("127.0.0.53:53", "[::1]:53", "169.254.116.108:53");
        assertThat(c.resolvers()).extracting(UpstreamSpec::protocol)
                .containsExactly(Protocol.UDP, Protocol.TLS, Protocol.HTTPS, Protocol.UDP);
        assertThat(c.resolvers().get(3).zone()).isEqualTo("eth0");
        assertThat(c.cache().maxEntries()).isEqualTo(20_000);
        assertThat(c.cache().minTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.cache().negativeMinTtl()).as("absent keys keep defaults").isEqualTo(Duration.ofSeconds(5));
        assertThat(c.cache().serveStale()).isTrue();
        assertThat(c.cache().staleAnswerTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.cache().prefetch()).isTrue();
        assertThat(c.timeouts()).isEqualTo(new HostDnsConfig.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(4500),
                Duration.ofMillis(150)));
        assertThat(c.queryLog()).isEqualTo(HostDnsConfig.QueryLog.INFO);
        assertThat(c.disableIPv6()).isTrue();
        assertThat(c.routes()).containsOnlyKeys(Name.fromConstantString("corp.example."), Name.fromConstantString("lab.example."));
        assertThat(c.routes().get(Name.fromConstantString("corp.example."))).extracting(Object::toString)
                .containsExactly("udp://10.0.0.53:53", "tcp://10.0.0.54:53");
        assertThat(c.acl().allows(IpLiteral.parse("10.244.3.4"))).isTrue();
        assertThat(c.staticHosts().get(Name.fromConstantString("db.corp.example."))).extracting(IpLiteral::format)
                .containsExactly("10.0.0.5", "fd00::5");
        assertThat(c.staticHosts().get(Name.fromConstantString("printer."))).extracting(IpLiteral::format)
                .containsExactly("10.0.0.9");
        assertThat(c.resolvConf()).isEqualTo(new HostDnsConfig.ResolvConf(Path.of("/run/hostdns/resolv.conf"), true, false));
        assertThat(c.chaos()).isEqualTo(new HostDnsConfig.Chaos("hostdns 0.1", "node-7"));
        assertThat(c.metrics().listen()).hasToString("0.0.0.0:9253");
        assertThat(c.hostsFiles()).containsExactly(Path.of("/etc/hosts"), Path.of("/run/hostdns/extra-hosts"));
        assertThat(c.rateLimit()).isEqualTo(new ClientRateLimit(50, 100, 32, 56, 100_000, ClientRateLimit.OverLimit.REFUSE));
        assertThat(HostDnsConfigLoader.load("hostDNS:\n  rateLimit: {queriesPerSecond: 2.5}\n").rateLimit())
                .as("burst: one second's worth; slip").isEqualTo(ClientRateLimit.of(2.5, 3));
        assertThat(HostDnsConfigLoader.load("hostDNS:\n  metrics: {listen: \"\"}\n").metrics().listen()).isNull();
        assertThat(HostDnsConfigLoader.load("hostDNS:\n  metrics: {}\n").metrics()).isEqualTo(HostDnsConfig.Metrics.defaults());
    }

    @Test
    void staticHosts_loadIntoAStaticHostsTable_ownedNamesWithoutAddressIncluded() {
        var config = HostDnsConfigLoader.load("hostDNS:\n  staticHosts:\n    db.corp.example: [10.0.0.5, \"fd00::5\"]\n"
                + "    placeholder: []\n");

        StaticHosts hosts = StaticHosts.builder().addAll(config.staticHosts()).build();

        assertThat(hosts.addresses(Name.fromConstantString("DB.corp.example."))).containsExactly(
                IpLiteral.parse("10.0.0.5"), IpLiteral.parse("fd00::5"));
        assertThat(hosts.addresses(Name.fromConstantString("placeholder."))).as("owned, no address").isEmpty();
        assertThat(hosts.pointers(ReverseMap.fromAddress(IpLiteral.parse("fd00::5"))))
                .containsExactly(Name.fromConstantString("db.corp.example."));
    }

    @Test
    void minimalDocument_isTheDefaults_fromReaderAndPath(@TempDir Path dir) throws Exception {
        assertThat(HostDnsConfigLoader.load(new StringReader("hostDNS: {}\n"))).isEqualTo(HostDnsConfig.defaults());
        Path file = Files.writeString(dir.resolve("hostdns.yaml"), "hostDNS:\n  enabled: false\n");
        assertThat(HostDnsConfigLoader.load(file).enabled()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "listen: 5|hostDNS.listen must be a list of host:port strings, got 5",
            "listen: [5]|hostDNS.listen[0] must be a string (one of the host:port strings), got 5",
            "listen: [\"127.0.0.53:99999\"]|hostDNS.listen[0] must be a host:port string with an IP address",
            "enabled: yes|hostDNS.enabled must be true or false, got 'yes'",
            "resolvers: [1.1.1.1, \"quic://1.1.1.1\"]|hostDNS.resolvers[1]: invalid upstream 'quic://1.1.1.1': unknown scheme 'quic'",
            "resolvers: []|hostDNS.resolvers must be a non-empty list of upstreams, got '[]'",
            "resolvers: 1.1.1.1|hostDNS.resolvers must be a list of upstream specs",
            "podFacingAddress: t.l|hostDNS.podFacingAddress must be an IPv4 or IPv6 address literal, got 't.l'",
            "cache: {maxEntries: -1}|hostDNS.cache.maxEntries must be an integer from 0 (no cache) to 10000000, got -1",
            "cache: {maxEntries: lots}|hostDNS.cache.maxEntries must be an integer, got 'lots'",
            "cache: {minTtl: 5}|hostDNS.cache.minTtl must be a duration with a unit (ms, s, m, h, d), e.g. 500ms, 2s, 4.5s, 1m, 1d, got 5",
            "cache: {servfailTtl: 10m}|hostDNS.cache.servfailTtl must be a duration between 0ms and 5m, got '10m'",
            "cache: {negativeMinTtl: 20s}|hostDNS.cache.negativeMaxTtl must be at least hostDNS.cache.negativeMinTtl (20s), got '10s'",
            "cache: 3|hostDNS.cache must be a mapping of keys to values, got 3",
            "timeouts: {attempt: 0ms}|hostDNS.timeouts.attempt must be a duration between 1ms and 30s, got '0ms'",
            "timeouts: {overall: 2 minutes}|hostDNS.timeouts.overall must be a duration with a unit",
            "queryLog: loud|hostDNS.queryLog must be one of off, trace, debug, info, got 'loud'",
            "routes: {corp.example.: []}|hostDNS.routes[corp.example.] must be a non-empty list of upstreams, got '[]'",
            "routes: {corp.example.: 10.0.0.53}|hostDNS.routes[corp.example.] must be a list of upstream specs",
            "routes: {\"a..b\": [10.0.0.53]}|hostDNS.routes[a..b] must be a domain name such as corp.example., got 'a..b'",
            "acl: {allow: [10.0.0.0/40]}|hostDNS.acl.allow[0] must be an IP network address/prefix",
            "acl: {}|hostDNS.acl.allow must be a non-empty list of client networks, got null",
            "staticHosts: {db: [10.0.0.300]}|hostDNS.staticHosts[db][0] must be an IPv4 or IPv6 address literal, got '10.0.0.300'",
            "resolvConf: {path: relative/resolv.conf}|hostDNS.resolvConf.path must be an absolute file path, got 'relative/resolv.conf'",
            "chaos: {version: \"\"}|hostDNS.chaos.version must be 1 to 255 printable ASCII characters (one TXT string), or null to answer REFUSED, got ''",
            "chaos: {id: 7}|hostDNS.chaos.id must be a TXT string, or null to answer REFUSED, got 7",
            "chaos: {version: \"caf\u00e9\"}|hostDNS.chaos.version must be 1 to 255 printable ASCII characters",
            "chaos: {name: x}|unknown key 'name' in hostDNS.chaos; allowed keys: id, version",
            "metrics: {listen: \"localhost:9253\"}|hostDNS.metrics.listen must be a host:port string with an IP address",
            "metrics: {listen: 9253}|hostDNS.metrics.listen must be an ip:port string such as 127.0.0.1:9253, or \"\" for no endpoints, got 9253",
            "metrics: {port: 1}|unknown key 'port' in hostDNS.metrics; allowed keys: listen",
            "hostsFiles: [etc/hosts]|hostDNS.hostsFiles[0] must be an absolute file path, got 'etc/hosts'",
            "hostsFiles: [/etc/hosts, /etc/hosts]|hostDNS.hostsFiles[1] must be a file not already listed (it is hostDNS.hostsFiles[0]), got '/etc/hosts'",
            "hostsFiles: /etc/hosts|hostDNS.hostsFiles must be a list of absolute paths of hosts(5) files, got '/etc/hosts'",
            "rateLimit: {burst: 5}|hostDNS.rateLimit.queriesPerSecond must be a number of queries per second per client network above 0 (the rate limit needs one), got null",
            "rateLimit: {queriesPerSecond: 0}|hostDNS.rateLimit.queriesPerSecond must be a number above 0 and at most 1000000, got 0.0",
            "rateLimit: {queriesPerSecond: fast}|hostDNS.rateLimit.queriesPerSecond must be a number above 0, got 'fast'",
            "rateLimit: {queriesPerSecond: 5, ipv4Prefix: 33}|hostDNS.rateLimit.ipv4Prefix must be an integer from 1 to 32, got 33",
            "rateLimit: {queriesPerSecond: 5, overLimit: drop}|hostDNS.rateLimit.overLimit must be slip (UDP answered TC=1 so honest clients retry over TCP) or refuse (REFUSED), got 'drop'",
            "rateLimit: {queriesPerSecond: 5, perClient: 1}|unknown key 'perClient' in hostDNS.rateLimit; allowed keys: burst, ipv4Prefix, ipv6Prefix, maxTrackedClients, overLimit, queriesPerSecond",
            "resolvers: [127.0.0.53]|hostDNS.resolvers[0] must not be one of our own listen addresses, got 'udp://127.0.0.53:53' which is hostDNS.listen[0]"})
    void invalidValue_failsNamingFieldValueAndWhatIsAllowed(String line, String expected) {
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS:\n  " + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void unknownKey_failsNamingItAndListingTheAllowedOnes() {
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS:\n  cache:\n    maxEntry: 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'maxEntry' in hostDNS.cache; allowed keys: maxEntries, maxStale, maxTtl, "
                        + "minTtl, negativeMaxTtl, negativeMinTtl, prefetch, serveStale, servfailTtl, "
                        + "staleAnswerTimeout, staleAnswerTtl")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("hostDNS.cache.maxEntry");
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS:\n  resolver: [1.1.1.1]\n"))
                .hasMessageStartingWith("unknown key 'resolver' in hostDNS; allowed keys: acl, cache, chaos, disableIPv6, dnssec, enabled,");
        assertThatThrownBy(() -> HostDnsConfigLoader.load("machine: {}\n"))
                .hasMessage("unknown top-level key 'machine'; allowed keys: hostDNS");
    }

    @Test
    void brokenYamlEmptyDocumentsAndDuplicateKeys_failClearly() {
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS: [unclosed\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("the configuration is not valid YAML");
        assertThatThrownBy(() -> HostDnsConfigLoader.load(""))
                .hasMessage("hostDNS must be a mapping under a top-level 'hostDNS' key, got null");
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS:\n  enabled: true\n  enabled: false\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enabled");
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS: 3\n"))
                .hasMessage("hostDNS must be a mapping of keys to values, got 3");
    }
}
