package io.hostdns.transport.forwarder;

import io.hostdns.core.Upstream;
import io.hostdns.transport.server.RunningDnsServer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder's meters behind {@code /metrics}, or nothing when Micrometer's Prometheus registry is not on the
 * class path (it is an optional dependency of hostdns-transport). Only {@link PrometheusForwarderMetrics} names
 * Micrometer types, and it is loaded only when the registry is there, so a forwarder without it runs and serves
 * its other endpoints.
 */
interface ForwarderMetrics {

    /** The class whose presence decides. */
    String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    /** What {@code /metrics} says when there is no registry. */
    String MISSING = "metrics need io.micrometer:micrometer-registry-prometheus on the class path";

    /** {@code client} with each response it returns timed into the upstream RTT histogram. */
    Upstream timed(Upstream client);

    /** Every meter now in Prometheus text, or null without a registry. Reads files: call off event loops. */
    @Nullable String scrape();

    /**
     * Registers the meters over the forwarder's status, its listeners' counters, the JVM and the process; once,
     * later calls do nothing. The forwarder calls it once its DNS listeners are bound and before its HTTP
     * endpoints are: the JVM and process binders load ~150 classes (java.lang.management, the container
     * metrics) that answering a query does not need. Reads files: call off event loops.
     */
    void bindMeters();

    /** Unregisters everything. */
    void close();

    /** No meters: upstreams untimed, nothing to scrape. */
    ForwarderMetrics NONE = new ForwarderMetrics() {
        @Override
        public Upstream timed(Upstream client) {
            return client;
        }

        @Override
        public @Nullable String scrape() {
            return null;
        }

        @Override
        public void bindMeters() {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Prometheus meters over the forwarder's {@code status} and its listeners' shared {@code counters} when the
     * registry is on the class path, else {@link #NONE} (said once in the log).
     */
    static ForwarderMetrics create(Supplier<ForwarderStatus> status, RunningDnsServer.Counters counters) {
        try {
            Class.forName(REGISTRY_CLASS, false, ForwarderMetrics.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            Logger log = LoggerFactory.getLogger(ForwarderMetrics.class);
            log.info("no forwarder metrics: {} (/health, /ready and /upstreams still work)", MISSING);
            return NONE;
        }
        return new PrometheusForwarderMetrics(status, counters);
    }
}
