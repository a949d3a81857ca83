package io.hostdns.transport.forwarder.config;

/**
 * The SLF4J level of the one-line-per-query log ({@code hostDNS.queryLog}); errors are logged at WARN
 * whatever this says. The default, {@link #DEBUG}, keeps INFO logs free of per-query lines.
 */
public enum QueryLogLevel {
    /** No per-query line. */
    OFF,
    TRACE,
    DEBUG,
    INFO
}
