package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.transport.internal.CacheFront;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The cache-hit path ({@link CachedReplies}) against the resolver's way ({@link QueryProcessor#process}) over
 * the same store at the same instant: the same reply bytes for every kind of cached answer and request, and
 * the declines (truncation, prefetch window, odd requests) left to the resolver.
 */
class CachedRepliesTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final DefaultEventExecutor loop = new DefaultEventExecutor();
    private final RunningDnsServer.Counters counters = new RunningDnsServer.Counters();
    private CacheStore store = store(CacheOptions.DEFAULTS.withPrefetch(CacheOptions.Prefetch.DISABLED));
    private QueryProcessor processor = processor(store, 4096);

    @AfterEach
    void stop() {
        store.dispose();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private CacheStore store(CacheOptions options) {
        return CacheStore.builder().options(options).ticker(clock::get).executor(Runnable::run).build();
    }

    private QueryProcessor processor(CacheStore cache, int maxUdpPayload) {
        Resolver cached = cache.over(this::upstream);
        CacheFront front = new CacheFront() {
            @Override
            public Mono<Answer> resolve(Query query) {
                return cached.resolve(query);
            }

            @Override
            public CacheStore hitStore() {
                return cache;
            }
        };
        return new QueryProcessor(front, Duration.ofSeconds(2), maxUdpPayload, Schedulers.parallel(), counters);
    }

    /** The upstream: answers as an authoritative server would (AA set), by name. */
    private Mono<Answer> upstream(Query query) {
        return Mono.fromCallable(() -> {
            upstreamCalls.incrementAndGet();
            Message m = query.toMessage(0x4242);
            OPTRecord opt = m.getOPT();
            if (opt != null) {
                m.removeRecord(opt, Section.ADDITIONAL); // put back last, after the records, as servers send it
            }
            m.getHeader().setFlag(Flags.QR);
            m.getHeader().setFlag(Flags.AA);
            if (query.dnssecOk()) {
                m.getHeader().setFlag(Flags.AD);
            }
            Name name = query.name();
            String label = name.getLabelString(0).toLowerCase(java.util.Locale.ROOT);
            Name zone = Name.fromString("example.");
            switch (label) {
                case "alias" -> {
                    Name target = Name.fromString("target.example.");
                    m.addRecord(new CNAMERecord(name, DClass.IN, 300, target), Section.ANSWER);
                    m.addRecord(new ARecord(target, DClass.IN, 120, InetAddress.getByName("192.0.2.7")), Section.ANSWER);
                }
                case "missing" -> {
                    m.getHeader().setRcode(Rcode.NXDOMAIN);
                    m.addRecord(soa(zone), Section.AUTHORITY);
                }
                case "nodata" -> m.addRecord(soa(zone), Section.AUTHORITY);
                case "big" -> {
                    for (int i = 0; i < 40; i++) {
                        m.addRecord(new TXTRecord(name, DClass.IN, 300, "x".repeat(40) + i), Section.ANSWER);
                    }
                }
                default -> {
                    m.addRecord(new ARecord(name, DClass.IN, 300, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
                    m.addRecord(new AAAARecord(Name.fromString("ns.example."), DClass.IN, 300,
                            InetAddress.getByName("2001:db8::1")), Section.ADDITIONAL);
                }
            }
            if (opt != null) {
                m.addRecord(opt, Section.ADDITIONAL);
            }
            return Answer.of(m, AnswerSource.upstream(Answers.UPSTREAM));
        });
    }

    private static SOARecord soa(Name zone) throws Exception {
        return new SOARecord(zone, DClass.IN, 3600, Name.fromString("ns.example."),
                Name.fromString("hostmaster.example."), 1, 3600, 900, 604800, 60);
    }

    private static byte[] request(String name, int type, int id, boolean rd, @Nullable Integer ednsSize, boolean dnssecOk,
                                  boolean cd, boolean ad) throws Exception {
        Message m = new Message(id);
        if (!rd) {
            m.getHeader().unsetFlag(Flags.RD);
        } else {
            m.getHeader().setFlag(Flags.RD);
        }
        if (cd) {
            m.getHeader().setFlag(Flags.CD);
        }
        if (ad) {
            m.getHeader().setFlag(Flags.AD);
        }
        m.addRecord(Record.newRecord(Name.fromString(name), type, DClass.IN), Section.QUESTION);
        if (ednsSize != null) {
            m.addRecord(new OPTRecord(ednsSize, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        }
        return m.toWire();
    }

    private byte[] slow(byte[] request, Protocol protocol) {
        byte[] reply = processor.process(request, CLIENT, protocol, loop).block(Duration.ofSeconds(5));
        assertThat(reply).as("the resolver's way answers").isNotNull();
        return reply;
    }

    private byte @Nullable [] fast(CachedReplies replies, byte[] request, Protocol protocol) {
        ByteBuf reply = protocol == Protocol.UDP
                ? replies.udp(Unpooled.wrappedBuffer(request), UnpooledByteBufAllocator.DEFAULT)
                : replies.tcp(request, UnpooledByteBufAllocator.DEFAULT);
        if (reply == null) {
            return null;
        }
        try {
            if (protocol == Protocol.TCP) {
                assertThat(reply.readUnsignedShort()).as("TCP length prefix").isEqualTo(reply.readableBytes());
            }
            replies.served();
            return ByteBufUtil.getBytes(reply);
        } finally {
            reply.release();
        }
    }

    /** Stores the answer through the resolver's way, then compares both ways at a later instant. */
    private void assertSameBothWays(byte[] request) throws Exception {
        CachedReplies replies = java.util.Objects.requireNonNull(processor.newCachedReplies());
        for (Protocol protocol : new Protocol[] {Protocol.UDP, Protocol.TCP}) {
            store.invalidateAll();
            slow(request, protocol); // a miss: stored now, fresh for at least the 10 s of a negative answer
            clock.addAndGet(7 * SECOND + SECOND / 3); // TTLs have counted down since
            byte[] fast = fast(replies, request, protocol);
            byte[] slow = slow(request, protocol);
            String asked = new Message(request).getQuestion() + " " + new Message(request).getHeader() + " over "
                    + protocol;
            assertThat(fast).as("cache-hit path for " + asked).isNotNull();
            assertThat(fast).as("same bytes as the resolver's way for " + asked).isEqualTo(slow);
        }
    }

    @Test
    void hit_isTheSameReplyByteForByte_forEveryKindOfAnswerAndRequest() throws Exception {
        String[] names = {"www.example.", "WwW.ExAmPlE.", "alias.example.", "missing.example.", "nodata.example."};
        int id = 1;
        for (String name : names) {
            for (Integer edns : new Integer[] {null, 512, 1232, 4096}) {
                for (int flags = 0; flags < 16; flags++) {
                    boolean rd = (flags & 1) != 0;
                    boolean dnssecOk = (flags & 2) != 0;
                    boolean cd = (flags & 4) != 0;
                    boolean ad = (flags & 8) != 0;
                    if (dnssecOk && edns == null) {
                        continue; // DO lives in the OPT record
                    }
                    assertSameBothWays(request(name, name.startsWith("nodata") ? Type.MX : Type.A, id++, rd, edns,
                            dnssecOk, cd, ad));
                }
            }
        }
    }

    @Test
    void hit_clearsTheUpstreamsAuthoritativeBit_onBothWays() throws Exception {
        byte[] request = request("www.example.", Type.A, 7, true, 1232, false, false, false);
        slow(request, Protocol.UDP);
        CachedReplies replies = java.util.Objects.requireNonNull(processor.newCachedReplies());
        Message fast = new Message(java.util.Objects.requireNonNull(fast(replies, request, Protocol.UDP)));
        Message slow = new Message(slow(request, Protocol.UDP));

        for (Message reply : new Message[] {fast, slow}) {
            assertThat(reply.getHeader().getFlag(Flags.AA)).isFalse();
            assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
            assertThat(reply.getHeader().getFlag(Flags.RA)).isTrue();
            assertThat(reply.getHeader().getID()).isEqualTo(7);
            assertThat(reply.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(r.getTTL()).isEqualTo(300));
        }
    }

    @Test
    void hit_writesTheSecondsLeftIntoEveryRecord_andCountsAsAHit() throws Exception {
        byte[] request = request("alias.example.", Type.A, 9, true, null, false, false, false);
        slow(request, Protocol.UDP);
        long hitsBefore = store.stats().hits();
        clock.addAndGet(100 * SECOND + SECOND / 2);
        CachedReplies replies = java.util.Objects.requireNonNull(processor.newCachedReplies());

        Message reply = new Message(java.util.Objects.requireNonNull(fast(replies, request, Protocol.UDP)));

        // the entry lives for the smallest TTL (120 s); every record is served with what is left of it
        assertThat(reply.getSection(Section.ANSWER)).hasSize(2).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(20));
        assertThat(store.stats().hits()).isEqualTo(hitsBefore + 1);
        assertThat(upstreamCalls).hasValue(1);
    }

    @Test
    void replyOverTheClientsSize_isLeftToTheResolver_whichTruncates() throws Exception {
        byte[] request = request("big.example.", Type.TXT, 11, true, null, false, false, false);
        slow(request, Protocol.UDP);
        CachedReplies replies = java.util.Objects.requireNonNull(processor.newCachedReplies());
        long hitsBefore = store.stats().hits();

        assertThat(fast(replies, request, Protocol.UDP)).as("512 bytes without EDNS: declined").isNull();
        assertThat(store.stats().hits()).as("a decline counts nothing").isEqualTo(hitsBefore);
        Message slow = new Message(slow(request, Protocol.UDP));
        assertThat(slow.getHeader().getFlag(Flags.TC)).isTrue();
        // over TCP the whole answer fits: both ways give it, the same
        byte[] fast = fast(replies, request, Protocol.TCP);
        assertThat(fast).isNotNull().isEqualTo(slow(request, Protocol.TCP));
        assertThat(new Message(fast).getSection(Section.ANSWER)).hasSize(40);
    }

    @Test
    void entryInThePrefetchWindow_isLeftToTheResolver_whichRefreshesIt() throws Exception {
        store.dispose();
        store = store(CacheOptions.DEFAULTS);
        processor = processor(store, 4096);
        byte[] request = request("www.example.", Type.A, 13, true, 1232, false, false, false);
        slow(request, Protocol.UDP);
        CachedReplies replies = java.util.Objects.requireNonNull(processor.newCachedReplies());
        assertThat(fast(replies, request, Protocol.UDP)).as("fresh, far from expiry").isNotNull();

        clock.addAndGet(280 * SECOND); // the last 10 % of 300 s
        assertThat(fast(replies, request, Protocol.UDP)).as("due for prefetch").isNull();
        slow(request, Protocol.UDP);
        assertThat(upstreamCalls).as("the resolver's way started the prefetch").hasValue(2);
        assertThat(fast(replies, request, Protocol.UDP)).as("refreshed: fresh again").isNotNull();
    }

    @Test
    void requestsThatAreNotPlainQueries_areLeftToTheResolver() throws Exception {
        byte[] plain = request("www.example.", Type.A, 15, true, 1232, false, false, false);
        slow(plain, Protocol.UDP);
        CachedReplies replies = java.util.Objects.requireNonNull(processor.newCachedReplies());
        assertThat(fast(replies, plain, Protocol.UDP)).isNotNull();

        byte[] response = plain.clone();
        response[2] |= (byte) 0x80; // QR
        byte[] notify = plain.clone();
        notify[2] |= (byte) (4 << 3); // opcode NOTIFY
        byte[] ednsVersion1 = plain.clone();
        ednsVersion1[plain.length - 5] = 1; // the OPT record's version octet
        byte[] cutOff = java.util.Arrays.copyOf(plain, plain.length - 3);
        byte[] miss = request("other.example.", Type.A, 16, true, 1232, false, false, false);
        byte[] doBitMiss = request("www.example.", Type.A, 17, true, 1232, true, false, false);
        for (byte[] request : new byte[][] {response, notify, ednsVersion1, cutOff, miss, doBitMiss, new byte[5]}) {
            assertThat(fast(replies, request, Protocol.UDP)).isNull();
        }
    }

    @Test
    void aPlainResolver_hasNoCacheHitPath() {
        QueryProcessor plain = new QueryProcessor(q -> Mono.never(), Duration.ofSeconds(1), 4096, Schedulers.parallel(),
                counters);
        assertThat(plain.newCachedReplies()).isNull();
    }
}
