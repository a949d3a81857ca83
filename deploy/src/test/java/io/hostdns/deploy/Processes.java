package io.hostdns.deploy;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running the tools the deployment tests check with, from the test thread, each bounded in time. */
final class Processes {

    private Processes() {
    }

    /** What a finished process printed (standard output and error together) and its exit code. */
    record Result(int exit, String output) {
    }

    /**
     * The {@code tool} on the PATH; skips the calling test with a message when there is none, except in CI
     * ({@code CI=true}), where it fails: CI installs it (scripts/test.sh, {@code package}).
     */
    static String require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, tool);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(tool + " is required in CI: install the Debian package " + debianPackage);
        }
        assumeTrue(false, tool + " not installed (Debian package " + debianPackage + "): skipping");
        throw new IllegalStateException("unreachable");
    }

    /** Runs {@code command} to its end, at most {@code timeout}. */
    static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("did not finish within " + timeout + ": " + command);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The runtime the build made (deploy/target/hostdns-runtime). */
    static Path runtime() {
        Path runtime = Path.of("target", "hostdns-runtime").toAbsolutePath();
        if (!runtime.resolve("bin/hostdns").toFile().canExecute()) {
            fail("no jlink runtime at " + runtime + ": the build makes it in process-test-classes "
                    + "(mvn verify -pl deploy -am; not with -Dhostdns.jlink.skip=true)");
        }
        return runtime;
    }
}
