package io.hostdns.transport.testing.leak;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;

/**
 * A Netty leak detector that, besides logging as usual, records each "LEAK:" report in {@link LeakReports}.
 * Reporting does not depend on the logger's level (a quiet log configuration must not hide leaks).
 */
final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private final String resourceType;

    RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        this.resourceType = resourceType.getSimpleName();
        LeakReports.register(this);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String type, String records) {
        LeakReports.add("LEAK: " + type + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(type, records);
    }

    @Override
    protected void reportUntracedLeak(String type) {
        LeakReports.add("LEAK: " + type + ".release() was not called before it was garbage-collected "
                + "(no access records)");
        super.reportUntracedLeak(type);
    }

    /**
     * Drains this detector's queue of collected objects: Netty only looks at it when something new is
     * tracked, so track and close a probe (the probe object is never leaked).
     */
    @SuppressWarnings("unchecked")
    void poll() {
        Object probe = new Object();
        ResourceLeakTracker<T> tracker = trackForcibly((T) probe);
        if (tracker != null) {
            tracker.close((T) probe);
        }
    }

    @Override
    public String toString() {
        return "RecordingLeakDetector[" + resourceType + "]";
    }
}
