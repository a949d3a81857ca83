package io.hostdns.transport.testing;

/**
 * The script of a {@link FakeDnsServer}: what to do for each request. Runs on the server's event loop;
 * it must not block. An exception drops the request (and is logged).
 */
@FunctionalInterface
public interface FakeDnsHandler {

    /** The reply to {@code request}. */
    FakeReply handle(FakeRequest request);

    /** The same reply to every request. */
    static FakeDnsHandler always(FakeReply reply) {
        return request -> reply;
    }
}
