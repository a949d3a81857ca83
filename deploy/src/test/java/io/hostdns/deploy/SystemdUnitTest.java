package io.hostdns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/systemd/hostdns.service: valid for systemd, hardened, and starting the runtime the build makes. */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("systemd", "hostdns.service");
    private static final String EXEC_START = "ExecStart=/opt/hostdns/bin/hostdns serve --config /etc/hostdns/hostdns.yaml";

    @TempDir
    Path dir;

    @Test
    void unit_passesSystemdAnalyzeVerify_withTheBuiltRuntimeAsItsCommand() throws Exception {
        String analyze = Processes.require("systemd-analyze", "systemd");
        String unit = Files.readString(UNIT);
        assertThat(unit).contains(EXEC_START + "\n");
        // verify checks that the command exists: point it at the runtime this build made instead of /opt
        Path installed = Files.writeString(dir.resolve("hostdns.service"), unit.replace("/opt/hostdns/bin/hostdns",
                Processes.runtime().resolve("bin/hostdns").toString()));

        Processes.Result verify = Processes.run(Duration.ofSeconds(30), List.of(analyze, "verify", installed.toString()));

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("no warning about the unit").doesNotContain("hostdns.service");
    }

    @Test
    void unit_runsAsItsOwnUser_withOnlyTheBindCapability_onAReadOnlySystem_exposureOk() throws Exception {
        String analyze = Processes.require("systemd-analyze", "systemd");
        List<String> lines = Files.readAllLines(UNIT);

        assertThat(lines).contains("DynamicUser=yes", "User=hostdns", "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                "CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes", "ExecReload=/bin/kill -HUP $MAINPID");
        Processes.Result security = Processes.run(Duration.ofSeconds(30),
                List.of(analyze, "security", "--offline=true", "--no-pager", UNIT.toAbsolutePath().toString()));

        Matcher exposure = Pattern.compile("Overall exposure level for hostdns\\.service: (\\d+\\.\\d+) (\\S+)")
                .matcher(security.output());
        assertThat(exposure.find()).as(security.output()).isTrue();
        assertThat(Double.parseDouble(exposure.group(1))).as("systemd's exposure score (0 best, 10 worst)")
                .isLessThanOrEqualTo(2.0);
        assertThat(exposure.group(2)).isEqualTo("OK");
    }
}
