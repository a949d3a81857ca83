package io.hostdns.core.dnssec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/**
 * The "head resolver" of dnsjava's validator: the one it sends its queries to. Each query goes to the
 * {@link ValidationRun} that dnsjava passes along as the executor of the validation that sends it,
 * which resolves it through the hostdns {@link io.hostdns.core.Resolver} without blocking.
 *
 * <p>Transport settings do not apply here: every query is sent with EDNS and DO (what the validator
 * asks for in its constructor), and ports, TCP, TSIG and timeouts belong to the hostdns resolver.
 */
final class HeadResolverAdapter implements Resolver {

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        if (!(executor instanceof ValidationRun run)) {
            throw new IllegalArgumentException("queries reach the validator's head only from a ValidationRun");
        }
        return run.send(query.getQuestion());
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        // the validator's constructor asks for EDNS with DO: every ValidationRun query has both
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        // the validator's constructor asks not to ignore truncation: the hostdns transports retry over TCP
    }

    @Override
    public void setPort(int port) {
        throw unsupported("a port");
    }

    @Override
    public void setTCP(boolean flag) {
        throw unsupported("TCP");
    }

    @Override
    public void setTSIGKey(TSIG key) {
        throw unsupported("a TSIG key");
    }

    @Override
    public void setTimeout(Duration timeout) {
        throw unsupported("a timeout");
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("set " + what + " on the hostdns resolver the validator wraps");
    }
}
