package io.hostdns.transport.testing.leak;

import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty reported a leak. Before the class it checks that leak detection is
 * really on (level PARANOID, the recording detector in place for {@code ByteBuf}s), so a build that lost
 * the settings fails instead of silently checking nothing; after the class it forces the collection of
 * unreachable buffers and fails with every "LEAK:" report. Auto-detected through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}.
 *
 * <p>A leak surfaces when its buffer is garbage-collected, so it is charged to the class during or right
 * after which that happened; the report's access records name the code that leaked.
 */
public final class FailOnLeakExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass().getEnclosingClass() != null
                && context.getRequiredTestClass().isAnnotationPresent(org.junit.jupiter.api.Nested.class)) {
            return; // the outer class checks
        }
        LeakDetectionSessionListener.install(); // e.g. a nested Launcher run without session listeners
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("Netty leak detection must be PARANOID in tests, is "
                    + ResourceLeakDetector.getLevel() + " (-Dio.netty.leakDetection.level=paranoid)");
        }
        Object detector = byteBufDetector();
        if (!(detector instanceof RecordingLeakDetector)) {
            throw new IllegalStateException("ByteBuf leaks are not recorded: the detector is " + detector
                    + "; LeakDetectionSessionListener must run before Netty's buffer classes load");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass().isAnnotationPresent(org.junit.jupiter.api.Nested.class)) {
            return;
        }
        LeakReports.collectNow();
        List<String> leaks = LeakReports.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty leak report(s) during or after "
                    + context.getRequiredTestClass().getName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    private static Object byteBufDetector() throws ReflectiveOperationException {
        Class<?> buffers = Class.forName("io.netty.buffer.AbstractByteBuf");
        Field field = buffers.getDeclaredField("leakDetector");
        field.setAccessible(true);
        return field.get(null);
    }
}
