package io.hostdns.examples.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command lines a node runs the forwarder with, read without picocli: {@code serve --config FILE} (what the
 * systemd unit, the DaemonSet and the container image run; {@code -c FILE} and {@code --config=FILE} too) and
 * {@code serve} alone. Every other command line is picocli's, including these with any option more
 * ({@code --verbose}, {@code --help}, {@code --listen}, a second {@code --config}) and a file name picocli might
 * read differently (empty, or starting with {@code -}).
 *
 * <p>Why: making a picocli command line registers its converters and builds the command's model by reflection,
 * ~100 ms of CPU in a JVM that has compiled none of it yet, and a tenth or more of the daemon's time from launch to
 * its first answer on a 2-core node (benchmarks/README.md, "Issue 13, launch to first answer"). The options stay
 * declared once, on {@link ServeCommand}: this class only sets the one it reads, and {@code DaemonCommandLineTest}
 * checks that picocli reads each of these command lines into a command with every option the same.
 */
final class DaemonCommandLine {

    /** The command's name in error messages, as picocli names it ({@code qualifiedName}). */
    static final String SERVE = "hostdns serve";

    private static final String CONFIG_EQUALS = "--config=";

    private DaemonCommandLine() {
    }

    /** The {@code serve} command {@code args} ask for, or empty when they are not one of the forms above. */
    static Optional<ServeCommand> serveCommand(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("serve")) {
            return Optional.empty();
        }
        if (args.size() == 1) {
            return Optional.of(new ServeCommand());
        }
        String file;
        if (args.size() == 2 && args.get(1).startsWith(CONFIG_EQUALS)) {
            file = args.get(1).substring(CONFIG_EQUALS.length());
        } else if (args.size() == 3 && (args.get(1).equals("--config") || args.get(1).equals("-c"))) {
            file = args.get(2);
        } else {
            return Optional.empty();
        }
        if (file.isEmpty() || file.startsWith("-")) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            // not a path (e.g. a NUL in it): picocli reads the command line again and reports it, naming the option
            return Optional.empty();
        }
        ServeCommand serve = new ServeCommand();
        serve.config.file = path;
        return Optional.of(serve);
    }
}
