package io.hostdns.core.hosts;

import io.hostdns.core.internal.hosts.NameTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The node's own names and addresses, to feed {@link StaticHosts.Builder#node}.
 *
 * <p>{@link #detect()} reads the machine: blocking file and interface I/O, so call it off event loops
 * (e.g. {@code Mono.fromCallable(NodeIdentity::detect).subscribeOn(Schedulers.boundedElastic())}). It
 * deliberately does not use {@link InetAddress#getLocalHost()}, which resolves the hostname through DNS,
 * that is, possibly through this very forwarder.
 *
 * @param hostname  the short host name (first label)
 * @param fqdn      the fully qualified name when the configured hostname has a domain, else null
 * @param addresses the node's global addresses (no loopback, no link-local)
 */
public record NodeIdentity(String hostname, @Nullable String fqdn, List<InetAddress> addresses) {

    /** Where Linux exposes the kernel host name. */
    public static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    public NodeIdentity {
        Objects.requireNonNull(hostname, "hostname");
        addresses = List.copyOf(addresses);
    }

    /** The identity from a hostname (short or fully qualified) and addresses. */
    public static NodeIdentity of(String configuredHostname, List<InetAddress> addresses) {
        String name = configuredHostname.trim();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (NameTable.hostName(name) == null) {
            throw new IllegalArgumentException("not a valid host name: '" + configuredHostname + "'");
        }
        int dot = name.indexOf('.');
        return dot < 0 ? new NodeIdentity(name, null, addresses) : new NodeIdentity(name.substring(0, dot), name, addresses);
    }

    /** The hostname read from {@code hostnameFile} (first line) with {@code addresses}. Blocking I/O. */
    public static NodeIdentity fromFile(Path hostnameFile, List<InetAddress> addresses) throws IOException {
        List<String> lines = Files.readAllLines(hostnameFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException(hostnameFile + " holds no host name");
        }
        return of(lines.get(0), addresses);
    }

    /** This machine: {@link #KERNEL_HOSTNAME} and the addresses of its up interfaces. Blocking I/O. */
    public static NodeIdentity detect() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress() && !address.isLoopbackAddress()) {
                        addresses.add(address);
                    }
                }
            }
        }
        return fromFile(KERNEL_HOSTNAME, addresses);
    }

    /** Adds these names and addresses to {@code hosts}. */
    public StaticHosts.Builder addTo(StaticHosts.Builder hosts) {
        return hosts.node(hostname, fqdn, addresses);
    }
}
