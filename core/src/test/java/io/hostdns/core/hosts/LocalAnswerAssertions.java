package io.hostdns.core.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.internal.IpLiteral;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import reactor.test.StepVerifier;

/** Checks shared by the local-name resolver tests. */
public final class LocalAnswerAssertions {

    private LocalAnswerAssertions() {
    }

    /** The one answer {@code resolver} gives to {@code query}, checked to complete right after it. */
    public static Answer resolveOne(Resolver resolver, Query query) {
        AtomicReference<Answer> answer = new AtomicReference<>();
        StepVerifier.create(resolver.resolve(query)).consumeNextWith(answer::set).expectComplete()
                .verify(Duration.ofSeconds(5));
        return answer.get();
    }

    /** An authoritative NOERROR answer of {@code source} whose answer records, as text, are {@code rdata}, TTL 10. */
    public static void assertAuthoritative(Answer answer, AnswerSource source, String... rdata) {
        Message m = answer.message();
        assertThat(answer.source()).isEqualTo(source);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(Flags.AA)).as("AA").isTrue();
        assertThat(m.getHeader().getFlag(Flags.QR)).as("QR").isTrue();
        List<Record> records = m.getSection(Section.ANSWER);
        assertThat(records).extracting(Record::getTTL).containsOnly(10L);
        assertThat(records).extracting(LocalAnswerAssertions::rdata).containsExactly(rdata);
    }

    /** The record's data as text, IPv6 addresses in their short form. */
    public static String rdata(Record record) {
        return record instanceof AAAARecord aaaa ? IpLiteral.format(aaaa.getAddress()) : record.rdataToString();
    }

    /** NODATA: NOERROR, AA, no answer records, an SOA in authority with TTL 10 so that it is cached 10 s. */
    public static void assertNodata(Answer answer, AnswerSource source) {
        Message m = answer.message();
        assertThat(answer.source()).isEqualTo(source);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
        assertThat(m.getSection(Section.AUTHORITY)).filteredOn(SOARecord.class::isInstance).hasSize(1);
        assertThat(answer.minTtl()).isEqualTo(10);
    }

    /** The address of an IP literal (no lookup). */
    public static InetAddress address(String literal) {
        return io.hostdns.core.internal.IpLiteral.parse(literal);
    }
}
