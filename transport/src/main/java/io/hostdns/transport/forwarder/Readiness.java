package io.hostdns.transport.forwarder;

import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.transport.server.RunningDnsServer;
import java.util.List;

/**
 * Whether the forwarder is ready for traffic, as {@code /ready} says it (a Kubernetes readiness probe): once a
 * listener socket is bound and at least one upstream is not DOWN; not while shutting down. A failed reload does
 * not make it unready, since the previous configuration keeps serving, but the reason says so.
 *
 * @param ready  whether to answer 200
 * @param reason one line for the body
 */
record Readiness(boolean ready, String reason) {

    static Readiness of(ForwarderStatus status, boolean stopping) {
        if (stopping) {
            return new Readiness(false, "not ready: shutting down");
        }
        List<RunningDnsServer.ListenerStatus> listeners = status.listeners();
        long running = listeners.stream().filter(l -> l.state() == RunningDnsServer.ListenerStatus.State.RUNNING).count();
        if (running == 0) {
            return new Readiness(false, "not ready: no listener is bound yet " + listeners);
        }
        List<UpstreamStatus> upstreams = status.allUpstreams();
        long up = upstreams.stream().filter(u -> u.state() != UpstreamStatus.State.DOWN).count();
        if (up == 0) {
            return new Readiness(false, "not ready: every upstream is DOWN " + upstreams.stream()
                    .map(u -> u.id() + " (" + u.lastError() + ")").toList());
        }
        String reason = "ready: " + running + " of " + listeners.size() + " listener sockets running, " + up + " of "
                + upstreams.size() + " upstreams not DOWN";
        String error = status.config().lastError();
        if (error != null) {
            reason += "; the last reload failed, the previous configuration is serving: " + error;
        }
        return new Readiness(true, reason);
    }
}
