package io.hostdns.core.hosts;

import static io.hostdns.core.hosts.LocalAnswerAssertions.address;
import static io.hostdns.core.hosts.LocalAnswerAssertions.assertAuthoritative;
import static io.hostdns.core.hosts.LocalAnswerAssertions.assertNodata;
import static io.hostdns.core.hosts.LocalAnswerAssertions.resolveOne;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.Upstream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class HostsResolverTest extends ResolverContract {

    private final AtomicInteger forwarded = new AtomicInteger();
    private final Resolver upstream = q -> Mono.fromCallable(() -> {
        forwarded.incrementAndGet();
        return TestAnswers.a(q, "192.0.2.99", 300);
    });

    private final StaticHosts hosts = StaticHosts.builder()
            .hostsFile(HostsFile.parse("/etc/hosts", "10.0.0.5 db.example.com db\nfd00::5 db.example.com\n"
                    + "10.0.0.7 v4only.example.com\nfd00::7 v6only.example.com\n").requireValid())
            .add(Name.fromConstantString("Web.Example.com."), List.of(address("10.0.0.8")))
            .node("node1", "node1.cluster.example", List.of(address("10.0.0.1"), address("fd00::1")))
            .build();

    @Override
    protected Resolver resolverOver(Upstream upstream) {
        return new HostsResolver(hosts, upstream.resolver());
    }

    private Answer resolve(String name, int type) {
        return resolveOne(new HostsResolver(hosts, upstream), Query.of(name, type));
    }

    @Test
    void a_andAaaa_areAnsweredAuthoritativelyWithTtl10_neverForwarded() {
        assertAuthoritative(resolve("db.example.com.", Type.A), AnswerSource.HOSTS, "10.0.0.5");
        assertAuthoritative(resolve("db.example.com.", Type.AAAA), AnswerSource.HOSTS, "fd00::5");
        assertAuthoritative(resolve("db.", Type.A), AnswerSource.HOSTS, "10.0.0.5");
        assertThat(forwarded).hasValue(0);
    }

    @Test
    void ptr_isAnsweredForIpv4AndIpv6_withEveryNameOfTheAddress_canonicalFirst() {
        assertAuthoritative(resolve("5.0.0.10.in-addr.arpa.", Type.PTR), AnswerSource.HOSTS,
                "db.example.com.", "db.");
        assertAuthoritative(resolve("5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.", Type.PTR),
                AnswerSource.HOSTS, "db.example.com.");
        assertNodata(resolve("5.0.0.10.in-addr.arpa.", Type.A), AnswerSource.HOSTS);
        assertThat(forwarded).hasValue(0);
    }

    @Test
    void missingFamily_isNodataWithSoa_neverForwarded() {
        assertNodata(resolve("v4only.example.com.", Type.AAAA), AnswerSource.HOSTS);
        assertNodata(resolve("v6only.example.com.", Type.A), AnswerSource.HOSTS);
        assertThat(forwarded).hasValue(0);
    }

    @Test
    void otherTypesOfAnOwnedName_areNodata_andAnyGetsBothFamilies() {
        assertNodata(resolve("db.example.com.", Type.MX), AnswerSource.HOSTS);
        assertNodata(resolve("db.example.com.", Type.TXT), AnswerSource.HOSTS);
        assertAuthoritative(resolve("db.example.com.", Type.ANY), AnswerSource.HOSTS, "10.0.0.5", "fd00::5");
        assertThat(forwarded).hasValue(0);
    }

    @Test
    void namesMatchCaseInsensitively_andTheReplyEchoesTheQuestionAsAsked() {
        Answer answer = resolve("DB.Example.COM.", Type.A);
        assertAuthoritative(answer, AnswerSource.HOSTS, "10.0.0.5");
        assertThat(answer.message().getQuestion().getName().toString()).isEqualTo("DB.Example.COM.");
        assertThat(answer.message().getSection(org.xbill.DNS.Section.ANSWER).get(0).getName().toString())
                .isEqualTo("DB.Example.COM.");
        assertAuthoritative(resolve("web.example.com.", Type.A), AnswerSource.HOSTS, "10.0.0.8");
        assertThat(resolve("8.0.0.10.in-addr.arpa.", Type.PTR).message().getSection(org.xbill.DNS.Section.ANSWER)
                .get(0).rdataToString()).isEqualTo("Web.Example.com.");
    }

    @Test
    void nodesOwnHostnameAndFqdn_areAnswered() {
        assertAuthoritative(resolve("node1.", Type.A), AnswerSource.HOSTS, "10.0.0.1");
        assertAuthoritative(resolve("node1.cluster.example.", Type.AAAA), AnswerSource.HOSTS, "fd00::1");
        assertAuthoritative(resolve("1.0.0.10.in-addr.arpa.", Type.PTR), AnswerSource.HOSTS,
                "node1.", "node1.cluster.example.");
    }

    @Test
    void unknownNamesAndOtherClasses_goToTheNextResolver() {
        Answer answer = resolve("elsewhere.example.", Type.A);
        assertThat(answer.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        Answer chaos = resolveOne(new HostsResolver(hosts, upstream),
                new Query(Name.fromConstantString("db.example.com."), Type.TXT, DClass.CH, false, false, 0));
        assertThat(chaos.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(forwarded).hasValue(2);
    }

    @Test
    void ednsIsMirrored_withTheDoBit_andAbsentWithoutEdns() {
        Query withDo = Query.of("db.", Type.A).withDnssecOk(true);
        Answer answer = resolveOne(new HostsResolver(hosts, upstream), withDo);
        assertThat(answer.message().getOPT()).isNotNull();
        assertThat(answer.message().getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
        Answer plain = resolveOne(new HostsResolver(hosts, upstream), Query.of("db.", Type.A).withUdpPayloadSize(0));
        assertThat(plain.message().getOPT()).isNull();
    }

    @Test
    void localAnswer_isLazy_andComesWithoutScheduling() {
        Mono<Answer> pending = new HostsResolver(hosts, upstream).resolve(Query.of("db.", Type.A));
        StepVerifier.create(pending)
                .assertNext(a -> assertThat(a.attempts()).isZero())
                .verifyComplete();
    }
}
