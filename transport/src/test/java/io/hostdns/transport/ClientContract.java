package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Core's {@link ResolverContract} for a network client: the contract's scripted upstream is a
 * {@link FakeDnsServer} on loopback that plays the script on the wire ({@link FakeReply#scripted}), and the
 * resolver under test is the client, named {@link #upstreamId}, with a short query timeout of
 * {@link #QUERY_TIMEOUT} so that silence ends in its own {@code DnsTimeoutException}. Everything a clause
 * opened is closed after it.
 */
public abstract class ClientContract extends ResolverContract {

    /**
     * The query timeout the clients under test are built with: short, so that the clauses about silence
     * end soon, and well above a loopback round trip on a busy machine.
     */
    protected static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);

    protected final DnsResources resources = DnsResources.create("contract", 1);
    private final List<Runnable> opened = new ArrayList<>();

    protected ClientContract(UpstreamId upstreamId) {
        super(upstreamId);
    }

    /** The client under test, asking {@code server}, named {@link #upstreamId}, timing out after {@link #QUERY_TIMEOUT}. */
    protected abstract Resolver client(FakeDnsServer server);

    @Override
    protected final Resolver resolverOver(Upstream upstream) {
        return client(server(FakeDnsHandler.always(FakeReply.scripted(upstream.resolver()))));
    }

    /** A fake server closed after the clause. */
    protected final FakeDnsServer server(FakeDnsHandler handler) {
        FakeDnsServer server = FakeDnsServer.start(handler);
        opened.add(server::close);
        return server;
    }

    /** {@code resource}, disposed after the clause (before what was opened earlier, e.g. its server). */
    protected final <T extends Disposable> T closeLater(T resource) {
        closeAtEnd(resource::dispose);
        return resource;
    }

    /** Runs {@code close} after the clause, in reverse order of registration. */
    protected final void closeAtEnd(Runnable close) {
        opened.add(close);
    }

    /**
     * The cancellation clause for a client whose transport tells the server nothing about a cancel (UDP,
     * TCP, DoT): the query reached a server that never answers, and cancelling it empties the client's
     * table of queries in flight ({@code pendingCount}: the slot and its timer are released).
     */
    protected final ResolutionInFlight pendingSlotReleased(FakeDnsServer server, Resolver client,
                                                           IntSupplier pendingCount) {
        return new ResolutionInFlight() {
            @Override
            public Mono<Answer> resolution() {
                return client.resolve(query);
            }

            @Override
            public void awaitStarted() {
                // at least once: a UDP client may already have sent it again (retransmission) when the wait ends
                Await.until(WAIT, "the query to reach the server", () -> server.requests().size() >= 1);
                assertThat(pendingCount.getAsInt()).as("queries in flight").isEqualTo(1);
            }

            @Override
            public void assertReleased() {
                assertThat(pendingCount.getAsInt()).as("queries in flight after the cancel").isZero();
            }
        };
    }

    @AfterEach
    void closeOpened() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).run();
        }
        resources.disposeLater().block(Duration.ofSeconds(10));
    }
}
