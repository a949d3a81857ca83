package io.hostdns.core.dnssec;

import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Validates DNSSEC: a decorator that asks its upstream with DO and CD set and answers with the verdict
 * (RFC 4035 section 4, RFC 6840), for the trust anchors of a {@link DnssecValidation}.
 *
 * <ul>
 *   <li><b>Secure</b> (a chain of signatures from a trust anchor proves the answer, or proves that the
 *       name or type does not exist): the answer with AD set.</li>
 *   <li><b>Insecure</b> (provably unsigned, e.g. a delegation without DS; under no trust anchor; under
 *       a negative trust anchor): the answer with AD clear.</li>
 *   <li><b>Bogus</b> (signatures are wrong, expired or missing where they must be): SERVFAIL with an
 *       extended DNS error (RFC 8914): 6 DNSSEC Bogus, 7 Signature Expired, 8 Signature Not Yet Valid,
 *       9 DNSKEY Missing, 10 RRSIGs Missing, 1/2 unsupported algorithm or digest, 12 NSEC Missing; the
 *       EDE text gives the validator's reason.</li>
 *   <li><b>Indeterminate</b> (a query for keys failed, so no verdict can be reached): SERVFAIL with EDE 5
 *       (DNSSEC Indeterminate) and the failure as text.</li>
 * </ul>
 *
 * <p>A query with <b>CD</b> set goes upstream as it is and its answer comes back unvalidated (the asker
 * validates). Answers that are neither NOERROR nor NXDOMAIN (SERVFAIL, REFUSED...) pass with AD clear.
 * The upstream is always asked with DO so that the signatures arrive; an asker without <b>DO</b> gets
 * the answer without RRSIG, NSEC and NSEC3 records, an asker with DO gets them. AD reflects the verdict
 * whatever the asker's flags: it is what a cache above this stage keeps, and a server answering a client
 * that set neither DO nor AD clears it on the way out (RFC 6840 section 5.8). A SERVFAIL verdict is
 * cached by {@link io.hostdns.core.cache.CachingResolver} like any SERVFAIL: for its {@code servfailTtl}
 * (5 s by default), never served stale, never prefetched.
 *
 * <p><b>Why dnsjava's validator.</b> The verdicts come from dnsjava's
 * {@link org.xbill.DNS.dnssec.ValidatingResolver}, a port of unbound's validator: chain of trust, NSEC
 * and NSEC3 proofs (opt-out, wildcards, closest encloser), CNAME and DNAME chains, algorithm rules,
 * key cache. Writing those proofs again would be thousands of lines of the most security-sensitive code
 * in a resolver, for no gain: the validator is asynchronous ({@code CompletionStage} throughout) and
 * only needs a head resolver with {@code sendAsync}, which {@link HeadResolverAdapter} backs with the
 * reactive upstream. Nothing blocks and no thread is started per query: the answer at hand and every
 * DS/DNSKEY query run as subscriptions, and the validator's continuations run on the thread that
 * completed the upstream's answer ({@link RunFuture} keeps its {@code thenComposeAsync} steps off the
 * common pool). Two steps of the negative-answer proofs (NXDOMAIN, NODATA) still hop to
 * {@code ForkJoinPool.commonPool()}, because dnsjava chains them on futures it completes itself; that is
 * CPU work only, never blocking. Validated DNSKEYs are cached by dnsjava (up to 1000 zones, at most
 * 15 minutes), so a miss in a zone whose keys are known costs one upstream query and the signature
 * checks. A cancelled resolution cancels the validator's queries in flight.
 *
 * <p>dnsjava's validator reads the system property {@code dnsjava.dnssec.trust_anchor_file} when
 * built; this resolver discards what it loaded and trusts only its {@link DnssecValidation}.
 */
public final class ValidatingResolver implements Resolver {

    private final Resolver upstream;
    private final DnssecValidation validation;
    private final Clock clock;
    private final org.xbill.DNS.dnssec.ValidatingResolver validator;

    private ValidatingResolver(Resolver upstream, DnssecValidation validation, Clock clock) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.clock = clock;
        this.validator = new org.xbill.DNS.dnssec.ValidatingResolver(new HeadResolverAdapter(), clock);
        validator.setAddReasonToAdditional(false);
        validator.getTrustAnchors().clear();
        DnssecAnchors.store(validation.trustAnchors(), validator.getTrustAnchors());
    }

    /** Validates the answers of {@code upstream} against the anchors of {@code validation}. */
    public static ValidatingResolver over(Resolver upstream, DnssecValidation validation) {
        return new ValidatingResolver(upstream, validation, Clock.systemUTC());
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
        return Mono.create(sink -> validate(query, answer, response, sink));
    }

    private void validate(Query query, Answer answer, Message response, MonoSink<Answer> sink) {
        ValidationRun run = new ValidationRun(query, response, upstream);
        sink.onCancel(run);
        try {
            validator.sendAsync(query.toMessage(response.getHeader().getID()), run)
                    .whenComplete((validated, failure) ->
                            sink.success(verdict(query, answer, response, validated, failure, run)));
        } catch (RuntimeException e) {
            sink.success(verdict(query, answer, response, null, e, run));
        }
    }

    private Answer verdict(Query query, Answer answer, Message response, @Nullable Message validated,
                           @Nullable Throwable failure, ValidationRun run) {
        if (validated == null || failure != null) {
            return indeterminate(query, answer, response, failure);
        }
        if (validated.getHeader().getFlag(Flags.AD)) {
            return VerdictAnswers.secure(query, validated, answer);
        }
        if (validated.getRcode() == Rcode.SERVFAIL) {
            ExtendedErrorCodeOption ede = extendedError(validated);
            int code = ede == null ? ExtendedErrorCodeOption.DNSSEC_BOGUS : ede.getErrorCode();
            String text = ede == null || ede.getText() == null ? "DNSSEC bogus" : ede.getText();
            return VerdictAnswers.servfail(query, response, BogusCodes.refine(code, response, clock.instant()),
                    text, answer);
        }
        if (run.subQueryFailure() != null) {
            // dnsjava ends some negative proofs as "unchecked" when a key query failed: not a proof of anything
            return indeterminate(query, answer, response, run.subQueryFailure());
        }
        return VerdictAnswers.insecure(query, validated, answer);
    }

    private static Answer indeterminate(Query query, Answer answer, Message response, @Nullable Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String why = cause == null ? "no verdict"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return VerdictAnswers.servfail(query, response, ExtendedErrorCodeOption.DNSSEC_INDETERMINATE,
                "DNSSEC indeterminate: " + why, answer);
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

    private static @Nullable ExtendedErrorCodeOption extendedError(Message m) {
        OPTRecord opt = m.getOPT();
        if (opt == null) {
            return null;
        }
        List<EDNSOption> options = opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        return options.isEmpty() ? null : (ExtendedErrorCodeOption) options.get(0);
    }
}
