package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.transport.testing.NsdServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The front door against a real authoritative server, NSD, on loopback. */
class HostDnsNsdTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static NsdServer nsd;
    private static HostDns dns;

    @BeforeAll
    static void startNsd() {
        nsd = NsdServer.start("front.test", """
                $ORIGIN front.test.
                $TTL 300
                @     IN SOA ns1 hostmaster 1 3600 600 86400 60
                @     IN NS  ns1
                @     IN MX  10 mail
                ns1   IN A   127.0.0.1
                www   IN A   192.0.2.80
                www   IN AAAA 2001:db8::80
                v4    IN A   192.0.2.44
                alias IN CNAME www
                """);
        dns = HostDns.of("127.0.0.1:" + nsd.address().getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void lookup_getsBothFamilies_ipv4First_throughACname() throws Exception {
        assertThat(Mono.defer(() -> dns.lookup("alias.front.test")).subscribeOn(Schedulers.parallel()).block(WAIT))
                .containsExactly(address("192.0.2.80"), address("2001:db8::80"));
        assertThat(dns.lookup("v4.front.test").block(WAIT)).containsExactly(address("192.0.2.44"));
    }

    @Test
    void lookup_ofAMissingName_failsWithUnknownHostException_fromNsdsNxdomain() {
        StepVerifier.create(dns.lookup("missing.front.test"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownHostException.class)
                        .hasMessageContaining("missing.front.test").hasMessageContaining("NXDOMAIN"))
                .verify(WAIT);
    }

    @Test
    void resolve_mx_isAnsweredByNsd_thenFromTheCache() {
        Query mx = Query.of("front.test", Type.MX);
        Answer first = dns.resolve(mx).block(WAIT);
        Answer again = dns.resolve(mx).block(WAIT);

        assertThat(first.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(first.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(first.message().getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((MXRecord) r).getTarget().toString()).isEqualTo("mail.front.test."));
        assertThat(again.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(dns.upstreams()).singleElement()
                .satisfies(s -> assertThat(s.rttMean()).isNotNull());
    }
}
