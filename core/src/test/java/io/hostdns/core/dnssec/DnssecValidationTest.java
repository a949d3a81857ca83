package io.hostdns.core.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base64;

class DnssecValidationTest {

    /** The root KSKs as IANA publishes them (root-anchors.xml, PublicKey with Flags 257, algorithm 8). */
    private static final String KSK_2017 = "AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN"
            + "7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb"
            + "9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm"
            + "+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=";
    private static final String KSK_2024 = "AwEAAa96jeuknZlaeSrvyAJj6ZHv28hhOKkx3rLGXVaC6rXTsDc449/cidltpkyGwCJNnOAlFNKF2jBosZBU5eeH"
            + "spaQWOmOElZsjICMQMC3aeHbGiShvZsx4wMYSjH8e7Vrhbu6irwCzVBApESjbUdpWWmEnhathWu1jo+siFUiRAAxm9qyJNg/wOZqqzL/"
            + "dL/q8PkcRU5oUKEpUge71M3ej2/7CPqpdVwuMoTvoB+ZOT4YeGyxMvHmbrxlFzGOHOijtzN+u1TQNatX2XBuzZNQ1K+s2CXkPIZo7s6J"
            + "gZyvaBevYtxPvYLw4z9mR7K2vaF18UYH9Z9GNUUeayffKC73PYc=";

    @Test
    void rootAnchors_areTheDsOfBothPublishedRootKsks_recomputedFromTheirKeys() {
        List<Record> anchors = DnssecValidation.rootAnchors().trustAnchors();

        assertThat(anchors).hasSize(2).allSatisfy(r -> {
            assertThat(r.getName()).isEqualTo(Name.root);
            assertThat(r.getType()).isEqualTo(Type.DS);
        });
        for (String key : List.of(KSK_2017, KSK_2024)) {
            DNSKEYRecord dnskey = new DNSKEYRecord(Name.root, DClass.IN, 172800, 257, DNSKEYRecord.Protocol.DNSSEC,
                    DNSSEC.Algorithm.RSASHA256, base64.fromString(key));
            DSRecord expected = new DSRecord(Name.root, DClass.IN, 0, DNSSEC.Digest.SHA256, dnskey);
            assertThat(anchors).as("DS of key tag %d", dnskey.getFootprint()).anySatisfy(r -> {
                DSRecord ds = (DSRecord) r;
                assertThat(ds.getFootprint()).isEqualTo(dnskey.getFootprint());
                assertThat(ds.getAlgorithm()).isEqualTo(DNSSEC.Algorithm.RSASHA256);
                assertThat(ds.getDigestID()).isEqualTo(DNSSEC.Digest.SHA256);
                assertThat(ds.getDigest()).isEqualTo(expected.getDigest());
            });
        }
        assertThat(anchors).extracting(r -> ((DSRecord) r).getFootprint()).containsExactlyInAnyOrder(20326, 38696);
    }

    @Test
    void parseTrustAnchors_readsDsAndDnskeyRecords_withCommentsAndRelativeNames() {
        List<Record> anchors = DnssecValidation.parseTrustAnchors(String.join("\n",
                "; a private tree",
                "$ORIGIN corp.test.",
                "@ IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
                "lab 300 IN DNSKEY " + SignedZone.create("lab.corp.test").dnskey().rdataToString(),
                ""), "anchors.zone");
        assertThat(anchors).extracting(Record::getType).containsExactly(Type.DS, Type.DNSKEY);
        assertThat(anchors.get(0).getName()).isEqualTo(Name.fromConstantString("corp.test."));
        assertThat(anchors.get(1).getName()).isEqualTo(Name.fromConstantString("lab.corp.test."));
    }

    @Test
    void readTrustAnchors_readsAFile(@TempDir Path dir) throws Exception {
        SignedZone zone = SignedZone.create("files.test");
        Path file = dir.resolve("anchor.ds");
        Files.writeString(file, zone.ds() + "\n");

        assertThat(DnssecValidation.readTrustAnchors(file)).containsExactly(zone.ds());
    }

    @Test
    void parseTrustAnchors_rejectsOtherTypes_namingTheSourceAndRecord() {
        assertThatThrownBy(() -> DnssecValidation.parseTrustAnchors("www.test. 60 IN A 192.0.2.1", "bad.zone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.zone")
                .hasMessageContaining("www.test.")
                .hasMessageContaining("is a A record");
    }

    @Test
    void parseTrustAnchors_rejectsSyntaxErrors_andEmptyText_namingTheSource() {
        assertThatThrownBy(() -> DnssecValidation.parseTrustAnchors("corp.test. IN DS twelve 13 2 00", "typo.zone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typo.zone");
        assertThatThrownBy(() -> DnssecValidation.parseTrustAnchors("; nothing here\n", "empty.zone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.zone")
                .hasMessageContaining("no DS or DNSKEY record");
    }

    @Test
    void validation_needsAnAnchor_andAbsoluteNegativeAnchors() {
        assertThatThrownBy(() -> DnssecValidation.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one trust anchor");
        assertThatThrownBy(() -> DnssecValidation.rootAnchors()
                .withNegativeTrustAnchors(List.of(Name.fromConstantString("relative"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void plusTrustAnchors_keepsTheRootAnchors_andNegativeAnchorsCoverSubdomains() {
        SignedZone zone = SignedZone.create("corp.test");
        DnssecValidation validation = DnssecValidation.rootAnchors().plusTrustAnchors(List.of(zone.ds()))
                .withNegativeTrustAnchors(List.of(Name.fromConstantString("broken.test.")));

        assertThat(validation.trustAnchors()).hasSize(3).contains(zone.ds());
        assertThat(validation.isNegativelyTrusted(Name.fromConstantString("a.b.broken.test."))).isTrue();
        assertThat(validation.isNegativelyTrusted(Name.fromConstantString("broken.test."))).isTrue();
        assertThat(validation.isNegativelyTrusted(Name.fromConstantString("notbroken.test."))).isFalse();
    }
}
