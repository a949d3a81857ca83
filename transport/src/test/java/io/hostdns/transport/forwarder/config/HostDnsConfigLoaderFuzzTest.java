package io.hostdns.transport.forwarder.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the YAML config loader: whatever the bytes, it returns a valid configuration or throws
 * {@link ConfigException} with a message; any other exception (or error) is a finding. In a normal build
 * this runs once per file of the committed corpus in
 * {@code src/test/resources/io/hostdns/core/config/HostDnsConfigLoaderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see docs/fuzzing.md).
 */
class HostDnsConfigLoaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void load_returnsAConfigOrThrowsConfigException_only(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        try {
            HostDnsConfig config = HostDnsConfigLoader.load(yaml);
            assertThat(config.listenAddresses()).isNotEmpty();
            assertThat(config.resolvers()).isNotEmpty();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
