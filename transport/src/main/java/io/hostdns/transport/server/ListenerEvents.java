package io.hostdns.transport.server;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The status changes of a server's listeners as a hot {@link Flux}: subscribers see the changes that happen
 * after they subscribe. Listeners change state on different event loops, so emissions are serialised here;
 * they are rare (bind, failure, rebuild, stop), so a monitor costs nothing that matters.
 */
final class ListenerEvents {

    private final Sinks.Many<RunningDnsServer.ListenerStatus> sink = Sinks.many().multicast().directBestEffort();

    /** Publishes a listener's new status. */
    void changed(RunningDnsServer.ListenerStatus status) {
        synchronized (sink) {
            sink.tryEmitNext(status);
        }
    }

    /** Ends the stream (server stopped). */
    void complete() {
        synchronized (sink) {
            sink.tryEmitComplete();
        }
    }

    Flux<RunningDnsServer.ListenerStatus> flux() {
        return sink.asFlux();
    }
}
