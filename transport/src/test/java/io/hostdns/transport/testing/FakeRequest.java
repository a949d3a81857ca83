package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import java.net.InetSocketAddress;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * One request the {@link FakeDnsServer} received, as recorded and as handed to its handler.
 *
 * @param message    the decoded request (a fresh copy per call of {@link #message()})
 * @param protocol   {@link Protocol#UDP} or {@link Protocol#TCP} (or TLS/HTTPS for listeners added later)
 * @param client     the address and port it came from
 * @param connection the server-side number of the TCP connection it came on, from 1; 0 for UDP
 */
public record FakeRequest(Message message, Protocol protocol, InetSocketAddress client, int connection) {

    @Override
    public Message message() {
        return message.clone();
    }

    /** The request's message ID. */
    public int id() {
        return message.getHeader().getID();
    }

    /** The request's (first) question. */
    public Record question() {
        return message.getQuestion();
    }

    /** The question name as text, e.g. {@code example.com.}. */
    public String name() {
        return message.getQuestion().getName().toString();
    }
}
