package io.hostdns.transport.forwarder;

import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.internal.IpLiteral;
import io.hostdns.transport.server.RunningDnsServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /upstreams} document: readiness, the configuration status, the listeners, and per route every
 * upstream's health (state, RTT, attempts by outcome, last error), times in ISO-8601 UTC and durations in
 * milliseconds. {@code hostdns upstreams --server} reads it back.
 */
final class StatusJson {

    private StatusJson() {
    }

    static String render(ForwarderStatus status, Readiness readiness) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("ready").value(readiness.ready()).name("readiness").value(readiness.reason());
        ForwarderStatus.ConfigStatus config = status.config();
        json.name("config").beginObject()
                .name("source").value(config.source())
                .name("appliedAt").value(config.appliedAt().toString())
                .name("applied").value(config.applied())
                .name("failed").value(config.failed())
                .name("lastError").value(config.lastError())
                .name("lastErrorAt").value(time(config.lastErrorAt()))
                .endObject();
        json.name("listeners").beginArray();
        for (RunningDnsServer.ListenerStatus listener : status.listeners()) {
            json.beginObject().name("address").value(address(listener.address()))
                    .name("protocol").value(listener.protocol().label())
                    .name("state").value(listener.state().name())
                    .name("error").value(listener.error()).endObject();
        }
        json.endArray();
        json.name("routes").beginArray();
        for (ForwarderStatus.RouteStatus route : status.upstreams()) {
            json.beginObject().name("domain").value(route.domain() == null ? null : route.domain().toString());
            json.name("upstreams").beginArray();
            for (UpstreamStatus upstream : route.upstreams()) {
                upstream(json, upstream);
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }

    private static void upstream(JsonWriter json, UpstreamStatus u) {
        json.beginObject()
                .name("index").value(u.id().index())
                .name("protocol").value(u.protocol().label())
                .name("address").value(u.address())
                .name("state").value(u.state().name())
                .name("rttMeanMs").value(millis(u.rttMean()))
                .name("rttTailMs").value(millis(u.rttTail()))
                .name("consecutiveFailures").value(u.consecutiveFailures());
        json.name("attempts").beginObject();
        for (UpstreamStatus.Outcome outcome : UpstreamStatus.Outcome.values()) {
            json.name(outcome.name().toLowerCase(Locale.ROOT)).value(u.count(outcome));
        }
        json.endObject()
                .name("lastError").value(u.lastError())
                .name("lastErrorAt").value(time(u.lastErrorAt()))
                .endObject();
    }

    private static double millis(@Nullable Duration d) {
        return d == null ? Double.NaN : d.toNanos() / 1e6;
    }

    private static @Nullable String time(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }

    private static String address(InetSocketAddress a) {
        String host = IpLiteral.format(a.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
