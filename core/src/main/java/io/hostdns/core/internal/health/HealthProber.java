package io.hostdns.core.internal.health;

import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.ProbeSettings;
import io.hostdns.core.health.UpstreamStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Probes each upstream that goes DOWN in the background, on {@code scheduler}, with the backoff of
 * {@link ProbeSettings}, until it is no longer DOWN (a probe got any response, or a real query
 * succeeded). Probes go through a {@link HealthTrackingResolver}, so their errors and RTTs count like
 * real queries'. Nothing runs
 * after {@link #dispose()}.
 */
public final class HealthProber implements Disposable {

    private final HealthRegistry registry;
    private final ProbeSettings settings;
    private final Scheduler scheduler;
    private final Map<UpstreamId, Resolver> probes = new HashMap<>();
    private final Map<UpstreamId, Disposable> running = new ConcurrentHashMap<>();
    private final Disposable watch;
    private volatile boolean disposed;

    /**
     * Starts watching {@code registry} for upstreams that go DOWN.
     *
     * @param upstreams the upstreams as configured (their own resolvers, not a group's combinator)
     */
    public HealthProber(HealthRegistry registry, Iterable<Upstream> upstreams, ProbeSettings settings,
                        Scheduler scheduler) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        for (Upstream upstream : upstreams) {
            UpstreamId id = upstream.id();
            Duration timeout = settings.timeout();
            Resolver bounded = query -> upstream.resolver().resolve(query)
                    .timeout(timeout, Mono.error(() -> new DnsTimeoutException(id, timeout)), scheduler);
            // Any response to a probe, whatever its rcode, shows the upstream is reachable and speaks DNS
            // (CoreDNS counts it so too): an authoritative-only server answers the default `. NS` REFUSED,
            // and counting that as a failure would keep it DOWN forever.
            probes.put(id, new HealthTrackingResolver(id, bounded, registry, scheduler, answer -> UpstreamStatus.Outcome.OK));
        }
        this.watch = registry.changes()
                .filter(status -> status.state() == UpstreamStatus.State.DOWN)
                .subscribe(status -> startProbing(status.id()));
        for (UpstreamId id : probes.keySet()) {
            if (registry.state(id) == UpstreamStatus.State.DOWN) {
                startProbing(id);
            }
        }
    }

    /** Whether {@code upstream} is being probed now. */
    public boolean isProbing(UpstreamId upstream) {
        return running.containsKey(upstream);
    }

    private void startProbing(UpstreamId id) {
        Resolver probe = probes.get(id);
        if (probe == null || disposed) {
            return;
        }
        // A swap disposes whatever it is updated with after being disposed: dispose() may come first.
        Disposable.Swap slot = Disposables.swap();
        if (running.putIfAbsent(id, slot) != null) {
            return;
        }
        AtomicReference<Duration> wait = new AtomicReference<>(settings.initialBackoff());
        Disposable loop = Mono.defer(() -> Mono.delay(wait.get(), scheduler))
                .then(Mono.defer(() -> stillDown(id) ? probeOnce(probe) : Mono.<Void>empty()))
                .doOnSuccess(done -> wait.set(settings.nextBackoff(wait.get())))
                .repeat(() -> stillDown(id))
                .doFinally(signal -> finished(id, slot))
                .subscribe();
        slot.update(loop);
    }

    private Mono<Void> probeOnce(Resolver probe) {
        return probe.resolve(settings.query())
                .then()
                // The tracking resolver has recorded the failure in the registry; the loop goes on.
                .onErrorResume(error -> Mono.empty());
    }

    private boolean stillDown(UpstreamId id) {
        return !disposed && registry.state(id) == UpstreamStatus.State.DOWN;
    }

    private void finished(UpstreamId id, Disposable slot) {
        running.remove(id, slot);
        // It may have gone DOWN again between the last check and the removal: do not lose that.
        if (stillDown(id)) {
            startProbing(id);
        }
    }

    @Override
    public void dispose() {
        disposed = true;
        watch.dispose();
        running.values().forEach(Disposable::dispose);
        running.clear();
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
