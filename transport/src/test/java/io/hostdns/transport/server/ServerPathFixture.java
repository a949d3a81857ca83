package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.scheduler.Schedulers;

/**
 * A test fixture that exists for the benchmarks module: it drives the server's request-to-reply path
 * ({@code QueryProcessor.process}, exactly as the UDP and TCP listeners call it, with the server's default
 * query timeout and UDP payload limit) on the calling thread, without sockets, so that
 * {@code ServerFastPathBenchmark} can measure it from outside this package. It is published in this
 * module's test-jar, is not API, and changes whenever {@code QueryProcessor} does.
 *
 * <p>{@link #reply} returns only what completes during the call (a cache hit, a pipeline that answers
 * synchronously); a reply that would arrive later is reported as none.
 */
public final class ServerPathFixture implements AutoCloseable {

    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53000);

    private final RunningDnsServer.Counters counters = new RunningDnsServer.Counters();
    private final QueryProcessor processor;
    // stands in for the listener's event loop, whose timer bounds each query; a hit never arms it
    private final ScheduledExecutorService loop = new ScheduledThreadPoolExecutor(1);

    private ServerPathFixture(Resolver pipeline) {
        ServerSettings defaults = new ServerSettings();
        this.processor = new QueryProcessor(pipeline, defaults.queryTimeout, defaults.maxUdpPayload,
                Schedulers.parallel(), counters);
    }

    /** The server's path over {@code pipeline}, with {@link DnsServer}'s defaults. Close it when done. */
    public static ServerPathFixture over(Resolver pipeline) {
        return new ServerPathFixture(pipeline);
    }

    /**
     * The reply to {@code request} from a loopback client over {@code protocol}, or null when the server
     * dropped it or did not answer during this call.
     *
     * @throws IllegalStateException if the path signalled an error (it never should: failures are SERVFAILs)
     */
    public byte @Nullable [] reply(byte[] request, Protocol protocol) {
        Capture capture = new Capture();
        processor.process(request, CLIENT, protocol, loop).subscribe(capture);
        if (capture.error != null) {
            throw new IllegalStateException("the server path errored", capture.error);
        }
        return capture.wire;
    }

    /** SERVFAIL replies written so far because the pipeline failed. */
    public long servfailOnError() {
        return counters.snapshot().servfailOnError();
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

    /** Captures the reply when the processing completes during {@code subscribe}. */
    private static final class Capture implements CoreSubscriber<byte[]> {

        private byte @Nullable [] wire;
        private @Nullable Throwable error;

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(byte[] next) {
            wire = next;
        }

        @Override
        public void onError(Throwable t) {
            // reply() rethrows it on the calling thread
            error = t;
        }

        @Override
        public void onComplete() {
            // the reply, if any, arrived in onNext
        }
    }
}
