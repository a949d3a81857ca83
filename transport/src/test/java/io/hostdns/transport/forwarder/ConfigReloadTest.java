package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.HostDnsConfigLoader;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.Responses;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * Reload: a changed file, a trigger (SIGHUP's stand-in), a bad file that keeps the running configuration and
 * says so, hosts files followed and the per-client rate limit from the YAML.
 */
class ConfigReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FakeDnsServer first;
    private FakeDnsServer second;
    private HostDnsForwarder forwarder;
    private Disposable reload;

    @BeforeEach
    void startUpstreams() {
        first = FakeDnsServer.start(request -> Responses.aFor("192.0.2.1"));
        second = FakeDnsServer.start(request -> Responses.aFor("192.0.2.2"));
    }

    @AfterEach
    void stop() {
        if (reload != null) {
            reload.dispose();
        }
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(WAIT);
        }
        first.close();
        second.close();
    }

    private String yaml(FakeDnsServer upstream, String more) {
        return "hostDNS:\n  listen: [\"127.0.0.1:0\"]\n  metrics: {listen: \"\"}\n  resolvers: [\"127.0.0.1:"
                + upstream.port() + "\"]\n" + more;
    }

    private Path start(String yaml, Duration poll) throws Exception {
        Path file = Files.writeString(dir.resolve("hostdns.yaml"), yaml);
        forwarder = HostDnsForwarder.builder(HostDnsConfigLoader.load(file)).loopCheck(null).pollInterval(poll)
                .start().block(WAIT);
        return file;
    }

    private InetSocketAddress dns() {
        return forwarder.listenAddresses().get(0);
    }

    /** Rewrites {@code file} so that its size changes too (the poll compares modification time and size). */
    /** Replaces the file whole, as editors and ConfigMaps do: a poll never reads it half written. */
    private static void rewrite(Path file, String yaml) throws Exception {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"),
                yaml + "# " + System.nanoTime() + "\n");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void changedFile_isAppliedByPolling_andTheStatusSaysFromWhere() throws Exception {
        Path file = start(yaml(first, ""), Duration.ofMillis(50));
        reload = forwarder.reloadFrom(file, Sinks.many().multicast().<Object>directBestEffort().asFlux(),
                UnaryOperator.identity());
        assertThat(Dns.first(Dns.ask(dns(), "a.example", Type.A))).isEqualTo("192.0.2.1");

        rewrite(file, yaml(second, ""));
        Await.until(WAIT, "the new upstream to be applied",
                () -> forwarder.config().resolvers().get(0).port() == second.port());

        assertThat(Dns.first(Dns.ask(dns(), "b.example", Type.A))).isEqualTo("192.0.2.2");
        ForwarderStatus.ConfigStatus status = forwarder.status().config();
        assertThat(status.source()).isEqualTo(file.toString());
        assertThat(status.applied()).isEqualTo(2);
        assertThat(status.lastError()).isNull();
    }

    @Test
    void badFile_keepsTheRunningConfiguration_saysWhyInTheStatusAndReady_untilAGoodOneArrives() throws Exception {
        Path file = start(yaml(first, ""), Duration.ofMillis(50));
        reload = forwarder.reloadFrom(file, Sinks.many().multicast().<Object>directBestEffort().asFlux(),
                UnaryOperator.identity());

        rewrite(file, yaml(second, "  cache: {maxEntries: -1}\n"));
        Await.until(WAIT, "the failed reload to show", () -> forwarder.status().config().failed() == 1);

        assertThat(forwarder.config().resolvers().get(0).port()).isEqualTo(first.port());
        assertThat(Dns.first(Dns.ask(dns(), "a.example", Type.A))).isEqualTo("192.0.2.1");
        ForwarderStatus.ConfigStatus status = forwarder.status().config();
        assertThat(status.lastError()).isEqualTo(
                "hostDNS.cache.maxEntries must be an integer from 0 (no cache) to 10000000, got -1");
        Readiness ready = Readiness.of(forwarder.status(), false);
        assertThat(ready.ready()).isTrue();
        assertThat(ready.reason()).endsWith("; the last reload failed, the previous configuration is serving: "
                + "hostDNS.cache.maxEntries must be an integer from 0 (no cache) to 10000000, got -1");

        rewrite(file, yaml(second, ""));
        Await.until(WAIT, "the good file to be applied", () -> forwarder.status().config().lastError() == null);
        assertThat(forwarder.config().resolvers().get(0).port()).isEqualTo(second.port());
        assertThat(forwarder.status().config().failed()).isEqualTo(1);
    }

    @Test
    void trigger_reloadsAtOnce_withoutWaitingForThePoll_andTheAdjustmentApplies() throws Exception {
        Path file = start(yaml(first, ""), Duration.ofHours(1));
        Sinks.Many<Object> sighup = Sinks.many().multicast().directBestEffort();
        reload = forwarder.reloadFrom(file, sighup.asFlux(),
                config -> config.toBuilder().queryLog(HostDnsConfig.QueryLog.OFF).build());
        Await.until(WAIT, "the first read to apply the adjustment",
                () -> forwarder.config().queryLog() == HostDnsConfig.QueryLog.OFF);

        Files.writeString(file, yaml(second, "")); // the poll would not see it for an hour
        sighup.tryEmitNext("HUP");

        Await.until(WAIT, "the signalled reload", () -> forwarder.config().resolvers().get(0).port() == second.port());
        assertThat(forwarder.config().queryLog()).isEqualTo(HostDnsConfig.QueryLog.OFF);
    }

    @Test
    void hostsFiles_areAnswered_followed_andAChangedNameLeavesTheCache() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "10.0.0.5 db.lan db\n# comment\n10.0.0.300 broken\n");
        start(yaml(first, "  hostsFiles: [\"" + hosts + "\"]\n"), Duration.ofMillis(50));

        assertThat(Dns.first(Dns.ask(dns(), "db.lan", Type.A))).isEqualTo("10.0.0.5");
        assertThat(forwarder.pipeline().resolve(Query.of("db", Type.A)).block(WAIT).source())
                .isEqualTo(AnswerSource.HOSTS);
        assertThat(Dns.first(Dns.ask(dns(), "new.lan", Type.A))).as("from the upstream, and cached").isEqualTo("192.0.2.1");
        assertThat(forwarder.stages()).filteredOn(s -> s.name().equals("hosts")).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("hosts files [" + hosts + "]"));

        Files.writeString(hosts, "10.0.0.6 db.lan\n10.0.0.9 new.lan\n");

        Await.until(WAIT, "the changed hosts file to be answered", () -> {
            try {
                return Dns.first(Dns.ask(dns(), "new.lan", Type.A)).equals("10.0.0.9");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Dns.first(Dns.ask(dns(), "db.lan", Type.A))).isEqualTo("10.0.0.6");
        assertThat(Dns.ask(dns(), "db", Type.A).getRcode()).as("gone from the file").isEqualTo(Rcode.NOERROR);
        assertThat(Dns.first(Dns.ask(dns(), "db", Type.A))).isEqualTo("192.0.2.1");
    }

    @Test
    void rateLimit_fromTheYaml_limitsEachClient_andAReloadLiftsIt() throws Exception {
        Path file = start(yaml(first, "  rateLimit: {queriesPerSecond: 0.001, burst: 2, overLimit: refuse}\n"),
                Duration.ofMillis(50));
        reload = forwarder.reloadFrom(file, Sinks.many().multicast().<Object>directBestEffort().asFlux(),
                UnaryOperator.identity());

        assertThat(Dns.ask(dns(), "a.example", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Dns.ask(dns(), "a.example", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Dns.ask(dns(), "a.example", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);

        rewrite(file, yaml(first, ""));
        // applied once the listeners are rebuilt without the limit (they are rebuilt: port 0 gives a new port)
        Await.until(WAIT, "the limit to be lifted", () -> forwarder.status().config().applied() == 2);
        assertThat(forwarder.config().rateLimit()).isNull();
        assertThat(Dns.ask(forwarder.listenAddresses().get(0), "a.example", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
    }
}
