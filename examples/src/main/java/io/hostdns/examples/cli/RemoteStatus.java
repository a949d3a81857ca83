package io.hostdns.examples.cli;

import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.UpstreamStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * What a running forwarder's {@code /upstreams} says, read for {@code hostdns upstreams --server}: readiness,
 * the configuration status and every upstream's health with its scope, as the local table shows them. JSON is
 * read with SnakeYAML Engine's JSON schema (the CLI has it for configuration files anyway); HTTP is one GET on
 * the command's thread.
 *
 * @param ready     whether {@code /ready} would answer 200
 * @param readiness its one-line reason
 * @param config    the configuration status in one line
 * @param upstreams every upstream, default route first, with its scope
 */
record RemoteStatus(boolean ready, String readiness, String config, List<Row> upstreams) {

    /** One upstream and its scope ({@code default} or the routed domain). */
    record Row(String scope, UpstreamStatus status) {
    }

    /**
     * GETs {@code http://hostPort/upstreams}.
     *
     * @throws CommandFailure when the forwarder cannot be reached or does not answer with its status
     */
    static RemoteStatus fetch(String hostPort, Duration timeout) {
        URI uri = URI.create("http://" + hostPort + "/upstreams");
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            try {
                int code = connection.getResponseCode();
                if (code != 200) {
                    throw new CommandFailure(uri + " answered HTTP " + code + " (is this a hostdns forwarder's "
                            + "hostDNS.metrics.listen address?)");
                }
                try (InputStream in = connection.getInputStream()) {
                    return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + uri + ": " + e + " (is the forwarder running with "
                    + "hostDNS.metrics.listen there?)", e);
        }
    }

    /** The status in {@code json}, as {@code /upstreams} writes it. */
    static RemoteStatus parse(String json) {
        Map<?, ?> root;
        try {
            root = (Map<?, ?>) new Load(LoadSettings.builder().setSchema(new JsonSchema()).build()).loadFromString(json);
        } catch (YamlEngineException | ClassCastException e) {
            throw new CommandFailure("the forwarder's /upstreams is not the JSON expected: " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        for (Object routeObject : list(root.get("routes"))) {
            Map<?, ?> route = (Map<?, ?>) routeObject;
            String scope = route.get("domain") == null ? "default" : String.valueOf(route.get("domain"));
            for (Object upstream : list(route.get("upstreams"))) {
                rows.add(new Row(scope, upstream((Map<?, ?>) upstream)));
            }
        }
        Map<?, ?> config = (Map<?, ?>) root.get("config");
        String configLine = "config " + (config.get("source") == null ? "given in code" : "from " + config.get("source"))
                + ", applied " + config.get("appliedAt") + " (" + config.get("applied") + " applied, "
                + config.get("failed") + " failed reloads)"
                + (config.get("lastError") == null ? "" : "; last reload failed at " + config.get("lastErrorAt")
                + ": " + config.get("lastError"));
        return new RemoteStatus(Boolean.TRUE.equals(root.get("ready")), String.valueOf(root.get("readiness")),
                configLine, rows);
    }

    private static UpstreamStatus upstream(Map<?, ?> u) {
        UpstreamId id = new UpstreamId(number(u.get("index")).intValue(),
                Protocol.valueOf(String.valueOf(u.get("protocol")).toUpperCase(Locale.ROOT)),
                String.valueOf(u.get("address")));
        Map<UpstreamStatus.Outcome, Long> counts = new EnumMap<>(UpstreamStatus.Outcome.class);
        Map<?, ?> attempts = (Map<?, ?>) u.get("attempts");
        for (UpstreamStatus.Outcome outcome : UpstreamStatus.Outcome.values()) {
            Object n = attempts.get(outcome.name().toLowerCase(Locale.ROOT));
            counts.put(outcome, n == null ? 0L : number(n).longValue());
        }
        Object at = u.get("lastErrorAt");
        return new UpstreamStatus(id, UpstreamStatus.State.valueOf(String.valueOf(u.get("state"))),
                millis(u.get("rttMeanMs")), millis(u.get("rttTailMs")), number(u.get("consecutiveFailures")).longValue(),
                counts, u.get("lastError") == null ? null : String.valueOf(u.get("lastError")),
                at == null ? null : Instant.parse(String.valueOf(at)));
    }

    private static List<?> list(@Nullable Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static Number number(@Nullable Object value) {
        if (value instanceof Number n) {
            return n;
        }
        throw new CommandFailure("the forwarder's /upstreams has '" + value + "' where a number belongs");
    }

    private static @Nullable Duration millis(@Nullable Object value) {
        return value instanceof Number n ? Duration.ofNanos(Math.round(n.doubleValue() * 1e6)) : null;
    }
}
