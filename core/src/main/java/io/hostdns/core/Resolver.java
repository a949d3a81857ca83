package io.hostdns.core;

import reactor.core.publisher.Mono;

/**
 * Resolves one DNS question. Everything in hostdns is a {@code Resolver}, a decorator of one, or a
 * combinator over several: transports, caches, hosts files, racing, hedging and fallback chains.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li><b>Lazy.</b> Nothing is sent, scheduled or allocated beyond the {@code Mono} itself until it is
 *       subscribed; each subscription is a new resolution.</li>
 *   <li><b>Cancellable.</b> Cancelling the subscription releases what the resolution holds: sockets or
 *       pending slots, timers and buffers; a combinator passes the cancellation on to every attempt.</li>
 *   <li><b>Rcodes are answers.</b> NXDOMAIN, NODATA, SERVFAIL, REFUSED and every other response that
 *       arrived complete come back as an ordinary {@link Answer}.</li>
 *   <li><b>Failures are typed errors.</b> A timeout, an I/O failure, a malformed response or "every
 *       upstream is down" is signalled as a {@link DnsException} subclass that names the upstream (when
 *       there is one) and keeps the cause.</li>
 *   <li><b>Never empty.</b> The {@code Mono} emits exactly one {@link Answer} or one error.</li>
 *   <li><b>Never mutates its input.</b> The {@link Query} is immutable; messages a caller hands over
 *       (for instance to {@link Query#from(org.xbill.DNS.Message)}) are read, never changed.</li>
 *   <li><b>Never blocks.</b> No call in a resolution blocks a thread; timers run on Reactor schedulers.</li>
 * </ul>
 */
@FunctionalInterface
public interface Resolver {

    /**
     * Resolves {@code query}.
     *
     * @param query the question to answer
     * @return a lazy {@code Mono} of exactly one {@link Answer} or one {@link DnsException}
     */
    Mono<Answer> resolve(Query query);
}
