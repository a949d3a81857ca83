package io.hostdns.core.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.TestAnswers;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/** The chain of trust across zones, and the proofs, on zones signed in memory. */
class ValidatorProofsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SignedZone parent = SignedZone.create("proofs.test");
    private final SignedZone child = SignedZone.create("child.proofs.test");
    private final SignedZone unsignedChild = SignedZone.unsigned("plain.proofs.test");
    private final List<SignedZone> zones = List.of(parent, child, unsignedChild);
    private final List<Query> asked = new CopyOnWriteArrayList<>();
    private final AtomicLong nanos = new AtomicLong();

    ValidatorProofsTest() throws Exception {
        parent.delegate(child).delegate(unsignedChild)
                .add(a("www", parent, "192.0.2.1"))
                .add(a("*.wild", parent, "192.0.2.2"))
                .add(new CNAMERecord(parent.name("alias"), DClass.IN, 300, child.name("www")))
                .add(new CNAMERecord(parent.name("toplain"), DClass.IN, 300, unsignedChild.name("www")))
                .add(new DNAMERecord(parent.name("old"), DClass.IN, 300, parent.name("new")))
                .add(a("www.new", parent, "192.0.2.3"));
        child.add(a("www", child, "192.0.2.10"));
        unsignedChild.add(a("www", unsignedChild, "192.0.2.20"));
    }

    private static Record a(String label, SignedZone zone, String address) throws Exception {
        return new ARecord(zone.name(label), DClass.IN, 300, InetAddress.getByName(address));
    }

    private Resolver upstream(Function<Query, Answer> script) {
        return q -> Mono.fromCallable(() -> {
            asked.add(q);
            return script.apply(q);
        });
    }

    private ValidatingResolver validator(Resolver upstream) {
        return new ValidatingResolver(upstream, parent.anchor(), Clock.systemUTC(), nanos::get);
    }

    private Answer resolve(Resolver upstream, Name name, int type) {
        return validator(upstream).resolve(Query.of(name, type).withDnssecOk(true)).block(WAIT);
    }

    private Answer resolve(Name name, int type) {
        return resolve(upstream(this::chased), name, type);
    }

    @Test
    void signedChild_withDsInTheParent_isSecure_throughTheWholeChain() {
        Answer answer = resolve(child.name("www"), Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(answer)).isTrue();
        assertThat(asked).extracting(q -> q.name() + " " + Type.string(q.type())).containsExactly(
                "www.child.proofs.test. A", "proofs.test. DNSKEY", "child.proofs.test. DS", "child.proofs.test. DNSKEY");
    }

    @Test
    void childDelegatedWithoutDs_isInsecure_andSoIsACnameIntoIt() {
        Answer direct = resolve(unsignedChild.name("www"), Type.A);
        Answer viaCname = resolve(parent.name("toplain"), Type.A);

        assertThat(direct.rcode()).as(Verdicts.edeText(direct)).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(direct)).isFalse();
        assertThat(viaCname.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(viaCname)).isFalse();
        assertThat(Verdicts.types(viaCname)).contains(Type.CNAME, Type.A);
    }

    @Test
    void cnameIntoASignedChild_isSecure() {
        Answer answer = resolve(parent.name("alias"), Type.A);

        assertThat(Verdicts.authenticated(answer)).as(Verdicts.edeText(answer)).isTrue();
        assertThat(Verdicts.types(answer)).containsSubsequence(Type.CNAME, Type.A);
    }

    @Test
    void cnameRewrittenAfterSigning_isBogus_notInsecure() {
        Name alias = parent.name("alias");
        Answer answer = resolve(upstream(q -> q.name().equals(alias) ? rewritten(chased(q)) : chased(q)), alias, Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
    }

    /** The zones' answer, and when it is a CNAME, the target's answer records appended (as a resolver chases). */
    private Answer chased(Query q) {
        Message m = SignedZone.answer(zones, q).message();
        for (Record r : List.copyOf(m.getSection(Section.ANSWER))) {
            if (r instanceof CNAMERecord cname && q.type() != Type.CNAME) {
                SignedZone.answer(zones, Query.of(cname.getTarget(), q.type()).withDnssecOk(true)).message()
                        .getSection(Section.ANSWER).forEach(t -> m.addRecord(t, Section.ANSWER));
            }
        }
        return Answer.of(m, AnswerSource.upstream(TestAnswers.UPSTREAM));
    }

    /** {@code answer} with its CNAME pointed at www.plain.proofs.test. instead, its RRSIG kept. */
    private Answer rewritten(Answer answer) {
        Message m = answer.message();
        for (Record r : List.copyOf(m.getSection(Section.ANSWER))) {
            if (r instanceof CNAMERecord cname) {
                m.removeRecord(r, Section.ANSWER);
                m.addRecord(new CNAMERecord(cname.getName(), DClass.IN, cname.getTTL(), unsignedChild.name("www")),
                        Section.ANSWER);
            }
        }
        return Answer.of(m, answer.source());
    }

    @Test
    void wildcardExpansion_withItsNsecProof_isSecure_andWithoutIt_isBogus() {
        Name name = parent.name("anything.wild");
        Answer proven = resolve(name, Type.A);
        Answer unproven = resolve(upstream(q -> q.name().equals(name)
                ? withoutAuthority(SignedZone.answer(zones, q)) : SignedZone.answer(zones, q)), name, Type.A);

        assertThat(Verdicts.authenticated(proven)).as(Verdicts.edeText(proven)).isTrue();
        assertThat(Verdicts.types(proven)).contains(Type.A, Type.RRSIG, Type.NSEC);
        assertThat(unproven.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(unproven)).isEqualTo(ExtendedErrorCodeOption.NSEC_MISSING);
    }

    @Test
    void nxdomain_withoutItsNsec_isBogusWithEde12_andWithABrokenNsec_isBogusWithEde6() {
        Name nope = parent.name("nope");
        Answer missing = resolve(upstream(q -> q.name().equals(nope)
                ? withoutType(SignedZone.answer(zones, q), Type.NSEC) : SignedZone.answer(zones, q)), nope, Type.A);
        Answer broken = resolve(upstream(q -> q.name().equals(nope)
                ? SignedZone.withBrokenSignatures(SignedZone.answer(zones, q)) : SignedZone.answer(zones, q)), nope, Type.A);

        assertThat(missing.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(missing)).isEqualTo(ExtendedErrorCodeOption.NSEC_MISSING);
        assertThat(broken.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(broken)).isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
    }

    @Test
    void nxdomainBelowADelegation_provenWithTheParentsNsec_isBogus() {
        Name below = child.name("www");
        Answer answer = resolve(upstream(q -> q.name().equals(below) && q.type() == Type.A ? parent.answer(q)
                : SignedZone.answer(zones, q)), below, Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeText(answer)).contains("zone cut");
    }

    @Test
    void dname_withItsSynthesizedCname_isSecure_andAWrongSynthesis_isBogus() throws Exception {
        Name qname = parent.name("www.old");
        Answer secure = resolve(upstream(q -> q.name().equals(qname) ? dnameAnswer(q, parent.name("www.new"))
                : SignedZone.answer(zones, q)), qname, Type.A);
        Answer wrong = resolve(upstream(q -> q.name().equals(qname) ? dnameAnswer(q, parent.name("www"))
                : SignedZone.answer(zones, q)), qname, Type.A);

        assertThat(secure.rcode()).as(Verdicts.edeText(secure)).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(secure)).isTrue();
        assertThat(Verdicts.types(secure)).contains(Type.DNAME, Type.CNAME, Type.A);
        assertThat(wrong.rcode()).isEqualTo(Rcode.SERVFAIL);
    }

    /** The signed DNAME old → new, a CNAME from the question to {@code target}, and the signed A at www.new. */
    private Answer dnameAnswer(Query q, Name target) {
        Message reply = TestAnswers.reply(q, Rcode.NOERROR);
        parent.answer(Query.of(parent.name("old"), Type.DNAME)).message().getSection(Section.ANSWER)
                .forEach(r -> reply.addRecord(r, Section.ANSWER));
        reply.addRecord(new CNAMERecord(q.name(), DClass.IN, 0, target), Section.ANSWER);
        parent.answer(Query.of(parent.name("www.new"), Type.A)).message().getSection(Section.ANSWER)
                .forEach(r -> reply.addRecord(r, Section.ANSWER));
        return Answer.of(reply, AnswerSource.upstream(TestAnswers.UPSTREAM));
    }

    @Test
    void recordsOffTheAnswerPath_areLeftOutOfASecureAnswer() throws Exception {
        Name www = parent.name("www");
        Record stray = new ARecord(Name.fromConstantString("bank.example."), DClass.IN, 86400,
                InetAddress.getByName("203.0.113.66"));
        Answer answer = resolve(upstream(q -> {
            Answer real = SignedZone.answer(zones, q);
            if (!q.name().equals(www)) {
                return real;
            }
            Message m = real.message();
            m.addRecord(stray, Section.ANSWER);
            m.addRecord(stray, Section.ADDITIONAL);
            return Answer.of(m, real.source());
        }), www, Type.A);

        assertThat(Verdicts.authenticated(answer)).isTrue();
        assertThat(answer.message().getSection(Section.ANSWER)).extracting(Record::getName).containsOnly(www);
        assertThat(Verdicts.types(answer)).containsExactly(Type.A, Type.RRSIG, Type.OPT);
    }

    @Test
    void trustedKeys_expireAfterAtMost15Minutes_andAreFetchedAgain() {
        ValidatingResolver resolver = validator(upstream(q -> SignedZone.answer(zones, q)));
        Query www = Query.of(parent.name("www"), Type.A).withDnssecOk(true);

        resolver.resolve(www).block(WAIT);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(ZoneKeys.MAX_TTL - 1));
        resolver.resolve(www).block(WAIT);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        resolver.resolve(www).block(WAIT);

        assertThat(asked).extracting(Query::type).containsExactly(Type.A, Type.DNSKEY, Type.A, Type.A, Type.DNSKEY);
    }

    private static Answer withoutAuthority(Answer answer) {
        Message m = answer.message();
        m.removeAllRecords(Section.AUTHORITY);
        return Answer.of(m, answer.source());
    }

    private static Answer withoutType(Answer answer, int type) {
        Message m = answer.message();
        for (Record r : List.copyOf(m.getSection(Section.AUTHORITY))) {
            if (r.getType() == type || (r.getType() == Type.RRSIG
                    && ((org.xbill.DNS.RRSIGRecord) r).getTypeCovered() == type)) {
                m.removeRecord(r, Section.AUTHORITY);
            }
        }
        return Answer.of(m, answer.source());
    }
}
