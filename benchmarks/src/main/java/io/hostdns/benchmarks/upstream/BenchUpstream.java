package io.hostdns.benchmarks.upstream;

import java.net.InetSocketAddress;

/**
 * An authoritative server for {@link BenchZone} on a loopback port, started by the benchmark harness and
 * stopped by {@link #close()}. Each kind says what it is in {@link #label()}, so a result can never be
 * mistaken for one measured against another upstream.
 */
public interface BenchUpstream extends AutoCloseable {

    /** Where the server listens (UDP), always on 127.0.0.1. */
    InetSocketAddress address();

    /** What the server is, e.g. {@code NSD 4.6.1 on 127.0.0.1:40123}. */
    String label();

    /** Stops the server and frees what it holds; idempotent. */
    @Override
    void close();

    /**
     * Starts the upstream named by {@code kind}: {@code nsd} (the real authoritative server, fails when
     * it is not installed) or {@code inprocess} (the in-process responder of this module).
     */
    static BenchUpstream start(String kind) {
        return switch (kind) {
            case "nsd" -> NsdUpstream.start();
            case "inprocess" -> InProcessResponder.start();
            default -> throw new IllegalArgumentException(
                    "upstream must be 'nsd' or 'inprocess', was '" + kind + "'");
        };
    }
}
