package io.hostdns.core.internal.hosts;

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
import io.hostdns.core.hosts.Member;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class MemberNamesResolverTest extends ResolverContract {

    private static final Member NODE1 = new Member("node1.cluster.example", List.of("api"),
            List.of(address("10.0.0.1"), address("fd00::1")));
    private static final Member NODE2 = Member.of("node2", address("10.0.0.2"));

    private final Resolver upstream = q -> Mono.just(TestAnswers.nxdomain(q, 3600, 3600));
    private final TestPublisher<List<Member>> members = TestPublisher.create();
    private final MemberNamesResolver resolver = MemberNamesResolver.create(members.flux(), upstream);

    @AfterEach
    void disposeResolver() {
        resolver.dispose();
    }

    @Override
    protected Resolver resolverOver(Upstream upstream) {
        return MemberNamesResolver.create(Flux.just(List.of(NODE1)), upstream.resolver());
    }

    private Answer resolve(String name, int type) {
        return resolveOne(resolver, Query.of(name, type));
    }

    @Test
    void beforeTheFirstMemberSet_everythingIsForwarded() {
        assertThat(resolve("node1.", Type.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void hostnameItsFirstLabelAliasesAndPtr_areAnsweredAuthoritatively() {
        members.next(List.of(NODE1, NODE2));

        assertAuthoritative(resolve("node1.cluster.example.", Type.A), AnswerSource.MEMBER, "10.0.0.1");
        assertAuthoritative(resolve("Node1.", Type.AAAA), AnswerSource.MEMBER, "fd00::1");
        assertAuthoritative(resolve("api.", Type.A), AnswerSource.MEMBER, "10.0.0.1");
        assertAuthoritative(resolve("node2.", Type.A), AnswerSource.MEMBER, "10.0.0.2");
        assertAuthoritative(resolve("1.0.0.10.in-addr.arpa.", Type.PTR), AnswerSource.MEMBER,
                "node1.cluster.example.", "node1.", "api.");
        assertNodata(resolve("node2.", Type.AAAA), AnswerSource.MEMBER);
        assertNodata(resolve("node1.", Type.MX), AnswerSource.MEMBER);
        assertThat(resolve("cluster.example.", Type.A).rcode()).as("the domain itself is not a member").isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void updates_changeAnswersLive_andEmitTheNamesWhoseAnswersChanged() {
        StepVerifier.create(resolver.changes())
                .then(() -> members.next(List.of(NODE1)))
                .assertNext(changed -> assertThat(changed).containsExactlyInAnyOrder(names(
                        "node1.cluster.example.", "node1.", "api.", "1.0.0.10.in-addr.arpa.",
                        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.")))
                .then(() -> assertAuthoritative(resolve("node1.", Type.A), AnswerSource.MEMBER, "10.0.0.1"))
                .then(() -> members.next(List.of(NODE1, NODE2)))
                .assertNext(changed -> assertThat(changed).containsExactlyInAnyOrder(names("node2.", "2.0.0.10.in-addr.arpa.")))
                .then(() -> members.next(List.of(NODE1, Member.of("NODE2", address("10.0.0.3")))))
                .assertNext(changed -> assertThat(changed).containsExactlyInAnyOrder(
                        names("node2.", "2.0.0.10.in-addr.arpa.", "3.0.0.10.in-addr.arpa.")))
                .then(() -> assertAuthoritative(resolve("node2.", Type.A), AnswerSource.MEMBER, "10.0.0.3"))
                .then(() -> members.next(List.of(Member.of("node2", address("10.0.0.3")), NODE1)))
                .then(() -> members.next(List.of(NODE1)))
                .assertNext(changed -> assertThat(changed).as("the reordered set changed nothing; removal did")
                        .containsExactlyInAnyOrder(names("node2.", "3.0.0.10.in-addr.arpa.")))
                .then(() -> assertThat(resolve("node2.", Type.A).rcode()).isEqualTo(Rcode.NXDOMAIN))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void linkLocalAddresses_areNotHandedOut() {
        members.next(List.of(Member.of("edge", address("169.254.1.1"), address("fe80::1"), address("10.0.0.9"))));
        assertAuthoritative(resolve("edge.", Type.A), AnswerSource.MEMBER, "10.0.0.9");
        assertNodata(resolve("edge.", Type.AAAA), AnswerSource.MEMBER);
    }

    @Test
    void dispose_stopsConsumingTheMembers_andCompletesChanges() {
        members.next(List.of(NODE1));
        StepVerifier.create(resolver.changes())
                .then(resolver::dispose)
                .verifyComplete();
        assertThat(resolver.isDisposed()).isTrue();
        members.assertWasCancelled();
        assertAuthoritative(resolve("node1.", Type.A), AnswerSource.MEMBER, "10.0.0.1");
    }

    @Test
    void aFailingMemberFeed_keepsTheLastMembers_andFailsChanges() {
        members.next(List.of(NODE2));
        StepVerifier.create(resolver.changes())
                .then(() -> members.error(new IllegalStateException("discovery down")))
                .verifyErrorMessage("discovery down");
        assertAuthoritative(resolve("node2.", Type.A), AnswerSource.MEMBER, "10.0.0.2");
    }

    @Test
    void sameNameOnTwoMembers_getsBothAddresses() {
        members.next(List.of(Member.of("shared", address("10.0.0.1")), Member.of("shared", address("10.0.0.2"))));
        assertAuthoritative(resolve("shared.", Type.A), AnswerSource.MEMBER, "10.0.0.1", "10.0.0.2");
        assertThat(resolver.current().addresses(Name.fromConstantString("SHARED."))).hasSize(2);
    }

    private static Name[] names(String... texts) {
        return java.util.Arrays.stream(texts).map(Name::fromConstantString).toArray(Name[]::new);
    }

}
