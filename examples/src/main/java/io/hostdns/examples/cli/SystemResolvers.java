package io.hostdns.examples.cli;

import io.hostdns.core.search.ResolvConf;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.ListenAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The name servers of the host's resolv.conf as upstreams: the CLI's default when no configuration
 * names any. Servers that are the forwarder itself (one of its listen addresses on port 53, or any
 * loopback address under a wildcard listener on 53) are left out, so {@code serve} never forwards to
 * itself after it rewrote the file. Reads a file: blocking, for the CLI's main thread.
 */
final class SystemResolvers {

    /** The host's resolver configuration. */
    static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private SystemResolvers() {
    }

    /** The parsed file, or an empty configuration when it does not exist. */
    static ResolvConf read(Path file) {
        try {
            return ResolvConf.read(file).conf();
        } catch (NoSuchFileException e) {
            return ResolvConf.empty();
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e, e);
        }
    }

    /** The name servers of {@code file} as upstream addresses, without those that are {@code ownListeners}. */
    static List<UpstreamSpec> upstreams(Path file, List<ListenAddress> ownListeners) {
        List<UpstreamSpec> upstreams = new ArrayList<>();
        List<String> servers = read(file).nameservers();
        for (int i = 0; i < servers.size(); i++) {
            String server = servers.get(i);
            String literal = server.indexOf(':') >= 0 ? "[" + server + "]" : server;
            UpstreamSpec spec;
            try {
                spec = UpstreamSpec.parse(literal);
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + " nameserver " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (!isOurs(address(spec), ownListeners)) {
                upstreams.add(spec);
            }
        }
        return upstreams;
    }

    /** The spec's IP address, its zone left out: an IP literal, so no name is looked up. */
    private static InetAddress address(UpstreamSpec spec) {
        try {
            return InetAddress.getByName(spec.host());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an upstream spec's host is an IP literal: " + spec, e);
        }
    }

    private static boolean isOurs(InetAddress server, List<ListenAddress> listeners) {
        for (ListenAddress listener : listeners) {
            if (listener.port() != 53) {
                continue;
            }
            if (listener.address().equals(server) || listener.isWildcard() && server.isLoopbackAddress()) {
                return true;
            }
        }
        return false;
    }
}
