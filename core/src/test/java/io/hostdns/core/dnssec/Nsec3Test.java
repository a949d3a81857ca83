package io.hostdns.core.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/** The NSEC3 proofs of RFC 5155 section 8 on hand-made chains (signatures are checked elsewhere). */
class Nsec3Test {

    private static final Name ZONE = Name.fromConstantString("z.test.");
    private static final base32 HEX = new base32(base32.Alphabet.BASE32HEX, false, true);

    private static Name name(String text) {
        return Name.fromConstantString(text);
    }

    /** An NSEC3 chain over {@code types} (name → types at it), with the given flags and iterations. */
    private static List<NSEC3Record> chain(Map<Name, int[]> types, int flags, int iterations) throws Exception {
        NSEC3Record template = new NSEC3Record(ZONE, DClass.IN, 300, NSEC3Record.SHA1_DIGEST_ID, flags, iterations,
                new byte[0], new byte[20], new int[0]);
        List<Map.Entry<byte[], int[]>> hashed = new ArrayList<>();
        for (Map.Entry<Name, int[]> e : types.entrySet()) {
            hashed.add(Map.entry(template.hashName(e.getKey()), e.getValue()));
        }
        hashed.sort(Comparator.comparing(Map.Entry::getKey, Arrays::compareUnsigned));
        List<NSEC3Record> records = new ArrayList<>();
        for (int i = 0; i < hashed.size(); i++) {
            byte[] next = hashed.get((i + 1) % hashed.size()).getKey();
            Name owner = Name.fromConstantString(HEX.toString(hashed.get(i).getKey()) + "." + ZONE);
            records.add(new NSEC3Record(owner, DClass.IN, 300, NSEC3Record.SHA1_DIGEST_ID, flags, iterations,
                    new byte[0], next, hashed.get(i).getValue()));
        }
        return records;
    }

    private static Map<Name, int[]> zone() {
        Map<Name, int[]> types = new LinkedHashMap<>();
        types.put(ZONE, new int[] {Type.SOA, Type.NS, Type.DNSKEY, Type.NSEC3PARAM, Type.RRSIG});
        types.put(name("a.z.test."), new int[] {Type.A, Type.RRSIG});
        types.put(name("sub.z.test."), new int[] {Type.NS});
        return types;
    }

    @Test
    void nameError_isProvenByClosestEncloserNextCloserAndWildcard() throws Exception {
        Nsec3 proofs = Nsec3.usable(chain(zone(), 0, 0));

        assertThat(proofs.nameError(name("nope.z.test.")).status()).isEqualTo(Verdict.Status.SECURE);
        assertThat(proofs.nameError(name("a.z.test.")).status()).as("it exists").isEqualTo(Verdict.Status.BOGUS);
    }

    @Test
    void nameError_underOptOut_isInsecure() throws Exception {
        Nsec3 proofs = Nsec3.usable(chain(zone(), NSEC3Record.Flags.OPT_OUT, 0));

        assertThat(proofs.nameError(name("nope.z.test.")).status()).isEqualTo(Verdict.Status.INSECURE);
    }

    @Test
    void noData_needsAMatchWithoutTheType() throws Exception {
        Nsec3 proofs = Nsec3.usable(chain(zone(), 0, 0));

        assertThat(proofs.noData(name("a.z.test."), Type.TXT).status()).isEqualTo(Verdict.Status.SECURE);
        assertThat(proofs.noData(name("a.z.test."), Type.A).status()).isEqualTo(Verdict.Status.BOGUS);
        assertThat(proofs.noData(name("sub.z.test."), Type.A).status()).as("the parent side of a cut")
                .isEqualTo(Verdict.Status.BOGUS);
        assertThat(proofs.noData(name("nope.z.test."), Type.A).status()).isEqualTo(Verdict.Status.BOGUS);
    }

    @Test
    void dsAbsence_tellsDelegationsFromNamesInTheZone() throws Exception {
        Nsec3 plain = Nsec3.usable(chain(zone(), 0, 0));
        Nsec3 optOut = Nsec3.usable(chain(zone(), NSEC3Record.Flags.OPT_OUT, 0));

        assertThat(plain.dsAbsence(name("sub.z.test.")).kind()).isEqualTo(DsAbsence.Kind.INSECURE);
        assertThat(plain.dsAbsence(name("a.z.test.")).kind()).isEqualTo(DsAbsence.Kind.NOT_A_CUT);
        assertThat(plain.dsAbsence(name("unlisted.z.test.")).kind()).isEqualTo(DsAbsence.Kind.NOT_A_CUT);
        assertThat(optOut.dsAbsence(name("unlisted.z.test.")).kind()).as("maybe an unsigned delegation")
                .isEqualTo(DsAbsence.Kind.INSECURE);
    }

    @Test
    void tooManyIterations_orOnlyUnknownHashes_proveNothing() throws Exception {
        assertThat(Nsec3.usable(chain(zone(), 0, Nsec3.MAX_ITERATIONS))).isNotNull();
        assertThat(Nsec3.usable(chain(zone(), 0, Nsec3.MAX_ITERATIONS + 1))).isNull();
        assertThat(Nsec3.usable(List.of())).isNull();
    }
}
