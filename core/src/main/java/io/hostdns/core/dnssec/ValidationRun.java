package io.hostdns.core.dnssec;

import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * The state of one validation, handed to dnsjava's validator as its {@link Executor} so that it reaches
 * the {@link HeadResolverAdapter} with every query the validator sends.
 *
 * <p>It answers the validated question itself from the response already received, and sends every
 * other question (DS, DNSKEY, CNAME targets) to the upstream {@link Resolver} with DO and CD set,
 * keeping the subscriptions so that {@link #dispose()} (the resolution was cancelled) cancels them.
 * As an executor it runs a task at once on the calling thread (the thread that completed the
 * upstream's answer), or not at all once disposed.
 */
final class ValidationRun implements Executor, Disposable {

    private final Query asked;
    private final Message response;
    private final Resolver upstream;
    private final Disposable.Composite subQueries = Disposables.composite();
    private volatile @Nullable Throwable subQueryFailure;

    /**
     * @param asked    the validated question
     * @param response the upstream's response to it
     * @param upstream where the validator's own queries go
     */
    ValidationRun(Query asked, Message response, Resolver upstream) {
        this.asked = asked;
        this.response = response;
        this.upstream = upstream;
    }

    /** The response to {@code question}: the one at hand for the validated question, else the upstream's. */
    CompletableFuture<Message> send(Record question) {
        RunFuture<Message> result = new RunFuture<>(this);
        if (asked.sameQuestion(question.getName(), question.getType(), question.getDClass())) {
            result.complete(response.clone());
            return result;
        }
        if (subQueries.isDisposed()) {
            return result; // cancelled: nobody waits for it
        }
        Query query = new Query(question.getName(), question.getType(), question.getDClass(), true, true,
                Query.DEFAULT_UDP_PAYLOAD_SIZE);
        subQueries.add(Mono.defer(() -> upstream.resolve(query))
                .switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)))
                .map(Answer::message)
                .subscribe(result::complete, error -> {
                    subQueryFailure = error;
                    result.completeExceptionally(error);
                }));
        return result;
    }

    /** The failure of one of the validator's own queries, if one failed. */
    @Nullable Throwable subQueryFailure() {
        return subQueryFailure;
    }

    @Override
    public void execute(Runnable task) {
        if (!subQueries.isDisposed()) {
            task.run();
        }
    }

    @Override
    public void dispose() {
        subQueries.dispose();
    }

    @Override
    public boolean isDisposed() {
        return subQueries.isDisposed();
    }
}
