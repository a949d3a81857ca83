package io.hostdns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/Dockerfile cannot be built here (no container engine); this checks that it packages what the build
 * makes and runs it as the DaemonSet expects.
 */
class DockerfileTest {

    @Test
    void dockerfile_packagesTheJlinkRuntime_runsServeUnprivileged_andExposesTheDefaultPorts() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));

        assertThat(lines).contains("COPY hostdns-runtime /opt/hostdns", "USER 65532:65532",
                "EXPOSE 53/udp 53/tcp " + HostDnsConfig.Metrics.DEFAULT_PORT + "/tcp",
                "ENTRYPOINT [\"/opt/hostdns/bin/hostdns\"]",
                "CMD [\"serve\", \"--config\", \"/etc/hostdns/hostdns.yaml\"]");
        assertThat(Processes.runtime().resolve("bin/hostdns")).as("what COPY takes from deploy/target").isExecutable();
        assertThat(Files.readString(Path.of("kubernetes", "hostdns-daemonset.yaml"))).contains("runAsUser: 65532");
    }
}
