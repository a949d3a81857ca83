package io.hostdns.core.internal.hosts;

import static io.hostdns.core.hosts.LocalAnswerAssertions.address;
import static io.hostdns.core.hosts.LocalAnswerAssertions.assertAuthoritative;
import static io.hostdns.core.hosts.LocalAnswerAssertions.resolveOne;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.hosts.Member;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.publisher.TestPublisher;

/** One member table under several resolvers, as a forwarder keeps it across its configurations. */
class MemberTableTest {

    @Test
    void resolversOverOneTable_answerItsLatestMembers_andForwardToTheirOwnNext() {
        TestPublisher<List<Member>> members = TestPublisher.create();
        MemberTable table = MemberTable.follow(members.flux());
        Resolver first = q -> Mono.just(TestAnswers.nxdomain(q, 60, 60));
        Resolver second = q -> Mono.just(TestAnswers.rcode(q, Rcode.SERVFAIL));
        Resolver before = table.over(first);
        Resolver after = table.over(second);
        try {
            members.next(List.of(Member.of("node1", address("10.0.0.1"))));

            assertAuthoritative(resolveOne(before, Query.of("node1.", Type.A)), AnswerSource.MEMBER, "10.0.0.1");
            assertAuthoritative(resolveOne(after, Query.of("node1.", Type.A)), AnswerSource.MEMBER, "10.0.0.1");
            assertThat(resolveOne(before, Query.of("other.", Type.A)).rcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(resolveOne(after, Query.of("other.", Type.A)).rcode()).isEqualTo(Rcode.SERVFAIL);

            members.next(List.of(Member.of("node2", address("10.0.0.2"))));
            assertAuthoritative(resolveOne(before, Query.of("node2.", Type.A)), AnswerSource.MEMBER, "10.0.0.2");
            assertThat(table.current().addresses(Name.fromConstantString("node1."))).isNull();
        } finally {
            table.dispose();
        }
        members.assertWasCancelled();
        assertThat(table.isDisposed()).isTrue();
    }
}
