package io.hostdns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.forwarder.HostDnsForwarder;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.HostDnsConfigLoader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * deploy/kubernetes/hostdns-daemonset.yaml against the forwarder: its configuration loads, the container ports
 * are the ones the configuration listens on, and the probes' port and paths are the endpoints a running
 * forwarder serves with that configuration.
 */
class DaemonSetTest {

    private static final Path MANIFEST = Path.of("kubernetes", "hostdns-daemonset.yaml");

    private static List<Map<?, ?>> documents() throws Exception {
        List<Map<?, ?>> documents = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(MANIFEST))) {
            documents.add((Map<?, ?>) document);
        }
        return documents;
    }

    private static Map<?, ?> kind(List<Map<?, ?>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<?, ?>) current).get(key);
        }
        return (T) current;
    }

    @Test
    void daemonSet_isNodeLocal_withProbesOnTheMetricsPortAndPaths_andItsConfigLoads() throws Exception {
        List<Map<?, ?>> documents = documents();
        Map<?, ?> daemonSet = kind(documents, "DaemonSet");
        HostDnsConfig config = HostDnsConfigLoader.load((String) at(kind(documents, "ConfigMap"), "data", "hostdns.yaml"));
        Map<?, ?> pod = at(daemonSet, "spec", "template", "spec");
        Map<?, ?> container = at(pod, "containers", "0");

        assertThat(pod.get("hostNetwork")).isEqualTo(true);
        assertThat(pod.get("priorityClassName")).isEqualTo("system-node-critical");
        int metricsPort = config.metrics().listen().port();
        assertThat(metricsPort).isEqualTo(HostDnsConfig.Metrics.DEFAULT_PORT);
        assertThat((Integer) at(container, "livenessProbe", "httpGet", "port")).isEqualTo(metricsPort);
        assertThat((Integer) at(container, "readinessProbe", "httpGet", "port")).isEqualTo(metricsPort);
        assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health");
        assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/ready");
        List<Map<?, ?>> ports = at(container, "ports");
        assertThat(ports).extracting(p -> p.get("containerPort") + "/" + p.get("protocol"))
                .containsExactlyInAnyOrder(config.listen().get(0).port() + "/UDP", config.listen().get(0).port() + "/TCP",
                        metricsPort + "/TCP");
        assertThat((List<String>) at(container, "securityContext", "capabilities", "add")).containsExactly("NET_BIND_SERVICE");
        assertThat((Boolean) at(container, "securityContext", "readOnlyRootFilesystem")).isTrue();
        assertThat((String) at(container, "resources", "limits", "memory")).isNotBlank();
        assertThat((List<String>) at(container, "args")).containsExactly("serve", "--config", "/etc/hostdns/hostdns.yaml");
        assertThat((String) at(container, "volumeMounts", "0", "mountPath")).isEqualTo("/etc/hostdns");
    }

    @Test
    void probePaths_areServedByAForwarderRunningTheDaemonSetsConfiguration() throws Exception {
        HostDnsConfig shipped = HostDnsConfigLoader.load((String) at(kind(documents(), "ConfigMap"), "data",
                "hostdns.yaml"));
        Map<?, ?> container = at(kind(documents(), "DaemonSet"), "spec", "template", "spec", "containers", "0");
        // the same configuration on loopback ports this test may bind
        HostDnsConfig local = shipped.toBuilder().listen("127.0.0.1:0").metrics(HostDnsConfig.Metrics.at("127.0.0.1:0"))
                .build();
        HostDnsForwarder forwarder = HostDnsForwarder.builder(local).loopCheck(null).start().block(Duration.ofSeconds(10));
        try {
            InetSocketAddress http = forwarder.httpAddress();
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                String path = at(container, probe, "httpGet", "path");
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + http.getPort() + path)
                        .toURL().openConnection();
                connection.setConnectTimeout(5_000);
                connection.setReadTimeout(5_000);
                try {
                    // ready needs an upstream that is not DOWN: 10.96.0.10 is never asked here, so it is not
                    assertThat(connection.getResponseCode()).as(probe + " " + path).isEqualTo(200);
                } finally {
                    connection.disconnect();
                }
            }
        } finally {
            forwarder.shutdown(Duration.ZERO).block(Duration.ofSeconds(10));
        }
    }
}
