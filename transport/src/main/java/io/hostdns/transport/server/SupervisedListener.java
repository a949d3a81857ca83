package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One socket of the server that stays up: it binds, and whenever its bind fails or its channel closes
 * without {@link #stop(Duration)} having been called, it builds a new channel after a backoff (doubling,
 * capped), logging at WARN and showing FAILED in its {@link #status()} meanwhile. A rebuild never reuses
 * the old channel (Talos #13486: a reused single-use server kept 127.0.0.53 dead until reboot). Once
 * bound, the actual port is kept, so a rebuilt listener comes back where clients expect it.
 */
abstract class SupervisedListener {

    private static final Logger log = LoggerFactory.getLogger(SupervisedListener.class);

    protected final ServerSettings settings;
    private final ListenerEvents events;
    private final Protocol protocol;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile InetSocketAddress address;
    private volatile RunningDnsServer.ListenerStatus status;
    private volatile boolean stopping;
    private volatile @Nullable Disposable retry;
    private volatile @Nullable Channel channel;

    SupervisedListener(ServerSettings settings, Protocol protocol, InetSocketAddress address, ListenerEvents events) {
        this.settings = settings;
        this.events = events;
        this.protocol = protocol;
        this.address = address;
        this.status = new RunningDnsServer.ListenerStatus(address, protocol, RunningDnsServer.ListenerStatus.State.FAILED, "not started");
    }

    /** Binds a new channel on {@code address}; the Mono emits it once bound. */
    protected abstract Mono<Channel> bind(InetSocketAddress address);

    /** Stops reading, lets what is in flight finish within {@code grace}, then closes everything. */
    protected abstract Mono<Void> drainAndClose(Duration grace);

    /** Binds once (a failure schedules a rebuild); completes, never errors, with the status after that first try. */
    final Mono<RunningDnsServer.ListenerStatus> start() {
        return bindOnce().then(Mono.fromSupplier(() -> status));
    }

    private Mono<Void> bindOnce() {
        return Mono.defer(() -> bind(address))
                .doOnNext(this::bound)
                .doOnError(this::bindFailed)
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private void bound(Channel bound) {
        if (stopping) {
            bound.close();
            return;
        }
        address = (InetSocketAddress) bound.localAddress();
        channel = bound;
        failures.set(0);
        update(new RunningDnsServer.ListenerStatus(address, protocol, RunningDnsServer.ListenerStatus.State.RUNNING, null));
        bound.closeFuture().addListener(f -> closed(bound));
    }

    private void bindFailed(Throwable error) {
        String reason = error.getCause() != null ? error.getCause().toString() : error.toString();
        update(new RunningDnsServer.ListenerStatus(address, protocol, RunningDnsServer.ListenerStatus.State.FAILED, "bind failed: " + reason));
        int attempt = failures.get();
        if (attempt == 0) {
            log.warn("{} listener on {} failed to bind, retrying with backoff: {}", protocol.label(), address, reason);
        } else {
            // a socket that cannot bind (say IPv6 on a host without it) would otherwise warn every few seconds forever
            log.debug("{} listener on {} still failing to bind (attempt {}): {}", protocol.label(), address,
                    attempt + 1, reason);
        }
        scheduleRebuild();
    }

    private void closed(Channel dead) {
        if (stopping || dead != channel) {
            return;
        }
        update(new RunningDnsServer.ListenerStatus(address, protocol, RunningDnsServer.ListenerStatus.State.FAILED, "channel closed unexpectedly"));
        log.warn("{} listener on {} closed unexpectedly, rebuilding it", protocol.label(), address);
        scheduleRebuild();
    }

    private void scheduleRebuild() {
        if (stopping) {
            return;
        }
        Duration delay = settings.backoff(failures.getAndIncrement());
        retry = settings.timer.schedule(() -> bindOnce().subscribe(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void update(RunningDnsServer.ListenerStatus next) {
        status = next;
        events.changed(next);
    }

    /** The channel serving now, null while failed or stopped (tests close it to exercise the rebuild). */
    final @Nullable Channel channel() {
        Channel c = channel;
        return c != null && c.isActive() ? c : null;
    }

    final RunningDnsServer.ListenerStatus status() {
        return status;
    }

    final Protocol protocol() {
        return protocol;
    }

    /** The bound address (the configured one until the first bind). */
    final InetSocketAddress address() {
        return address;
    }

    /** Stops for good: no more rebuilds, in-flight queries get {@code grace} to finish, then all is closed. */
    final Mono<Void> stop(Duration grace) {
        return Mono.defer(() -> {
            stopping = true;
            Disposable pending = retry;
            if (pending != null) {
                pending.dispose();
            }
            return drainAndClose(grace);
        }).doFinally(s -> update(new RunningDnsServer.ListenerStatus(address, protocol, RunningDnsServer.ListenerStatus.State.STOPPED, null)));
    }
}
