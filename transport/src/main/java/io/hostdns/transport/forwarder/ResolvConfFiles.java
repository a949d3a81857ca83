package io.hostdns.transport.forwarder;

import io.hostdns.core.search.ResolvConf;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The resolv.conf side of the forwarder: what it would write (pointing at the configured listen addresses on
 * port 53, keeping the current file's search domains and options, or clearing the search domains), and the
 * atomic write itself. File I/O runs on {@link Schedulers#boundedElastic()}.
 */
final class ResolvConfFiles {

    private static final Logger log = LoggerFactory.getLogger(ResolvConfFiles.class);

    private ResolvConfFiles() {
    }

    /** The resolv.conf for {@code config}, based on the file at its path when that exists. */
    static Mono<ResolvConf> generate(HostDnsConfig config) {
        return Mono.fromCallable(() -> generateNow(config)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Generates and atomically writes the resolv.conf of {@code config} to its path. */
    static Mono<ResolvConf> write(HostDnsConfig config) {
        return Mono.fromCallable(() -> {
            ResolvConf conf = generateNow(config);
            Path path = config.resolvConf().path();
            AtomicFileWriter.write(path, ResolvConfGenerator.render(conf));
            log.info("wrote {}: nameservers {}, search {}", path, conf.nameservers(), conf.search());
            return conf;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static ResolvConf generateNow(HostDnsConfig config) throws java.io.IOException {
        HostDnsConfig.ResolvConf settings = config.resolvConf();
        Path path = settings.path();
        ResolvConf base = Files.isRegularFile(path) ? ResolvConf.read(path).conf() : ResolvConf.empty();
        return ResolvConfGenerator.pointingAt(ResolvConfGenerator.serversFor(config.listenAddresses()), base,
                settings.keepSearch());
    }
}
