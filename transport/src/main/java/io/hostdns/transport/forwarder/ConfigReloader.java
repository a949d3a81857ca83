package io.hostdns.transport.forwarder;

import io.hostdns.transport.forwarder.config.ConfigException;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.HostDnsConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link HostDnsForwarder#reloadFrom}: each read of the file (a change seen by the poll, or a trigger) loaded,
 * adjusted, and applied through {@link HostDnsForwarder#reconfigure} when it differs from the configuration in
 * force. Whatever keeps the running configuration is said in one WARN line and recorded in the status.
 */
final class ConfigReloader {

    private static final Logger log = LoggerFactory.getLogger(HostDnsForwarder.class);

    private final HostDnsForwarder forwarder;
    private final ForwarderCore core;
    private final Path file;
    private final UnaryOperator<HostDnsConfig> adjust;

    ConfigReloader(HostDnsForwarder forwarder, ForwarderCore core, Path file, UnaryOperator<HostDnsConfig> adjust) {
        this.forwarder = forwarder;
        this.core = core;
        this.file = file;
        this.adjust = adjust;
    }

    /** Follows the file until the returned subscription is disposed or the forwarder shuts down. */
    Disposable follow(Flux<?> triggers) {
        core.configSource(file.toString());
        return core.watch(file, triggers)
                .concatMap(this::apply)
                .subscribe(null, error -> log.warn("configuration file {} is no longer followed: {}", file,
                        error.toString()));
    }

    private Mono<Void> apply(FileWatch.Read read) {
        byte[] content = read.content();
        if (content == null) {
            return failed("cannot read it: " + read.error());
        }
        HostDnsConfig loaded;
        try {
            loaded = adjust.apply(HostDnsConfigLoader.load(new String(content, StandardCharsets.UTF_8)));
        } catch (ConfigException e) {
            return failed(e.getMessage());
        }
        if (loaded.equals(forwarder.config())) {
            return Mono.empty(); // the first poll, a touch, an edit that changes nothing
        }
        return forwarder.reconfigure(loaded)
                .doOnSuccess(v -> log.info("configuration reloaded from {}", file))
                .onErrorResume(error -> {
                    // the core recorded it in the status; this line says why
                    log.warn("configuration reloaded from {} not applied, keeping the running one: {}", file,
                            error.getMessage());
                    return Mono.empty();
                });
    }

    private Mono<Void> failed(String why) {
        log.warn("configuration reload from {} failed, keeping the running configuration: {}", file, why);
        core.reloadFailed(why);
        return Mono.empty();
    }
}
