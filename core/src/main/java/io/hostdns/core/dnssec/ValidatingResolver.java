package io.hostdns.core.dnssec;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CoalescingResolver;
import java.time.Clock;
import java.util.Objects;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import reactor.core.publisher.Mono;

/**
 * Validates DNSSEC: a decorator that asks its upstream with DO and CD set and answers with the verdict
 * (RFC 4035 section 5, RFC 6840), for the trust anchors of a {@link DnssecValidation}.
 *
 * <ul>
 *   <li><b>Secure</b> (a chain of signatures from a trust anchor proves the answer, or proves that the
 *       name or type does not exist): the verified records with AD set; records the proof does not cover
 *       (additional data, unsigned authority NS) are left out.</li>
 *   <li><b>Insecure</b> (provably unsigned: a delegation without DS, an NSEC3 opt-out span, only
 *       unsupported algorithms; under no trust anchor; under a negative trust anchor): the upstream's
 *       answer with AD clear.</li>
 *   <li><b>Bogus</b> (signatures wrong, expired or missing where they must be): SERVFAIL with an extended
 *       DNS error (RFC 8914): 6 DNSSEC Bogus, 7 Signature Expired, 8 Signature Not Yet Valid, 9 DNSKEY
 *       Missing, 10 RRSIGs Missing, 12 NSEC Missing; the EDE text says what failed.</li>
 *   <li><b>Indeterminate</b> (a key query failed or was answered SERVFAIL, so no verdict can be reached):
 *       SERVFAIL with EDE 5 (DNSSEC Indeterminate) and the failure as text.</li>
 * </ul>
 *
 * <p>A query with <b>CD</b> set goes upstream as it is and its answer comes back unvalidated (the asker
 * validates). Answers other than NOERROR and NXDOMAIN (SERVFAIL, REFUSED...) pass with AD clear. The
 * upstream is always asked with DO, so that the signatures arrive; an asker without <b>DO</b> gets the
 * answer without RRSIG, NSEC and NSEC3 records, an asker with DO gets them. AD reflects the verdict
 * whatever the asker's flags: it is what a cache above this stage keeps, and a server answering a client
 * that set neither DO nor AD clears it on the way out (RFC 6840 section 5.8). A SERVFAIL verdict is
 * cached by {@link io.hostdns.core.cache.CachingResolver} like any SERVFAIL: for its {@code servfailTtl}
 * (5 s by default), never served stale, never prefetched.
 *
 * <p>The chain of trust is walked with DS and DNSKEY queries to the same upstream (identical ones in
 * flight are shared); the keys it establishes, and the zones it proves insecure, are kept up to their TTL
 * and at most 15 minutes (bogus results 5 s), so a miss in a zone whose keys are known costs one
 * upstream query and the signature checks. Nothing blocks and nothing is scheduled: every step runs on
 * the thread that delivered the upstream's answer, and cancelling a resolution cancels its key queries.
 *
 * <p><b>Why not dnsjava's validator.</b> dnsjava 3.6.4 ships {@code org.xbill.DNS.dnssec.ValidatingResolver}
 * (a port of unbound's), asynchronous through {@code CompletionStage}. Driven through its head resolver it
 * works, but it cannot keep this library's threading contract: its NXDOMAIN and NODATA proofs chain
 * {@code thenComposeAsync}/{@code handleAsync} on futures it completes itself, which run on
 * {@code ForkJoinPool.commonPool()} or, where the common pool has one thread (2 CPUs), on a new thread per
 * step; every key query draws its message ID from a {@code SecureRandom} that reads /dev/urandom on the
 * event loop; and a failed key query in a negative proof leaves the answer "unchecked", which it passes as
 * insecure. This validator is built on dnsjava's record types, {@code DNSSEC.verify} and NSEC3 hashing, and
 * keeps the protocol logic (RFC 4035 section 5, RFC 5155 section 8) in small package-private classes.
 */
public final class ValidatingResolver implements Resolver {

    private final Resolver upstream;
    private final DnssecValidation validation;
    private final ResponseValidator validator;

    ValidatingResolver(Resolver upstream, DnssecValidation validation, Clock clock, Ticker ticker) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.validation = Objects.requireNonNull(validation, "validation");
        ChainOfTrust chain = new ChainOfTrust(new TrustAnchors(validation.trustAnchors()), new KeyCache(ticker),
                new CoalescingResolver(upstream), clock);
        this.validator = new ResponseValidator(chain, clock);
    }

    /** Validates the answers of {@code upstream} against the anchors of {@code validation}. */
    public static ValidatingResolver over(Resolver upstream, DnssecValidation validation) {
        return new ValidatingResolver(upstream, validation, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** What this resolver trusts. */
    public DnssecValidation validation() {
        return validation;
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        if (query.checkingDisabled()) {
            return Mono.defer(() -> upstream.resolve(query))
                    .switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)));
        }
        Query asked = query.withDnssecOk(true).withCheckingDisabled(true)
                .withUdpPayloadSize(Math.max(query.udpPayloadSize(), Query.DEFAULT_UDP_PAYLOAD_SIZE));
        return Mono.defer(() -> upstream.resolve(asked))
                .switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)))
                .flatMap(answer -> judge(query, answer));
    }

    private Mono<Answer> judge(Query query, Answer answer) {
        Message response = answer.message();
        int rcode = response.getRcode();
        if ((rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) || negativelyTrusted(query, response)) {
            return Mono.just(VerdictAnswers.insecure(query, response, answer));
        }
        return validator.validate(query, response).map(outcome -> {
            Verdict verdict = outcome.verdict();
            return switch (verdict.status()) {
                case SECURE -> VerdictAnswers.secure(query, outcome.secured(), answer);
                case INSECURE -> VerdictAnswers.insecure(query, response, answer);
                case BOGUS, INDETERMINATE ->
                        VerdictAnswers.servfail(query, response, verdict.ede(), verdict.reason(), answer);
            };
        });
    }

    private boolean negativelyTrusted(Query query, Message response) {
        if (validation.isNegativelyTrusted(query.name())) {
            return true;
        }
        for (Record r : response.getSection(Section.ANSWER)) {
            if (validation.isNegativelyTrusted(r.getName())) {
                return true;
            }
        }
        return false;
    }
}
