package io.hostdns.transport.testing.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Proves the leak check bites: a test class that drops a buffer without releasing it is run in a nested
 * JUnit launcher (so its failure stays there) and must be failed by {@link FailOnLeakExtension} with a
 * "LEAK:" report; a clean class must pass.
 */
class LeakCheckTest {

    /** Run only through the nested launcher below (surefire skips nested classes). */
    static class LeakingTests {
        @Test
        void dropsABufferWithoutReleasingIt() {
            ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
            leaked.writeLong(42);
        }

        @Test
        void dropsAPooledDirectBufferWithoutReleasingIt() {
            ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            leaked.writeLong(43);
        }
    }

    /** Run only through the nested launcher below. */
    static class CleanTests {
        @Test
        void releasesWhatItAllocates() {
            ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(64);
            try {
                buffer.writeLong(42);
            } finally {
                buffer.release();
            }
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        return summary.getSummary();
    }

    @Test
    void aClassThatLeaksABuffer_isFailed_withTheLeakReport() {
        TestExecutionSummary summary = run(LeakingTests.class);

        assertThat(summary.getTestsSucceededCount()).as("the leaking tests themselves pass").isEqualTo(2);
        assertThat(summary.getFailures()).hasSize(1);
        Throwable failure = summary.getFailures().get(0).getException();
        assertThat(failure).hasMessageContaining("Netty leak report").hasMessageContaining("LEAK:")
                .hasMessageContaining(LeakingTests.class.getName());
        assertThat(LeakReports.drain()).as("the nested run consumed its reports").isEmpty();
    }

    @Test
    void aCleanClass_passes() {
        TestExecutionSummary summary = run(CleanTests.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }
}
