package io.hostdns.transport.testing.leak;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The leak reports collected in this test JVM, and the detectors that produce them. Global by necessity:
 * Netty's {@code ResourceLeakDetectorFactory} is a JVM-wide setting read in static initialisers, so the
 * detectors it makes can only report to one JVM-wide place. Test code only.
 */
public final class LeakReports {

    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<RecordingLeakDetector<?>> DETECTORS = new ConcurrentLinkedQueue<>();

    private LeakReports() {
    }

    static void add(String report) {
        REPORTS.add(report);
    }

    static void register(RecordingLeakDetector<?> detector) {
        DETECTORS.add(detector);
    }

    /**
     * Makes leaks of objects already unreachable show up: two rounds of {@code System.gc()}, each followed by
     * a wait (at most 1 s) until the reference handler has enqueued that collection's cleared references
     * (seen through a sentinel reference cleared in the same collection), and a poll of every detector's
     * queue. Blocks briefly; call from a test thread only.
     */
    public static void collectNow() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            ReferenceQueue<Object> processed = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), processed);
            System.gc();
            processed.remove(1000);
            Reference.reachabilityFence(sentinel);
            for (RecordingLeakDetector<?> detector : DETECTORS) {
                detector.poll();
            }
        }
    }

    /** Every report collected since the last drain, removed from the collection. */
    public static List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String r; (r = REPORTS.poll()) != null; ) {
            out.add(r);
        }
        return out;
    }
}
