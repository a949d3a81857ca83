package io.hostdns.transport.testing;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A certificate authority made at test time, and server certificates issued by it (Netty's
 * {@code netty-pkitesting}): TLS and HTTPS fakes present them, clients trust {@link #rootCertificate()}.
 *
 * <p>Key generation is slow CPU work: create these in test setup, never on an event loop.
 */
public final class TestCertificates {

    private final X509Bundle authority;

    private TestCertificates(X509Bundle authority) {
        this.authority = authority;
    }

    /** A new self-signed root CA named {@code CN=commonName}, valid from an hour ago for a day. */
    public static TestCertificates newAuthority(String commonName) {
        try {
            X509Bundle root = base()
                    .subject("CN=" + commonName)
                    .setIsCertificateAuthority(true)
                    .setKeyUsage(true, CertificateBuilder.KeyUsage.keyCertSign, CertificateBuilder.KeyUsage.cRLSign)
                    .buildSelfSigned();
            return new TestCertificates(root);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test CA", e);
        }
    }

    /** The CA certificate a client trusts to accept what this authority issued. */
    public X509Certificate rootCertificate() {
        return authority.getCertificate();
    }

    /**
     * A server certificate for {@code dnsNames} (its subject alternative names; the first is also the
     * CN), issued by this authority, with its private key.
     */
    public X509Bundle issueServer(String... dnsNames) {
        if (dnsNames.length == 0) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        try {
            CertificateBuilder builder = base()
                    .subject("CN=" + dnsNames[0])
                    .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
                    .addExtendedKeyUsageServerAuth();
            for (String name : dnsNames) {
                builder.addSanDnsName(name);
            }
            return builder.buildIssuedBy(authority);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for " + String.join(",", dnsNames), e);
        }
    }

    /** A server certificate whose only subject alternative name is the IP address {@code ip}. */
    public X509Bundle issueServerForIp(String ip) {
        try {
            return base()
                    .subject("CN=" + ip)
                    .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
                    .addExtendedKeyUsageServerAuth()
                    .addSanIpAddress(ip)
                    .buildIssuedBy(authority);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for " + ip, e);
        }
    }

    private static CertificateBuilder base() {
        Instant now = Instant.now();
        return new CertificateBuilder()
                .ecp256()
                .notBefore(now.minus(1, ChronoUnit.HOURS))
                .notAfter(now.plus(1, ChronoUnit.DAYS));
    }
}
