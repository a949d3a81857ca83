package io.hostdns.core.dnssec;

/**
 * The root zone's key-signing keys as DS records, from IANA's published trust anchors
 * (https://data.iana.org/root-anchors/root-anchors.xml): KSK-2017 (key tag 20326) and KSK-2024 (key tag
 * 38696), both RSA/SHA-256 (algorithm 8) with a SHA-256 digest (type 2). A test recomputes both digests
 * from the published DNSKEYs.
 */
final class RootTrustAnchors {

    /** Zone-file text of both anchors, as a trust anchor file would hold them. */
    static final String TEXT = String.join("\n",
            "; KSK-2017, valid from 2017-02-02",
            ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
            "; KSK-2024, valid from 2024-07-18",
            ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
            "");

    private RootTrustAnchors() {
    }
}
