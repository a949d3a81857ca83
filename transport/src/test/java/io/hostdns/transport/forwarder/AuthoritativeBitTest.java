package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The AA bit as issue 15 asks: clear on every answer not from local data (forwarded, then cached, over UDP and
 * TCP), although the upstream set it; set on answers from local data (static hosts, hosts files, CHAOS).
 */
class AuthoritativeBitTest {

    private FakeDnsServer upstream;
    private HostDnsForwarder forwarder;

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void aa_clearOnForwardedAndCachedAnswers_setOnLocalData(@TempDir Path dir) throws Exception {
        // an authoritative upstream: AA=1 on everything it answers
        upstream = FakeDnsServer.start(request -> FakeReply.message(r -> {
            Message m = Responses.withAnswers(Responses.to(r), Responses.a(r.name(), "192.0.2.1"));
            m.getHeader().setFlag(Flags.AA);
            return m;
        }));
        Path hosts = Files.writeString(dir.resolve("hosts"), "192.0.2.20 file.example\n");
        HostDnsConfig config = HostDnsConfig.builder().listen("127.0.0.1:0").resolvers("127.0.0.1:" + upstream.port())
                .metrics(HostDnsConfig.Metrics.off())
                .staticHost(Name.fromString("static.example."), List.of(InetAddress.getByName("192.0.2.10")))
                .hostsFiles(List.of(hosts)).chaos(new HostDnsConfig.Chaos("hostdns test", null)).build();
        forwarder = HostDnsForwarder.builder(config).loopCheck(null).start().block(Duration.ofSeconds(10));
        InetSocketAddress dns = forwarder.listenAddresses().get(0);

        Message forwarded = Dns.ask(dns, "www.example", Type.A);
        Message cachedUdp = Dns.ask(dns, "www.example", Type.A);
        Message cachedTcp = Dns.ask(dns, "www.example", Type.A, true);
        Message fromStaticHosts = Dns.ask(dns, "static.example", Type.A);
        Message fromHostsFile = Dns.ask(dns, "file.example", Type.A);
        Message chaos = askChaos(dns, "version.bind");

        assertThat(upstream.requests()).as("one query forwarded, the rest from the cache").hasSize(1);
        for (Message upstreamAnswer : List.of(forwarded, cachedUdp, cachedTcp)) {
            assertThat(Dns.first(upstreamAnswer)).isEqualTo("192.0.2.1");
            assertThat(upstreamAnswer.getHeader().getFlag(Flags.AA)).as(upstreamAnswer.toString()).isFalse();
        }
        assertThat(Dns.first(fromStaticHosts)).isEqualTo("192.0.2.10");
        assertThat(fromStaticHosts.getHeader().getFlag(Flags.AA)).as("static hosts are local data").isTrue();
        assertThat(Dns.first(fromHostsFile)).isEqualTo("192.0.2.20");
        assertThat(fromHostsFile.getHeader().getFlag(Flags.AA)).as("a hosts file is local data").isTrue();
        assertThat(chaos.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(chaos.getHeader().getFlag(Flags.AA)).as("CHAOS answers are local data").isTrue();
    }

    private static Message askChaos(InetSocketAddress server, String name) throws Exception {
        SimpleResolver client = new SimpleResolver(server);
        client.setTimeout(Duration.ofSeconds(2));
        return client.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.TXT, DClass.CH)));
    }
}
