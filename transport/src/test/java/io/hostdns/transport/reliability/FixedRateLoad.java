package io.hostdns.transport.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * An open-loop UDP load generator, like dnsperf's {@code -Q}: one thread sends A queries at a fixed rate
 * (the schedule does not wait for replies, so a slow server cannot slow the offered load), another reads
 * the replies and matches them by ID. Each reply is judged by a {@link Judge}; queries without a reply
 * after {@code lossTimeout} count as lost. A plain scheduler thread and blocking sockets: test-side only.
 */
final class FixedRateLoad {

    /** What a reply is worth. */
    enum Verdict {
        /** The right data. */
        CORRECT,
        /** No data but an honest failure (SERVFAIL and the like). */
        FAILED,
        /** Data that is not the right one: the one outcome that must never happen. */
        WRONG
    }

    /** Judges {@code reply} to query number {@code index}. */
    interface Judge {
        Verdict judge(int index, Message reply);
    }

    /** The outcome of a run. */
    record Result(long sent, long answered, long wrong, long failed, long lost, long p50Micros, long p99Micros,
                  long maxMicros) {
        @Override
        public String toString() {
            return String.format("sent=%d answered=%d wrong=%d failed=%d lost=%d latency p50=%dus p99=%dus max=%dus",
                    sent, answered, wrong, failed, lost, p50Micros, p99Micros, maxMicros);
        }
    }

    private record Outstanding(int index, long sentNanos) {
    }

    private FixedRateLoad() {
    }

    /**
     * Sends {@code rate} queries a second for {@code duration} to {@code server}, query {@code i} asking
     * {@code names.apply(i)}, then waits up to {@code lossTimeout} for the last replies. The pace is kept by a
     * scheduler at a fixed rate (a late send is followed by the ones due, back to back, as dnsperf does);
     * sending stops after twice the duration (plus 10 s) even if the machine could not keep up, and only
     * the queries sent count.
     */
    static Result run(InetSocketAddress server, int rate, Duration duration, IntFunction<String> names, Judge judge,
                      Duration lossTimeout) throws IOException, InterruptedException {
        long total = Math.max(1, rate * duration.toMillis() / 1000);
        Map<Integer, Outstanding> outstanding = new ConcurrentHashMap<>();
        long[] latencies = new long[(int) Math.min(total, 2_000_000)];
        AtomicLong answered = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean allSent = new AtomicBoolean();
        CountDownLatch drained = new CountDownLatch(1);
        long sent;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(100);
            Runnable replyCounted = () -> {
                if (allSent.get() && outstanding.isEmpty()) {
                    drained.countDown();
                }
            };
            Thread receiver = new Thread(() -> receive(socket, outstanding, judge, latencies, answered, wrong, failed,
                    replyCounted), "load-receiver");
            receiver.setDaemon(true);
            receiver.start();
            sent = send(socket, server, rate, total, duration.multipliedBy(2).plusSeconds(10), names, outstanding);
            allSent.set(true);
            replyCounted.run(); // the last reply may have come before allSent was set
            drained.await(lossTimeout.toMillis(), TimeUnit.MILLISECONDS);
            receiver.interrupt();
            receiver.join(2000);
        }
        int n = (int) Math.min(answered.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return new Result(sent, answered.get(), wrong.get(), failed.get(), outstanding.size(), percentile(sorted, 0.50),
                percentile(sorted, 0.99), n == 0 ? 0 : sorted[n - 1]);
    }

    /** Sends up to {@code total} queries at {@code rate} from a scheduler's thread, for at most {@code limit}; how many went. */
    private static long send(DatagramSocket socket, InetSocketAddress server, int rate, long total, Duration limit,
                             IntFunction<String> names, Map<Integer, Outstanding> outstanding)
            throws IOException, InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicReference<IOException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-pacer");
            t.setDaemon(true);
            return t;
        });
        try {
            pacer.scheduleAtFixedRate(() -> {
                long i = next.get();
                if (i >= total || failure.get() != null) {
                    done.countDown();
                    return;
                }
                try {
                    int index = (int) i;
                    int id = index & 0xFFFF;
                    Message query = Message.newQuery(Record.newRecord(Name.fromString(names.apply(index)), Type.A,
                            DClass.IN));
                    query.getHeader().setID(id);
                    byte[] wire = query.toWire();
                    outstanding.put(id, new Outstanding(index, System.nanoTime()));
                    socket.send(new DatagramPacket(wire, wire.length, server));
                    next.set(i + 1);
                } catch (IOException e) {
                    failure.set(e);
                    done.countDown();
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pacer.shutdownNow();
            pacer.awaitTermination(2, TimeUnit.SECONDS);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return next.get();
    }

    private static void receive(DatagramSocket socket, Map<Integer, Outstanding> outstanding, Judge judge,
                                long[] latencies, AtomicLong answered, AtomicLong wrong, AtomicLong failed,
                                Runnable replyCounted) {
        byte[] buffer = new byte[65535];
        while (!Thread.currentThread().isInterrupted()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // socket closed at the end of the run
            }
            long now = System.nanoTime();
            Message reply;
            try {
                reply = new Message(Arrays.copyOf(buffer, packet.getLength()));
            } catch (IOException e) {
                wrong.incrementAndGet();
                continue;
            }
            Outstanding sent = outstanding.remove(reply.getHeader().getID());
            if (sent == null) {
                continue; // a reply after its query was given up on
            }
            long count = answered.getAndIncrement();
            if (count < latencies.length) {
                latencies[(int) count] = (now - sent.sentNanos()) / 1000;
            }
            switch (judge.judge(sent.index(), reply)) {
                case WRONG -> wrong.incrementAndGet();
                case FAILED -> failed.incrementAndGet();
                default -> { }
            }
            replyCounted.run();
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
