package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.DnssecInteropTest;
import io.hostdns.transport.HostDns;
import io.hostdns.transport.forwarder.config.ConfigException;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.HostDnsConfigLoader;
import io.hostdns.transport.testing.NsdServer;
import io.hostdns.transport.testing.SignedTestZones;
import io.hostdns.transport.testing.UnboundServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * DNSSEC through a running forwarder: dnsjava and ISC dig as clients, the forwarder with {@code hostDNS.dnssec}
 * loaded from YAML (the signed test tree's DS in an anchor file) in front of NSD serving the tree signed at test
 * time ({@link SignedTestZones}), and unbound as a validating forwarder to the same NSD with the same anchor.
 * The cases of {@link DnssecInteropTest} get the same rcode and AD verdict from the forwarder as from unbound,
 * on a miss and on the cache hit after it; a second forwarder without validation passes the signatures on; the
 * library's front door ({@link HostDns.Builder#dnssec}) validates with the same anchor file.
 */
class ForwarderDnssecTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static NsdServer nsd;
    private static UnboundServer unbound;
    private static Path anchorFile;
    private static HostDnsForwarder validating;
    private static HostDnsForwarder plain;

    @BeforeAll
    static void start() throws Exception {
        NsdServer.requireBinary();
        UnboundServer.requireBinary();
        SignedTestZones tree = SignedTestZones.create();
        String anchor = tree.trustAnchor().replace('\t', ' ');
        nsd = NsdServer.start(tree.zones());
        unbound = DnssecInteropTest.validatingUnbound(anchor, nsd);
        anchorFile = Files.writeString(dir.resolve("signed.test.ds"), "; the signed test tree\n" + anchor + "\n");
        validating = start(config(true, anchorFile));
        plain = start(config(false, anchorFile));
    }

    @AfterAll
    static void stop() throws Exception {
        for (HostDnsForwarder f : new HostDnsForwarder[] {validating, plain}) {
            if (f != null) {
                f.shutdown(Duration.ZERO).block(WAIT);
            }
        }
        if (unbound != null) {
            unbound.close();
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    private static HostDnsConfig config(boolean validate, Path anchors) {
        return HostDnsConfigLoader.load("""
                hostDNS:
                  listen: ["127.0.0.1:0"]
                  metrics: {listen: ""}
                  resolvers: ["udp://127.0.0.1:%d"]
                  dnssec:
                    validate: %s
                    trustAnchors: ["%s"]
                    bogusTtl: 3s
                """.formatted(nsd.address().getPort(), validate, anchors));
    }

    private static HostDnsForwarder start(HostDnsConfig config) {
        return HostDnsForwarder.builder(config).loopCheck(null).start().block(WAIT);
    }

    private static InetSocketAddress address(HostDnsForwarder forwarder) {
        return forwarder.listenAddresses().get(0);
    }

    /** Sends {@code name type} with the given DO, CD and AD bits (EDNS 1232) to {@code server}, over UDP. */
    private static Message ask(InetSocketAddress server, String name, int type, boolean dnssecOk, boolean cd,
                               boolean ad) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Dns.name(name), type, DClass.IN));
        if (cd) {
            query.getHeader().setFlag(Flags.CD);
        }
        if (ad) {
            query.getHeader().setFlag(Flags.AD);
        }
        query.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(query);
    }

    private static boolean ad(Message m) {
        return m.getHeader().getFlag(Flags.AD);
    }

    private static int ede(Message m) {
        OPTRecord opt = m.getOPT();
        List<EDNSOption> errors = opt == null ? List.of() : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        return errors.isEmpty() ? -1 : ((ExtendedErrorCodeOption) errors.get(0)).getErrorCode();
    }

    private static List<Integer> types(Message m) {
        return Arrays.stream(m.getSectionArray(Section.ANSWER)).map(Record::getType).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hostdns.transport.DnssecInteropTest#cases")
    void forwarderAndUnbound_reachTheSameVerdict_onAMissAndOnTheHitAfterIt(DnssecInteropTest.Case c) throws Exception {
        Message miss = ask(address(validating), c.name(), c.type(), true, c.checkingDisabled(), false);
        Message hit = ask(address(validating), c.name(), c.type(), true, c.checkingDisabled(), false);
        Message theirs = ask(unbound.dnsAddress(), c.name(), c.type(), true, c.checkingDisabled(), false);

        for (Message ours : List.of(miss, hit)) {
            assertThat(ours.getRcode()).as("rcode, forwarder: %s", ours).isEqualTo(c.rcode()).isEqualTo(theirs.getRcode());
            assertThat(ad(ours)).as("AD, forwarder").isEqualTo(c.authenticated()).isEqualTo(ad(theirs));
            assertThat(ede(ours)).as("EDE, forwarder (a cached failure keeps it)").isEqualTo(c.ede());
            if (c.rcode() == Rcode.NOERROR && c.type() == Type.A) {
                assertThat(types(ours)).contains(Type.A);
            }
        }
    }

    @Test
    void validatedHit_carriesAd_forAClientThatSetDoOrAd_andNotOtherwise_asDigSeesIt() throws Exception {
        InetSocketAddress server = address(validating);
        String defaults = Dig.run(server, "www.signed.test", "A"); // dig sets AD in its queries by default
        String noAdFlag = Dig.run(server, "+noadflag", "www.signed.test", "A");
        String dnssec = Dig.run(server, "+dnssec", "+noadflag", "www.signed.test", "A");

        assertThat(flags(defaults)).contains(" ad");
        assertThat(flags(noAdFlag)).doesNotContain(" ad");
        assertThat(noAdFlag).contains("192.0.2.").doesNotContain("RRSIG");
        assertThat(flags(dnssec)).contains(" ad");
        assertThat(dnssec).contains("RRSIG");
    }

    @Test
    void validatedHit_keepsItsAdBit_forDoAndAdAskers_only() throws Exception {
        String name = "www.nsec3.signed.test";
        for (boolean dnssecOk : new boolean[] {false, true}) {
            for (boolean adBit : new boolean[] {false, true}) {
                for (int i = 0; i < 2; i++) { // a miss or a hit (DO has entries of its own), then a hit
                    Message answer = ask(address(validating), name, Type.A, dnssecOk, false, adBit);
                    assertThat(ad(answer)).as("AD for DO=%s AD=%s", dnssecOk, adBit).isEqualTo(dnssecOk || adBit);
                    assertThat(types(answer).contains(Type.RRSIG)).as("signatures only for DO").isEqualTo(dnssecOk);
                }
            }
        }
    }

    @Test
    void doWithoutValidation_getsTheSignaturesThroughTheForwarder_onAMissAndAHit() throws Exception {
        assertThat(plain.stages()).extracting(HostDnsForwarder.StageDescription::name).doesNotContain("dnssec");
        for (int i = 0; i < 2; i++) {
            Message answer = ask(address(plain), "www.signed.test", Type.AAAA, true, false, false);
            assertThat(types(answer)).contains(Type.AAAA, Type.RRSIG);
            assertThat(ad(answer)).as("nothing validated, nothing claimed").isFalse();
        }
        Message tampered = ask(address(plain), "tampered.signed.test", Type.A, true, false, false);
        assertThat(tampered.getRcode()).as("not validated: the bad signature passes to the client").isEqualTo(Rcode.NOERROR);
        assertThat(Dig.run(address(plain), "+dnssec", "expired.signed.test", "A")).contains("RRSIG");
    }

    @Test
    void stageList_andTrace_showTheValidator_betweenCoalesceAndCap() {
        assertThat(validating.stages()).extracting(HostDnsForwarder.StageDescription::name)
                .containsExactly("chaos", "loop-probe", "hosts", "cache", "coalesce", "dnssec", "cap", "routes");
        assertThat(validating.stages()).filteredOn(s -> s.name().equals("dnssec")).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("DO=1 CD=1", ". (20326, 38696)", "signed.test. (",
                        "bogus cached 3 s"));
        QueryTrace secure = new QueryTrace();
        QueryTrace bogus = new QueryTrace();

        validating.resolve(Query.of("ns.signed.test", Type.A).withDnssecOk(true), secure).block(WAIT);
        validating.resolve(Query.of("tampered.signed.test", Type.A), bogus).block(WAIT);

        assertThat(secure.events()).extracting(QueryTrace.Event::describe)
                .contains("dnssec: passed on", "dnssec: secure (AD=1) (answered)");
        assertThat(bogus.events()).extracting(QueryTrace.Event::describe)
                .anySatisfy(e -> assertThat(e).startsWith("dnssec: SERVFAIL, EDE "));
    }

    @Test
    void reconfiguration_thatChangesDnssec_rebuildsTheStage_flushesTheCache_andRereadsTheAnchors() throws Exception {
        HostDnsForwarder forwarder = start(config(true, anchorFile));
        try {
            InetSocketAddress server = address(forwarder);
            assertThat(ask(server, "tampered.signed.test", Type.A, true, false, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(forwarder.status().cache().size()).isPositive();

            forwarder.reconfigure(config(false, anchorFile)).block(WAIT);

            assertThat(forwarder.stages()).extracting(HostDnsForwarder.StageDescription::name).doesNotContain("dnssec");
            assertThat(forwarder.status().cache().size()).as("verdicts flushed").isZero();
            assertThat(ask(server, "tampered.signed.test", Type.A, true, false, false).getRcode()).isEqualTo(Rcode.NOERROR);

            Path missing = dir.resolve("missing.ds");
            assertThatThrownBy(() -> forwarder.reconfigure(config(true, missing)).block(WAIT))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("hostDNS.dnssec.trustAnchors[0] must be a readable file of DS or DNSKEY "
                            + "records in zone-file syntax, got '" + missing + "'");
            assertThat(forwarder.config().dnssec().validate()).as("the old configuration stays").isFalse();

            forwarder.reconfigure(config(true, anchorFile)).block(WAIT);
            assertThat(forwarder.stages()).extracting(HostDnsForwarder.StageDescription::name).contains("dnssec");
            assertThat(ask(server, "tampered.signed.test", Type.A, true, false, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
        } finally {
            forwarder.shutdown(Duration.ZERO).block(WAIT);
        }
    }

    @Test
    void negativeTrustAnchor_fromYaml_passesAMisSignedZoneAsInsecure() throws Exception {
        HostDnsForwarder forwarder = start(HostDnsConfigLoader.load("""
                hostDNS:
                  listen: ["127.0.0.1:0"]
                  metrics: {listen: ""}
                  resolvers: ["udp://127.0.0.1:%d"]
                  dnssec: {validate: true, trustAnchors: ["%s"], negativeTrustAnchors: [tampered.signed.test.]}
                """.formatted(nsd.address().getPort(), anchorFile)));
        try {
            Message tampered = ask(address(forwarder), "tampered.signed.test", Type.A, true, false, false);
            Message expired = ask(address(forwarder), "expired.signed.test", Type.A, true, false, false);
            Message secure = ask(address(forwarder), "www.signed.test", Type.A, true, false, false);

            assertThat(tampered.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(ad(tampered)).as("not validated, not claimed").isFalse();
            assertThat(expired.getRcode()).as("only under the negative anchor").isEqualTo(Rcode.SERVFAIL);
            assertThat(ad(secure)).isTrue();
            assertThat(forwarder.stages()).filteredOn(s -> s.name().equals("dnssec")).singleElement()
                    .satisfies(s -> assertThat(s.detail()).contains("not validated under tampered.signed.test."));
        } finally {
            forwarder.shutdown(Duration.ZERO).block(WAIT);
        }
    }

    @Test
    void start_withAnAnchorFileThatIsNotOne_failsNamingTheField() throws Exception {
        Path notAnAnchor = Files.writeString(dir.resolve("a-record.txt"), "www.signed.test. 300 IN A 192.0.2.1\n");

        assertThatThrownBy(() -> start(config(true, notAnAnchor)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hostDNS.dnssec.trustAnchors[0] must be a readable file of DS or DNSKEY "
                        + "records in zone-file syntax, got '" + notAnAnchor + "'");
    }

    @Test
    void frontDoor_withDnssec_answersTheSameVerdicts_fromTheSameAnchorFile() throws Exception {
        DnssecValidation validation = DnssecValidation.rootAnchors()
                .plusTrustAnchors(DnssecValidation.readTrustAnchors(anchorFile));
        try (HostDns dns = HostDns.builder().upstreams("udp://127.0.0.1:" + nsd.address().getPort())
                .dnssec(validation).build()) {
            for (int i = 0; i < 2; i++) { // a miss, then a cache hit keeping the verdict
                Answer secure = dns.resolve(Query.of("www.signed.test", Type.A).withDnssecOk(true)).block(WAIT);
                Answer bogus = dns.resolve(Query.of("tampered.signed.test", Type.A)).block(WAIT);
                Answer unchecked = dns.resolve(Query.of("tampered.signed.test", Type.A).withCheckingDisabled(true))
                        .block(WAIT);

                assertThat(ad(secure.message())).isTrue();
                assertThat(types(secure.message())).contains(Type.A, Type.RRSIG);
                assertThat(bogus.rcode()).isEqualTo(Rcode.SERVFAIL);
                assertThat(ede(bogus.message())).isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
                assertThat(unchecked.rcode()).as("CD=1 passes unvalidated").isEqualTo(Rcode.NOERROR);
            }
        }
    }

    /** dig's header flags line, e.g. {@code ;; flags: qr rd ra ad; QUERY: 1, ...}, up to the semicolon. */
    private static String flags(String digOutput) {
        return digOutput.lines().filter(l -> l.startsWith(";; flags:")).findFirst()
                .map(l -> l.substring(0, l.indexOf(';', 3))).orElseThrow();
    }
}
