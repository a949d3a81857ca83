package io.hostdns.transport.forwarder;

import io.hostdns.core.Protocol;
import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.server.RunningDnsServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The forwarder's listeners: one {@link RunningDnsServer} (UDP and TCP) per listen address, so that a
 * reconfiguration can add and remove addresses without touching the others. This is only the diff: each
 * server supervises its own sockets (bind retried with backoff, dead channels rebuilt, FAILED meanwhile in
 * {@link #status()}), started with {@link DnsServer#failIfNoneBinds(boolean) failIfNoneBinds(false)} so that an
 * address that cannot be bound yet does not stop the others; whether that is fatal (no address at all bound at
 * start) is the forwarder's call. Start, reconfiguration and shutdown are serialised by the forwarder; status
 * may be read from any thread.
 */
final class ListenerSet {

    private final Map<InetSocketAddress, RunningDnsServer> servers = new LinkedHashMap<>();
    private final Sinks.Many<RunningDnsServer.ListenerStatus> changes = Sinks.many().multicast().directBestEffort();
    private volatile boolean closed;

    /**
     * Makes the listened addresses {@code wanted}: starts the new ones with {@code template} (resolver, event
     * loops, ACL and timeouts set), stops those no longer wanted within {@code grace}, and leaves the others
     * running. With {@code restartAll} (the template changed, e.g. another ACL) every listener is rebuilt.
     */
    Mono<Void> apply(List<InetSocketAddress> wanted, DnsServer template, boolean restartAll, Duration grace) {
        return Mono.defer(() -> {
            List<Mono<Void>> stops = new ArrayList<>();
            synchronized (servers) {
                servers.entrySet().removeIf(entry -> {
                    boolean stop = restartAll || !wanted.contains(entry.getKey());
                    if (stop) {
                        stops.add(entry.getValue().shutdown(grace));
                    }
                    return stop;
                });
            }
            List<InetSocketAddress> toStart = wanted.stream().filter(a -> !running(a)).toList();
            return Mono.when(stops).then(Flux.fromIterable(toStart)
                    .concatMap(address -> template.listen(address).failIfNoneBinds(false).start()
                            .doOnNext(server -> added(address, server)))
                    .then());
        });
    }

    private boolean running(InetSocketAddress address) {
        synchronized (servers) {
            return servers.containsKey(address);
        }
    }

    private void added(InetSocketAddress address, RunningDnsServer server) {
        if (closed) {
            server.dispose();
            return;
        }
        synchronized (servers) {
            servers.put(address, server);
        }
        server.statusChanges().subscribe(this::emit);
        server.status().forEach(this::emit);
    }

    // listeners change state on different event loops; the sink needs serialised emissions
    private void emit(RunningDnsServer.ListenerStatus status) {
        synchronized (changes) {
            changes.tryEmitNext(status);
        }
    }

    /** Whether at least one socket of one address is being served. */
    boolean anyRunning() {
        return status().stream().anyMatch(l -> l.state() == RunningDnsServer.ListenerStatus.State.RUNNING);
    }

    /** The bound UDP address of every address being served (the actual port for port 0), in the order started. */
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

    /** Every listener socket of every address and its state. */
    List<RunningDnsServer.ListenerStatus> status() {
        List<RunningDnsServer.ListenerStatus> all = new ArrayList<>();
        for (RunningDnsServer server : servers()) {
            all.addAll(server.status());
        }
        return all;
    }

    private List<RunningDnsServer> servers() {
        synchronized (servers) {
            return List.copyOf(servers.values());
        }
    }

    /** Each listener state change (hot). */
    Flux<RunningDnsServer.ListenerStatus> changes() {
        return changes.asFlux();
    }

    /** Stops every listener within {@code grace}. */
    Mono<Void> shutdown(Duration grace) {
        return Mono.defer(() -> {
            closed = true;
            List<Mono<Void>> stops = servers().stream().map(s -> s.shutdown(grace)).toList();
            synchronized (servers) {
                servers.clear();
            }
            return Mono.when(stops).doFinally(s -> {
                synchronized (changes) {
                    changes.tryEmitComplete();
                }
            });
        });
    }
}
