package io.hostdns.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A tree of DNSSEC test zones signed at test time by ldns-keygen and ldns-signzone (package ldnsutils),
 * to be served by {@link NsdServer}, with {@value #PARENT} as its trust anchor:
 *
 * <ul>
 *   <li>{@code signed.test.}: NSEC, ECDSA P-256. {@code www} (A, AAAA), {@code *.wild} (A),
 *       {@code alias} (CNAME to {@code www.insecure.signed.test.}), {@code tampered} (A, its RRSIG's
 *       signature altered), {@code expired} (A, its RRSIG taken from a signing that expired in 2020),
 *       and the delegations below.</li>
 *   <li>{@code nsec3.signed.test.}: NSEC3 (no salt, 0 extra iterations), RSA/SHA-256; DS in the parent.</li>
 *   <li>{@code insecure.signed.test.}: unsigned; a delegation without DS.</li>
 *   <li>{@code nokey.signed.test.}: signed, DS in the parent, but served without its DNSKEY RRset.</li>
 * </ul>
 *
 * <p>Without the tools a test is skipped with a message, except in CI ({@code CI=true}), where that
 * is a failure.
 */
public final class SignedTestZones {

    public static final String PARENT = "signed.test.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Map<String, String> zones;
    private final String trustAnchor;

    private SignedTestZones(Map<String, String> zones, String trustAnchor) {
        this.zones = zones;
        this.trustAnchor = trustAnchor;
    }

    /** Zone name → signed zone text, parent first, for {@link NsdServer#start(Map)}. */
    public Map<String, String> zones() {
        return zones;
    }

    /** The DS record of {@value #PARENT}'s key in zone-file syntax: the tree's trust anchor. */
    public String trustAnchor() {
        return trustAnchor;
    }

    /** Generates keys and signs the tree in a temporary directory, deleted before returning. */
    public static SignedTestZones create() {
        Path keygen = requireTool("ldns-keygen");
        Path signzone = requireTool("ldns-signzone");
        Path dir;
        try {
            dir = Files.createTempDirectory("hostdns-signed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Signer(dir, keygen, signzone).signTree();
        } finally {
            delete(dir);
        }
    }

    private static Path requireTool(String name) {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin"))
                .filter(p -> !p.isEmpty())
                .map(p -> Path.of(p, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(name + " is not installed, and CI=true: DNSSEC interop tests must run in CI "
                    + "(apt-get install -y ldnsutils)");
        }
        Assumptions.assumeTrue(found.isPresent(), name + " is not installed (apt-get install -y ldnsutils); test skipped");
        return found.orElseThrow();
    }

    /** Runs the tools in one directory. */
    private record Signer(Path dir, Path keygen, Path signzone) {

        SignedTestZones signTree() {
            String nsec3Key = keygen("nsec3.signed.test", "RSASHA256", "-b", "2048");
            String nokeyKey = keygen("nokey.signed.test", "ECDSAP256SHA256");
            String parentKey = keygen("signed.test", "ECDSAP256SHA256");
            String nsec3 = sign("nsec3.signed.test", child("nsec3", "192.0.2.10"), nsec3Key, "-n", "-t", "0");
            String nokey = withoutDnskeys(sign("nokey.signed.test", child("nokey", "192.0.2.30"), nokeyKey));
            String parentText = parent(read(nsec3Key + ".ds") + read(nokeyKey + ".ds"));
            String parent = sign("signed.test", parentText, parentKey);
            String expiredSigning = sign("signed.test", parentText, parentKey,
                    "-i", DAY.format(LocalDate.of(2020, 1, 1)), "-e", DAY.format(LocalDate.of(2020, 2, 1)));
            parent = replaceSignature(parent, "expired.signed.test.", signatureLine(expiredSigning, "expired.signed.test."));
            parent = tamper(parent, "tampered.signed.test.");
            Map<String, String> zones = new LinkedHashMap<>();
            zones.put("signed.test", parent);
            zones.put("nsec3.signed.test", nsec3);
            zones.put("insecure.signed.test", child("insecure", "192.0.2.20"));
            zones.put("nokey.signed.test", nokey);
            return new SignedTestZones(zones, read(parentKey + ".ds").trim());
        }

        private static String child(String label, String address) {
            return String.join("\n",
                    "$ORIGIN " + label + ".signed.test.",
                    "$TTL 300",
                    "@ IN SOA ns hostmaster 1 3600 600 86400 300",
                    "@ IN NS ns",
                    "ns IN A 127.0.0.1",
                    "www IN A " + address,
                    "");
        }

        private static String parent(String childDs) {
            return String.join("\n",
                    "$ORIGIN signed.test.",
                    "$TTL 300",
                    "@ IN SOA ns hostmaster 1 3600 600 86400 300",
                    "@ IN NS ns",
                    "ns IN A 127.0.0.1",
                    "www IN A 192.0.2.1",
                    "www IN AAAA 2001:db8::1",
                    "*.wild IN A 192.0.2.3",
                    "alias IN CNAME www.insecure.signed.test.",
                    "tampered IN A 192.0.2.4",
                    "expired IN A 192.0.2.5",
                    "insecure IN NS ns.insecure",
                    "ns.insecure IN A 127.0.0.1",
                    "nsec3 IN NS ns.nsec3",
                    "ns.nsec3 IN A 127.0.0.1",
                    "nokey IN NS ns.nokey",
                    "ns.nokey IN A 127.0.0.1",
                    childDs);
        }

        private String keygen(String zone, String algorithm, String... extra) {
            List<String> command = new ArrayList<>(List.of(keygen.toString(), "-a", algorithm, "-k", "-r", "/dev/urandom"));
            command.addAll(List.of(extra));
            command.add(zone);
            return run(command).trim();
        }

        private String sign(String zone, String text, String key, String... extra) {
            Path unsigned = dir.resolve(zone + ".db");
            Path signed = dir.resolve(zone + ".signed." + System.nanoTime());
            write(unsigned, text);
            List<String> command = new ArrayList<>(List.of(signzone.toString()));
            command.addAll(List.of(extra));
            command.addAll(List.of("-f", signed.toString(), unsigned.toString(), key));
            run(command);
            return read(signed.getFileName().toString());
        }

        private String run(List<String> command) {
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed (" + process.exitValue() + "): " + out);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted running " + command, e);
            }
        }

        private String read(String file) {
            try {
                return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void write(Path file, String text) {
            try {
                Files.writeString(file, text, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Whether {@code line} (ldns output: tab-separated) is the RRSIG covering the A RRset of {@code owner}. */
    private static boolean isASignature(String line, String owner) {
        String[] fields = line.split("\t");
        return fields.length >= 5 && fields[0].equals(owner) && fields[3].equals("RRSIG") && fields[4].startsWith("A ");
    }

    private static String signatureLine(String zone, String owner) {
        return zone.lines().filter(l -> isASignature(l, owner)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RRSIG A for " + owner + " in the signed zone"));
    }

    private static String replaceSignature(String zone, String owner, String replacement) {
        return zone.lines().map(l -> isASignature(l, owner) ? replacement : l).collect(Collectors.joining("\n", "", "\n"));
    }

    /** The zone with one base64 character in the middle of {@code owner}'s RRSIG A signature changed. */
    private static String tamper(String zone, String owner) {
        String line = signatureLine(zone, owner);
        int at = line.lastIndexOf(' ') + 20;
        char changed = line.charAt(at) == 'A' ? 'B' : 'A';
        return replaceSignature(zone, owner, line.substring(0, at) + changed + line.substring(at + 1));
    }

    /** The zone without its DNSKEY RRset and the RRSIG over it. */
    private static String withoutDnskeys(String zone) {
        return zone.lines()
                .filter(l -> {
                    String[] f = l.split("\t");
                    return !(f.length >= 5 && (f[3].equals("DNSKEY") || (f[3].equals("RRSIG") && f[4].startsWith("DNSKEY "))));
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
