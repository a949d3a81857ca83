package io.hostdns.core.cache;

import static io.hostdns.core.cache.Responses.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * What the cache refuses to store because the wire walker (io.hostdns.core.internal.wire) rejects it:
 * the answer passes through to the asker, uncached, and the next ask goes upstream again.
 */
class CachingResolverWireTest {

    private static final String LONG_NAME = ("a".repeat(62) + ".").repeat(4); // 253 bytes in wire form

    private final TestClock clock = new TestClock();
    private final AtomicInteger calls = new AtomicInteger();

    private void assertPassedThroughUncached(Query query, byte[] wire) {
        CachingResolver cache = clock.cache(q -> Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return Answer.of(wire, Responses.FROM_UPSTREAM);
        }), CacheOptions.DEFAULTS);
        assertThat(single(cache.resolve(query)).wireBytes()).isEqualTo(wire);
        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(calls).hasValue(2);
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void anAnswerWhoseOwnerNameIs256BytesThroughAPointer_isNotCached() {
        Query query = Query.of(LONG_NAME, Type.A);
        // owner "bb" + pointer to the 253-byte question name: 3 + 253 = 256 bytes uncompressed
        byte[] wire = message(1, 0, question(query), bytes(2, 'b', 'b', 0xC0, 12), aRecordTail());
        assertPassedThroughUncached(query, wire);
    }

    @Test
    void anAnswerWhoseOwnerNameIs255Bytes_isCached() {
        Query query = Query.of(LONG_NAME, Type.A);
        byte[] wire = message(1, 0, question(query), bytes(1, 'b', 0xC0, 12), aRecordTail());
        CachingResolver cache = clock.cache(q -> Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return Answer.of(wire, Responses.FROM_UPSTREAM);
        }), CacheOptions.DEFAULTS);
        single(cache.resolve(query));
        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anAnswerWithAnOptRecordInTheAnswerSection_isNotCached() {
        Query query = Query.of("www.example.", Type.A);
        assertPassedThroughUncached(query, message(1, 0, question(query), opt()));
    }

    @Test
    void anAnswerWithAnOptRecordBeforeAnotherAdditionalRecord_isNotCached() {
        Query query = Query.of("www.example.", Type.A);
        byte[] glue = bytes(bytes(0xC0, 12), aRecordTail());
        assertPassedThroughUncached(query, message(1, 2, question(query), bytes(0xC0, 12), aRecordTail(), opt(), glue));
    }

    /** A NOERROR response header (ID 1, QR RD RA) with one question, {@code an} answers, {@code ar} additional. */
    private static byte[] message(int an, int ar, byte[]... parts) {
        return bytes(bytes(0, 1, 0x81, 0x80, 0, 1, 0, an, 0, 0, 0, ar), parts);
    }

    private static byte[] question(Query query) {
        return bytes(query.name().toWire(), bytes(0, query.type(), 0, 1));
    }

    /** Type A, class IN, TTL 300, RDLENGTH 4, 192.0.2.1. */
    private static byte[] aRecordTail() {
        return bytes(0, 1, 0, 1, 0, 0, 1, 0x2C, 0, 4, 192, 0, 2, 1);
    }

    private static byte[] opt() {
        return bytes(0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] bytes(byte[] first, byte[]... rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        for (byte[] part : rest) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
