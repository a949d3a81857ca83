package io.hostdns.transport.testing;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import reactor.core.Disposable;

/**
 * A {@link FakeReply} that plays an in-process {@link Resolver}'s outcome on the wire, so that a network
 * client can be tested against the same scripts as an in-process resolver (e.g. by core's
 * {@code ResolverContract}). Per request the script resolves the request's question, on the server's event
 * loop:
 * <ul>
 *   <li>an answer is sent with the request's ID;</li>
 *   <li>a {@link DnsNetworkException} closes the connection (TCP, TLS; resets the DoH exchange; nothing on UDP);</li>
 *   <li>any other error, an empty result or none at all is silence: the client has to time out;</li>
 *   <li>when the client abandons the exchange in a way the server can see (a reset DoH stream), the script's
 *       subscription is cancelled; UDP and TCP carry no cancellation.</li>
 * </ul>
 */
final class ScriptedReply implements FakeReply {

    private final Resolver script;

    ScriptedReply(Resolver script) {
        this.script = script;
    }

    @Override
    public void perform(FakeRequest request, ReplyChannel out) {
        Disposable resolution = script.resolve(Query.from(request.message())).subscribe(
                answer -> out.send(withId(answer.wireBytes(), request.id())),
                error -> {
                    if (error instanceof DnsNetworkException) {
                        out.close();
                    }
                });
        out.onAbandoned(resolution::dispose);
    }

    private static byte[] withId(byte[] wire, int id) {
        wire[0] = (byte) (id >>> 8);
        wire[1] = (byte) id;
        return wire;
    }
}
