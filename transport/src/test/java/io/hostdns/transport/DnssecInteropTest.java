package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolvers;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.dnssec.ValidatingResolver;
import io.hostdns.core.dnssec.Verdicts;
import io.hostdns.transport.testing.NsdServer;
import io.hostdns.transport.testing.SignedTestZones;
import io.hostdns.transport.testing.UnboundServer;
import io.hostdns.transport.udp.UdpDnsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * DNSSEC against real signed data: a tree of zones signed at test time by ldns-signzone
 * ({@link SignedTestZones}), served by NSD, validated by hostdns' {@link ValidatingResolver} (over a UDP
 * client to NSD) and, for the same cases with the same trust anchor, by unbound configured as a validating
 * forwarder to the same NSD. Both must reach the same rcode and AD verdict; hostdns' extended DNS error
 * is checked too, and the validator over the sanitizer ({@link Resolvers#sanitized}, as the forwarder stacks them)
 * must reach the same verdict as without it. The table of both verdicts is printed at the end.
 */
public class DnssecInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, String> TABLE = new ConcurrentSkipListMap<>();

    private static NsdServer nsd;
    private static UnboundServer unbound;
    private static DnsResources resources;
    private static UdpDnsClient toNsd;
    private static UdpDnsClient toUnbound;
    private static ValidatingResolver hostdns;
    private static ValidatingResolver overSanitizer;

    /** One question and the verdict both validators must reach (the forwarder's DNSSEC test asks them too). */
    public record Case(String label, String name, int type, boolean checkingDisabled, int rcode, boolean authenticated,
                int ede) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static Stream<Case> cases() {
        int none = -1;
        return Stream.of(
                new Case("01 secure A", "www.signed.test", Type.A, false, Rcode.NOERROR, true, none),
                new Case("02 secure AAAA", "www.signed.test", Type.AAAA, false, Rcode.NOERROR, true, none),
                new Case("03 CNAME into an unsigned zone", "alias.signed.test", Type.A, false, Rcode.NOERROR, false, none),
                new Case("04 wildcard", "anything.wild.signed.test", Type.A, false, Rcode.NOERROR, true, none),
                new Case("05 NXDOMAIN, NSEC", "nope.signed.test", Type.A, false, Rcode.NXDOMAIN, true, none),
                new Case("06 NODATA, NSEC", "www.signed.test", Type.TXT, false, Rcode.NOERROR, true, none),
                new Case("07 secure A, NSEC3 zone (RSA)", "www.nsec3.signed.test", Type.A, false, Rcode.NOERROR, true, none),
                new Case("08 NXDOMAIN, NSEC3", "nope.nsec3.signed.test", Type.A, false, Rcode.NXDOMAIN, true, none),
                new Case("09 NODATA, NSEC3", "www.nsec3.signed.test", Type.TXT, false, Rcode.NOERROR, true, none),
                new Case("10 tampered RRSIG", "tampered.signed.test", Type.A, false, Rcode.SERVFAIL, false,
                        ExtendedErrorCodeOption.DNSSEC_BOGUS),
                new Case("11 expired signature", "expired.signed.test", Type.A, false, Rcode.SERVFAIL, false,
                        ExtendedErrorCodeOption.SIGNATURE_EXPIRED),
                new Case("12 missing DNSKEY", "www.nokey.signed.test", Type.A, false, Rcode.SERVFAIL, false,
                        ExtendedErrorCodeOption.DNSKEY_MISSING),
                new Case("13 delegation without DS", "www.insecure.signed.test", Type.A, false, Rcode.NOERROR, false, none),
                new Case("14 CD=1 on the tampered RRSIG", "tampered.signed.test", Type.A, true, Rcode.NOERROR, false, none));
    }

    @BeforeAll
    static void start() throws Exception {
        NsdServer.requireBinary();
        UnboundServer.requireBinary();
        SignedTestZones tree = SignedTestZones.create();
        String anchor = tree.trustAnchor().replace('\t', ' ');
        nsd = NsdServer.start(tree.zones());
        unbound = validatingUnbound(anchor, nsd);
        resources = DnsResources.create("dnssec-interop", 1);
        toNsd = UdpDnsClient.builder(resources, new UpstreamId(0, Protocol.UDP, "nsd"), nsd.address()).build();
        toUnbound = UdpDnsClient.builder(resources, new UpstreamId(1, Protocol.UDP, "unbound"), unbound.dnsAddress())
                .build();
        DnssecValidation validation = DnssecValidation.of(
                DnssecValidation.parseTrustAnchors(anchor, "the signed test tree's DS"));
        hostdns = ValidatingResolver.over(toNsd, validation);
        // as the forwarder stacks them: the sanitizer under the validator, per upstream
        overSanitizer = ValidatingResolver.over(Resolvers.sanitized(toNsd), validation);
    }

    /**
     * unbound as a validating forwarder to {@code nsd} for the signed test tree, trusting {@code anchor} (a DS
     * record in zone-file syntax on one line), with extended DNS errors on.
     */
    public static UnboundServer validatingUnbound(String anchor, NsdServer nsd) throws Exception {
        return UnboundServer.startResolver(List.of(
                        "module-config: \"validator iterator\"",
                        "do-not-query-localhost: no",
                        "trust-anchor: \"" + anchor + "\"",
                        "local-zone: \"test.\" nodefault",
                        "ede: yes",
                        "val-log-level: 2",
                        "aggressive-nsec: no",
                        "qname-minimisation: no"),
                List.of("forward-zone:",
                        "  name: \"" + SignedTestZones.PARENT + "\"",
                        "  forward-addr: 127.0.0.1@" + nsd.address().getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (!TABLE.isEmpty()) {
            System.out.println("| case | hostdns rcode / AD / EDE | unbound rcode / AD / EDE |");
            System.out.println("|---|---|---|");
            TABLE.values().forEach(System.out::println);
        }
        if (resources != null) {
            resources.disposeLater().block(WAIT);
        }
        if (unbound != null) {
            unbound.close();
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    private static String verdict(Answer answer) {
        int ede = Verdicts.edeCode(answer);
        return Rcode.string(answer.rcode()) + " / " + (Verdicts.authenticated(answer) ? "AD=1" : "AD=0")
                + " / " + (ede < 0 ? "-" : ede);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostdnsAndUnbound_reachTheSameVerdict(Case c) {
        Query query = Query.of(c.name(), c.type()).withDnssecOk(true).withCheckingDisabled(c.checkingDisabled());

        Answer ours = hostdns.resolve(query).block(WAIT);
        Answer theirs = toUnbound.resolve(query).block(WAIT);
        TABLE.put(c.label(), "| " + c.label() + " | " + verdict(ours) + " | " + verdict(theirs) + " |");

        assertThat(ours.rcode()).as("hostdns rcode").isEqualTo(c.rcode());
        assertThat(Verdicts.authenticated(ours)).as("hostdns AD").isEqualTo(c.authenticated());
        assertThat(Verdicts.edeCode(ours)).as("hostdns EDE: %s", Verdicts.edeText(ours)).isEqualTo(c.ede());
        Answer sanitized = overSanitizer.resolve(query).block(WAIT);
        assertThat(verdict(sanitized)).as("over the sanitizer").isEqualTo(verdict(ours));
        assertThat(theirs.rcode()).as("unbound rcode (log: %s)", unbound.logText()).isEqualTo(ours.rcode());
        assertThat(Verdicts.authenticated(theirs)).as("unbound AD").isEqualTo(Verdicts.authenticated(ours));
        if (c.rcode() == Rcode.NOERROR && c.type() == Type.A) {
            assertThat(Verdicts.types(ours)).as("hostdns answer").contains(Type.A);
            assertThat(Verdicts.types(theirs)).as("unbound answer").contains(Type.A);
        }
    }

    @Test
    void cnameIntoAnUnsignedZone_carriesTheTargetsAddress_fromBoth() {
        Query query = Query.of("alias.signed.test", Type.A).withDnssecOk(true);

        for (Answer answer : List.of(hostdns.resolve(query).block(WAIT), toUnbound.resolve(query).block(WAIT))) {
            assertThat(answer.message().getSection(org.xbill.DNS.Section.ANSWER))
                    .extracting(r -> r.rdataToString())
                    .contains("www.insecure.signed.test.", "192.0.2.20");
        }
    }

    @Test
    void doWithoutValidation_getsTheSignatures_onAMissAndOnACacheHit() {
        Query query = Query.of("www.signed.test", Type.A).withDnssecOk(true);
        CachingResolver cache = CachingResolver.builder(toNsd).build();
        try {
            Answer miss = cache.resolve(query).block(WAIT);
            Answer hit = cache.resolve(query).block(WAIT);

            assertThat(Verdicts.types(miss)).contains(Type.A, Type.RRSIG);
            assertThat(hit.source().kind()).isEqualTo(io.hostdns.core.AnswerSource.Kind.CACHE);
            assertThat(Verdicts.types(hit)).contains(Type.A, Type.RRSIG);
            assertThat(Verdicts.authenticated(miss)).as("nothing validated, nothing claimed").isFalse();
        } finally {
            cache.dispose();
        }
    }

    @Test
    void withoutDo_neitherHostdnsNorUnboundSendSignatures_andTheRcodesAgree() {
        Query query = Query.of("www.signed.test", Type.AAAA);

        Answer ours = hostdns.resolve(query).block(WAIT);
        Answer theirs = toUnbound.resolve(query).block(WAIT);

        assertThat(Verdicts.types(ours)).contains(Type.AAAA).doesNotContain(Type.RRSIG);
        assertThat(Verdicts.types(theirs)).contains(Type.AAAA).doesNotContain(Type.RRSIG);
        assertThat(ours.rcode()).isEqualTo(theirs.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(ours)).as("the verdict, for a cache to keep").isTrue();
    }
}
