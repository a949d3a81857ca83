package io.hostdns.examples.zone;

import io.hostdns.core.Protocol;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.server.RunningDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The demo zone served over UDP and TCP on {@code 127.0.0.1:<ephemeral port>} by a {@link DnsServer}:
 * the in-process authoritative upstream of {@code hostdns serve --demo}, so the forwarder answers on a
 * machine without any network. Disposing it (or {@link #shutdown(Duration)}) closes its sockets; the
 * event loops belong to the {@link DnsResources} it was started on.
 */
public final class DemoZoneServer implements Disposable {

    private final RunningDnsServer server;
    private final InetSocketAddress address;

    private DemoZoneServer(RunningDnsServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Starts serving {@code resolver} on a free loopback port (UDP and TCP), on the event loops of
     * {@code resources}. Emits once both sockets are bound.
     */
    public static Mono<DemoZoneServer> start(ZoneResolver resolver, DnsResources resources) {
        Objects.requireNonNull(resolver, "resolver");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        return DnsServer.create().resolver(resolver).listen(any).runOn(resources).start()
                .flatMap(running -> {
                    InetSocketAddress udp = running.address(Protocol.UDP);
                    if (udp == null || running.address(Protocol.TCP) == null) {
                        return running.shutdown(Duration.ZERO).then(Mono.error(new IllegalStateException(
                                "the demo zone server could not bind UDP and TCP on loopback: " + running.status())));
                    }
                    return Mono.just(new DemoZoneServer(running, udp));
                });
    }

    /** Starts the embedded {@code demo.test.} zone ({@link DemoZone}). Parses the zone file: call off event loops. */
    public static Mono<DemoZoneServer> startDemo(DnsResources resources) {
        return start(DemoZone.resolver(), resources);
    }

    /** The loopback address and port it answers on, UDP and TCP. */
    public InetSocketAddress address() {
        return address;
    }

    /** The upstream spec that reaches it, e.g. {@code udp://127.0.0.1:40123}. */
    public String upstreamSpec() {
        return "udp://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Stops serving; queries in flight get {@code grace} to finish. */
    public Mono<Void> shutdown(Duration grace) {
        return server.shutdown(grace);
    }

    @Override
    public void dispose() {
        server.dispose();
    }

    @Override
    public boolean isDisposed() {
        return server.isDisposed();
    }
}
