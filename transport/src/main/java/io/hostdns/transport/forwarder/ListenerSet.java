package io.hostdns.transport.forwarder;

import io.hostdns.core.Protocol;
import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.server.ListenerStatus;
import io.hostdns.transport.server.RunningDnsServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The forwarder's listeners: one {@link RunningDnsServer} (UDP and TCP) per configured listen address, so
 * that a reconfiguration can add and remove addresses without touching the others. An address whose
 * sockets cannot be bound at all is reported FAILED in {@link #status()} and does not stop the others; the
 * set as a whole fails to start only when no address could be bound. Not thread-safe: the forwarder
 * serialises start, reconfiguration and shutdown; status may be read from any thread.
 */
final class ListenerSet {

    private static final Logger log = LoggerFactory.getLogger(ListenerSet.class);

    private final Map<InetSocketAddress, RunningDnsServer> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<InetSocketAddress, String> failed = Collections.synchronizedMap(new LinkedHashMap<>());
    static final long FIRST_RETRY_MS = 100;
    static final long MAX_RETRY_MS = 10_000;

    private final Sinks.Many<ListenerStatus> changes = Sinks.many().multicast().directBestEffort();
    private final Map<InetSocketAddress, Disposable> retries = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Scheduler timer;
    private volatile DnsServer template;
    private volatile boolean closed;

    ListenerSet(DnsServer template, Scheduler timer) {
        this.template = template;
        this.timer = timer;
    }

    /**
     * Makes the listened addresses {@code wanted}: starts the new ones with {@code server} (the template with
     * resolver, event loops, ACL and timeouts set), stops those no longer wanted within {@code grace}, and
     * leaves the others running. With {@code restartAll} (the template changed, e.g. another ACL) every
     * listener is rebuilt.
     */
    Mono<Void> apply(List<InetSocketAddress> wanted, DnsServer server, boolean restartAll, Duration grace) {
        return Mono.defer(() -> {
            this.template = server;
            List<Mono<Void>> stops = new ArrayList<>();
            List<InetSocketAddress> current;
            synchronized (running) {
                current = List.copyOf(running.keySet());
            }
            for (InetSocketAddress address : current) {
                if (restartAll || !wanted.contains(address)) {
                    stops.add(running.remove(address).shutdown(grace));
                }
            }
            failed.keySet().removeIf(address -> !wanted.contains(address));
            List<InetSocketAddress> toStart = wanted.stream().filter(a -> !running.containsKey(a)).toList();
            synchronized (retries) {
                retries.values().forEach(Disposable::dispose); // unwanted ones stop; wanted ones start again now
                retries.clear();
            }
            return Mono.when(stops).then(Flux.fromIterable(toStart)
                    .concatMap(address -> startOne(address, FIRST_RETRY_MS)).then());
        });
    }

    private Mono<Void> startOne(InetSocketAddress address, long nextRetryMs) {
        return template.listen(address).start()
                .doOnNext(server -> {
                    if (closed) {
                        server.dispose();
                        return;
                    }
                    failed.remove(address);
                    running.put(address, server);
                    server.statusChanges().subscribe(this::emit);
                    server.status().forEach(this::emit);
                })
                .onErrorResume(error -> {
                    if (nextRetryMs == FIRST_RETRY_MS) { // one WARN per outage; the retries at DEBUG
                        log.warn("cannot listen on {}, retrying with backoff: {}", address, error.toString());
                    } else {
                        log.debug("still cannot listen on {}: {}", address, error.toString());
                    }
                    failed.put(address, String.valueOf(error.getMessage()));
                    emit(failedStatus(address, Protocol.UDP));
                    retryLater(address, nextRetryMs);
                    return Mono.empty();
                })
                .then();
    }

    private void retryLater(InetSocketAddress address, long delayMs) {
        if (closed) {
            return;
        }
        Disposable retry = Mono.delay(java.time.Duration.ofMillis(delayMs), timer)
                .then(Mono.defer(() -> failed.containsKey(address) && !closed
                        ? startOne(address, Math.min(delayMs * 2, MAX_RETRY_MS)) : Mono.empty()))
                .subscribe(null, error -> log.warn("retrying {} failed: {}", address, error.toString()));
        Disposable previous = retries.put(address, retry);
        if (previous != null) {
            previous.dispose();
        }
    }

    // listeners change state on different event loops; the sink needs serialised emissions
    private void emit(ListenerStatus status) {
        synchronized (changes) {
            changes.tryEmitNext(status);
        }
    }

    private ListenerStatus failedStatus(InetSocketAddress address, Protocol protocol) {
        return new ListenerStatus(address, protocol, ListenerStatus.State.FAILED, failed.get(address));
    }

    /** Whether at least one address is being served. */
    boolean anyRunning() {
        return !running.isEmpty();
    }

    /** The bound UDP address of every running listen address (the actual port for port 0), in configuration order. */
    List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (RunningDnsServer server : servers()) {
            InetSocketAddress udp = server.address(Protocol.UDP);
            if (udp != null) {
                bound.add(udp);
            }
        }
        return bound;
    }

    /** Every listener: the running servers' sockets, then the addresses that could not be bound. */
    List<ListenerStatus> status() {
        List<ListenerStatus> all = new ArrayList<>();
        for (RunningDnsServer server : servers()) {
            all.addAll(server.status());
        }
        List<InetSocketAddress> failedAddresses;
        synchronized (failed) {
            failedAddresses = List.copyOf(failed.keySet());
        }
        for (InetSocketAddress address : failedAddresses) {
            all.add(failedStatus(address, Protocol.UDP));
            all.add(failedStatus(address, Protocol.TCP));
        }
        return all;
    }

    private List<RunningDnsServer> servers() {
        synchronized (running) {
            return List.copyOf(running.values());
        }
    }

    /** Each listener state change (hot). */
    Flux<ListenerStatus> changes() {
        return changes.asFlux();
    }

    /** Stops every listener within {@code grace}. */
    Mono<Void> shutdown(Duration grace) {
        return Mono.defer(() -> {
            closed = true;
            synchronized (retries) {
                retries.values().forEach(Disposable::dispose);
                retries.clear();
            }
            List<Mono<Void>> stops = servers().stream().map(s -> s.shutdown(grace)).toList();
            running.clear();
            failed.clear();
            return Mono.when(stops).doFinally(s -> {
                synchronized (changes) {
                    changes.tryEmitComplete();
                }
            });
        });
    }
}
