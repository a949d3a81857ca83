package io.hostdns.transport.server;

/**
 * The per-client rate limit of a {@link DnsServer}: a token bucket per client network (IPv4 clients
 * grouped by {@code ipv4Prefix}, /24 by default, IPv6 ones by {@code ipv6Prefix}, /56 by default, the
 * dnsproxy grouping), refilled at {@code queriesPerSecond} and holding at most {@code burst} queries.
 * At most {@code maxTrackedClients} buckets are kept; past that the least recently used are forgotten
 * (a forgotten client starts again with a full bucket, so memory stays bounded under address spraying).
 *
 * <p>What a query over the limit gets depends on {@link OverLimit}: {@link OverLimit#SLIP} (the default)
 * answers UDP with an empty TC=1 reply, the "slip" of response rate limiting, so an honest client retries
 * over TCP, where a spoofed source cannot complete the handshake; TCP is then not rate limited (the TCP
 * connection cap and per-connection cap bound it). {@link OverLimit#REFUSE} answers REFUSED on both.
 *
 * @param queriesPerSecond  the sustained rate allowed per client network, > 0
 * @param burst             the queries allowed back to back after a quiet time, >= 1
 * @param ipv4Prefix        the IPv4 grouping, 1..32
 * @param ipv6Prefix        the IPv6 grouping, 1..64
 * @param maxTrackedClients the bound on buckets kept, >= 1
 * @param overLimit         what a query over the limit gets
 */
public record ClientRateLimit(double queriesPerSecond, int burst, int ipv4Prefix, int ipv6Prefix,
                              int maxTrackedClients, OverLimit overLimit) {

    /** What happens to a query over the limit. */
    public enum OverLimit {
        /** UDP: an empty reply with TC=1 (the client retries over TCP); TCP is not limited. */
        SLIP,
        /** UDP and TCP: REFUSED. */
        REFUSE
    }

    public ClientRateLimit {
        if (!(queriesPerSecond > 0) || Double.isInfinite(queriesPerSecond)) {
            throw new IllegalArgumentException("queriesPerSecond must be > 0, was " + queriesPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, was " + burst);
        }
        if (ipv4Prefix < 1 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("ipv4Prefix must be 1..32, was " + ipv4Prefix);
        }
        if (ipv6Prefix < 1 || ipv6Prefix > 64) {
            throw new IllegalArgumentException("ipv6Prefix must be 1..64, was " + ipv6Prefix);
        }
        if (maxTrackedClients < 1) {
            throw new IllegalArgumentException("maxTrackedClients must be >= 1, was " + maxTrackedClients);
        }
        java.util.Objects.requireNonNull(overLimit, "overLimit");
    }

    /** {@code queriesPerSecond} per /24 or /56, a burst of {@code burst}, 100 000 networks tracked, slip. */
    public static ClientRateLimit of(double queriesPerSecond, int burst) {
        return new ClientRateLimit(queriesPerSecond, burst, 24, 56, 100_000, OverLimit.SLIP);
    }

    /** A copy with other client groupings. */
    public ClientRateLimit withPrefixes(int ipv4, int ipv6) {
        return new ClientRateLimit(queriesPerSecond, burst, ipv4, ipv6, maxTrackedClients, overLimit);
    }

    /** A copy keeping at most {@code max} buckets. */
    public ClientRateLimit withMaxTrackedClients(int max) {
        return new ClientRateLimit(queriesPerSecond, burst, ipv4Prefix, ipv6Prefix, max, overLimit);
    }

    /** A copy with another over-limit action. */
    public ClientRateLimit withOverLimit(OverLimit action) {
        return new ClientRateLimit(queriesPerSecond, burst, ipv4Prefix, ipv6Prefix, maxTrackedClients, action);
    }
}
