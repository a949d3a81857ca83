package io.hostdns.transport.forwarder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

/** The {@code hostDNS.dnssec} section: its defaults, what it reads, and load errors naming field, value and what is allowed. */
class DnssecConfigTest {

    @Test
    void absentSection_doesNotValidate_andCachesBogusAnswersFiveSeconds() {
        HostDnsConfig.Dnssec dnssec = HostDnsConfigLoader.load("hostDNS: {}\n").dnssec();

        assertThat(dnssec).isEqualTo(HostDnsConfig.Dnssec.defaults());
        assertThat(dnssec.validate()).isFalse();
        assertThat(dnssec.trustAnchors()).isEmpty();
        assertThat(dnssec.negativeTrustAnchors()).isEmpty();
        assertThat(dnssec.bogusTtl()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void section_readsValidateAnchorFilesNegativeAnchorsAndBogusTtl() {
        HostDnsConfig config = HostDnsConfigLoader.load("""
                hostDNS:
                  dnssec:
                    validate: true
                    trustAnchors: [/etc/hostdns/corp.example.ds, /etc/hostdns/lab.test.dnskey]
                    negativeTrustAnchors: [broken.example, "Mis-Signed.Test."]
                    bogusTtl: 2s
                """);

        HostDnsConfig.Dnssec dnssec = config.dnssec();
        assertThat(dnssec.validate()).isTrue();
        assertThat(dnssec.trustAnchors()).containsExactly(Path.of("/etc/hostdns/corp.example.ds"),
                Path.of("/etc/hostdns/lab.test.dnskey"));
        assertThat(dnssec.negativeTrustAnchors()).containsExactly(Name.fromConstantString("broken.example."),
                Name.fromConstantString("mis-signed.test."));
        assertThat(dnssec.bogusTtl()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.toBuilder().build().dnssec()).as("kept by toBuilder").isEqualTo(dnssec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "dnssec: true|hostDNS.dnssec must be a mapping of keys to values, got true",
            "dnssec: {validate: on}|hostDNS.dnssec.validate must be true or false, got 'on'",
            "dnssec: {trustAnchors: /etc/a.ds}|hostDNS.dnssec.trustAnchors must be a list of absolute paths of trust anchor files (DS or DNSKEY records), got '/etc/a.ds'",
            "dnssec: {trustAnchors: [anchors/root.ds]}|hostDNS.dnssec.trustAnchors[0] must be an absolute file path, got 'anchors/root.ds'",
            "dnssec: {trustAnchors: [/etc/a.ds, 7]}|hostDNS.dnssec.trustAnchors[1] must be a string (one of the absolute paths of trust anchor files (DS or DNSKEY records)), got 7",
            "dnssec: {negativeTrustAnchors: [\"a..b\"]}|hostDNS.dnssec.negativeTrustAnchors[0] must be a domain name such as corp.example., got 'a..b'",
            "dnssec: {negativeTrustAnchors: [\".\"]}|hostDNS.dnssec.negativeTrustAnchors[0] must be a domain name such as corp.example., got '.'",
            "dnssec: {bogusTtl: 10m}|hostDNS.dnssec.bogusTtl must be a duration between 0ms and 5m, got '10m'",
            "dnssec: {bogusTtl: 5}|hostDNS.dnssec.bogusTtl must be a duration with a unit"})
    void invalidValue_failsNamingFieldValueAndWhatIsAllowed(String line, String expected) {
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS:\n  " + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void unknownKey_failsListingTheAllowedOnes() {
        assertThatThrownBy(() -> HostDnsConfigLoader.load("hostDNS:\n  dnssec: {validation: true}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'validation' in hostDNS.dnssec; allowed keys: bogusTtl, negativeTrustAnchors, "
                        + "trustAnchors, validate");
    }

    @Test
    void builder_refusesRelativeAnchorFiles_andRelativeNegativeAnchors() {
        assertThatThrownBy(() -> new HostDnsConfig.Dnssec(true, List.of(Path.of("root.ds")), List.of(),
                Duration.ofSeconds(5)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hostDNS.dnssec.trustAnchors[0] must be an absolute file path, got 'root.ds'");
        assertThatThrownBy(() -> new HostDnsConfig.Dnssec(true, List.of(), List.of(Name.fromConstantString("example")),
                Duration.ofSeconds(5)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hostDNS.dnssec.negativeTrustAnchors[0] must be an absolute domain name, got 'example'");
    }
}
