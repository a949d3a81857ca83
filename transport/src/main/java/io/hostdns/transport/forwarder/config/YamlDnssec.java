package io.hostdns.transport.forwarder.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * Reads {@code hostDNS.dnssec} over its defaults ({@link HostDnsConfig.Dnssec#defaults()}):
 * <pre>
 * dnssec:
 *   validate: true
 *   trustAnchors: [/etc/hostdns/corp.example.ds]
 *   negativeTrustAnchors: [broken.example.]
 *   bogusTtl: 5s
 * </pre>
 * The anchor files are only named here; the forwarder reads them when it builds the validating stage.
 */
final class YamlDnssec {

    private static final String FILES = "absolute paths of trust anchor files (DS or DNSKEY records)";
    private static final String DOMAINS = "domain names such as broken.example.";

    private YamlDnssec() {
    }

    static HostDnsConfig.Dnssec read(YamlSection s) {
        s.allowOnly(Set.of("validate", "trustAnchors", "negativeTrustAnchors", "bogusTtl"));
        HostDnsConfig.Dnssec d = HostDnsConfig.Dnssec.defaults();
        List<Path> files = new ArrayList<>();
        List<String> fileTexts = s.strings("trustAnchors", FILES);
        if (fileTexts != null) {
            for (int i = 0; i < fileTexts.size(); i++) {
                files.add(path(s.child("trustAnchors") + "[" + i + "]", fileTexts.get(i)));
            }
        }
        List<Name> domains = new ArrayList<>();
        List<String> domainTexts = s.strings("negativeTrustAnchors", DOMAINS);
        if (domainTexts != null) {
            for (int i = 0; i < domainTexts.size(); i++) {
                domains.add(HostDnsConfigLoader.name(s.child("negativeTrustAnchors") + "[" + i + "]",
                        domainTexts.get(i)));
            }
        }
        return new HostDnsConfig.Dnssec(s.bool("validate", d.validate()), files, domains,
                s.duration("bogusTtl", d.bogusTtl()));
    }

    private static Path path(String path, String text) {
        try {
            Path file = Path.of(text);
            if (text.isBlank() || !file.isAbsolute()) {
                throw ConfigException.invalid(path, text, "an absolute file path");
            }
            return file;
        } catch (InvalidPathException e) {
            throw ConfigException.invalid(path, text, "an absolute file path");
        }
    }
}
