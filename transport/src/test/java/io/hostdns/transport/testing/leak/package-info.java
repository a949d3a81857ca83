/**
 * Netty leak detection that fails the build: {@link io.hostdns.transport.testing.leak.LeakDetectionSessionListener}
 * installs a recording {@code ResourceLeakDetectorFactory} before any test runs, and
 * {@link io.hostdns.transport.testing.leak.FailOnLeakExtension} (auto-detected) fails every test class after
 * which a "LEAK:" report was collected. Both are registered through {@code META-INF/services}; the extension
 * needs {@code junit.jupiter.extensions.autodetection.enabled=true} (set in this module's surefire config).
 */
@NullMarked
package io.hostdns.transport.testing.leak;

import org.jspecify.annotations.NullMarked;
