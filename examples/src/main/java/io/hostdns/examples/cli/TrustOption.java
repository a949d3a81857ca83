package io.hostdns.examples.cli;

import io.hostdns.transport.tls.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The TLS options of {@code query}: {@code --tls-name} (the server name to send and verify) and
 * {@code --ca-file} (PEM certificates to trust instead of the system's, e.g. for a private DoT server).
 */
final class TrustOption {

    @Option(names = "--tls-name", paramLabel = "NAME",
            description = "With --tls/--https: the server name to send and verify (default: verify the IP address).")
    @Nullable String tlsName;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "With --tls/--https: trust the PEM certificates in FILE instead of the system's.")
    @Nullable Path caFile;

    /**
     * The trust to verify servers with.
     *
     * @throws UsageException when the file cannot be read or holds no certificate
     */
    TlsTrust trust() {
        Path file = caFile;
        if (file == null) {
            return TlsTrust.systemDefault();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            X509Certificate[] certificates = read.stream().map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
            if (certificates.length == 0) {
                throw new UsageException("--ca-file '" + file + "' holds no PEM certificate");
            }
            return TlsTrust.certificates(certificates);
        } catch (NoSuchFileException e) {
            throw new UsageException("--ca-file '" + file + "': no such file");
        } catch (IOException | CertificateException e) {
            throw new UsageException("--ca-file '" + file + "' is not a PEM certificate file: " + e.getMessage(), e);
        }
    }
}
