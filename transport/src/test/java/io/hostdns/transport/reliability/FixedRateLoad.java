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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * after {@code lossTimeout} count as lost. Plain threads and blocking sockets: test-side only.
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
     * {@code names.apply(i)}, then waits up to {@code lossTimeout} for the last replies.
     */
    static Result run(InetSocketAddress server, int rate, Duration duration, IntFunction<String> names, Judge judge,
                      Duration lossTimeout) throws IOException, InterruptedException {
        long total = Math.max(1, rate * duration.toMillis() / 1000);
        long interval = 1_000_000_000L / rate;
        Map<Integer, Outstanding> outstanding = new ConcurrentHashMap<>();
        long[] latencies = new long[(int) Math.min(total, 2_000_000)];
        AtomicLong answered = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(100);
            Thread receiver = new Thread(() -> receive(socket, outstanding, judge, latencies, answered, wrong, failed),
                    "load-receiver");
            receiver.setDaemon(true);
            receiver.start();
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = (int) i;
                int id = index & 0xFFFF;
                Message query = Message.newQuery(Record.newRecord(Name.fromString(names.apply(index)), Type.A, DClass.IN));
                query.getHeader().setID(id);
                byte[] wire = query.toWire();
                outstanding.put(id, new Outstanding(index, System.nanoTime()));
                socket.send(new DatagramPacket(wire, wire.length, server));
            }
            long end = System.nanoTime() + lossTimeout.toNanos();
            while (!outstanding.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            receiver.interrupt();
            receiver.join(2000);
        }
        int n = (int) Math.min(answered.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return new Result(total, answered.get(), wrong.get(), failed.get(), outstanding.size(), percentile(sorted, 0.50),
                percentile(sorted, 0.99), n == 0 ? 0 : sorted[n - 1]);
    }

    private static void receive(DatagramSocket socket, Map<Integer, Outstanding> outstanding, Judge judge,
                                long[] latencies, AtomicLong answered, AtomicLong wrong, AtomicLong failed) {
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
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
