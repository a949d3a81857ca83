package io.hostdns.transport.testing;

import java.util.function.UnaryOperator;
import org.xbill.DNS.Message;
import reactor.core.publisher.Mono;

/**
 * The script of a {@link FakeDohServer}: what to answer each request with. It runs on the server's
 * event loop and must not block; a delayed reply is a delayed {@code Mono}.
 */
@FunctionalInterface
public interface DohHandler {

    /** The reply to {@code exchange}; an empty {@code Mono} leaves the request unanswered. */
    Mono<DohReply> handle(DohExchange exchange);

    /** Answers every query with its own ID and question plus what {@code fill} adds. */
    static DohHandler answering(UnaryOperator<Message> fill) {
        return exchange -> Mono.just(DohReply.answer(exchange.query(), fill));
    }
}
