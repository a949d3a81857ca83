package io.hostdns.transport.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * One request a {@link FakeDohServer} received, as it saw it.
 *
 * @param method      {@code POST} or {@code GET}
 * @param protocol    the HTTP version, {@code HTTP/2.0} or {@code HTTP/1.1}
 * @param uri         the request target, path and query
 * @param host        the {@code Host} header ({@code :authority} in HTTP/2)
 * @param contentType the {@code Content-Type} header, null when absent
 * @param accept      the {@code Accept} header, null when absent
 * @param dnsQuery    the DNS query bytes (the POST body, or the decoded {@code dns} parameter)
 * @param client      the client's address: one per TCP connection, so it counts connections
 */
public record DohExchange(String method, String protocol, String uri, @Nullable String host,
                          @Nullable String contentType, @Nullable String accept, byte[] dnsQuery,
                          InetSocketAddress client) {

    /** The DNS query decoded. */
    public Message query() {
        try {
            return new Message(dnsQuery);
        } catch (IOException e) {
            throw new IllegalStateException("the client sent an undecodable DNS query", e);
        }
    }

    /** The message ID of the query. */
    public int queryId() {
        return dnsQuery.length < 2 ? -1 : ((dnsQuery[0] & 0xFF) << 8) | (dnsQuery[1] & 0xFF);
    }
}
