package io.hostdns.transport.testing.leak;

import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the {@link RecordingLeakDetectorFactory} when the JUnit Platform session opens, before any
 * test class (and so before Netty's buffer classes, whose static initialisers ask the factory for their
 * detector) is loaded. Registered in {@code META-INF/services}.
 */
public final class LeakDetectionSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    /** Installs the recording factory unless it already is; idempotent. */
    static void install() {
        if (!(ResourceLeakDetectorFactory.instance() instanceof RecordingLeakDetectorFactory)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingLeakDetectorFactory());
        }
    }
}
