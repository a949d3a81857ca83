package io.hostdns.examples.cli;

import io.hostdns.transport.forwarder.config.ConfigException;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.HostDnsConfigLoader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option shared by the commands: a Talos-shaped YAML file with a top-level
 * {@code hostDNS} key (see {@link HostDnsConfigLoader}). A file that cannot be read or does not validate
 * is a usage error whose one line names the file and, for a bad value, the field.
 */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The hostdns configuration (YAML with a top-level hostDNS key).")
    @Nullable Path file;

    /** Whether {@code --config} was given. */
    boolean given() {
        return file != null;
    }

    /**
     * The loaded configuration, or empty without {@code --config}.
     *
     * @throws UsageException when the file cannot be read or is invalid
     */
    Optional<HostDnsConfig> load() {
        Path path = file;
        if (path == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostDnsConfigLoader.load(path));
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read config file '" + path + "': no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read config file '" + path + "': " + e, e);
        } catch (ConfigException e) {
            throw new UsageException("config file '" + path + "': " + e.getMessage(), e);
        }
    }
}
