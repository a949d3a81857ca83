package io.hostdns.transport.forwarder.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the forwarder treats the host's resolv.conf ({@code hostDNS.resolvConf}).
 *
 * @param path       the file to read and, when {@code write} is on, to rewrite (default {@code /etc/resolv.conf})
 * @param write      rewrite it to point at our listen addresses (default off: an embedding service
 *                   must not take over the host's resolver unasked)
 * @param keepSearch keep its search domains when rewriting (default on); off clears them, which pods
 *                   with {@code ndots:5} need when the LAN search domains multiply queries (talos #13870)
 */
public record ResolvConfConfig(Path path, boolean write, boolean keepSearch) {

    public ResolvConfConfig {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw ConfigException.invalid("hostDNS.resolvConf.path", path.toString(), "an absolute file path");
        }
    }

    /** {@code /etc/resolv.conf}, not written, search kept. */
    public static ResolvConfConfig defaults() {
        return new ResolvConfConfig(Path.of("/etc/resolv.conf"), false, true);
    }
}
