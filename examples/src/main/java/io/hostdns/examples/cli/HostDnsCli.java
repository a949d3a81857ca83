package io.hostdns.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import reactor.core.publisher.Mono;

/**
 * The {@code hostdns} command: a host DNS forwarder and the tools to troubleshoot one.
 *
 * <p>Exit codes: 0 success; 1 the command ran and failed (e.g. a query timed out); 2 bad arguments or a
 * bad configuration, reported as one line on standard error. No stack trace is printed unless
 * {@code --verbose} is given.
 *
 * <p>The subcommands are added by {@link #newCommandLine}, not listed in the annotation: picocli builds the model
 * of every command it is given from its annotations, by reflection, and a command line that names one command
 * ({@code hostdns serve ...}) gets only that one, which shortens the start of {@code serve}
 * (benchmarks/README.md, "Issue 13, start and idle footprint").
 */
@Command(name = "hostdns", mixinStandardHelpOptions = true, version = "hostdns 0.1.0-SNAPSHOT",
        description = "A caching host DNS forwarder, and the tools to troubleshoot it.")
public final class HostDnsCli implements Runnable {

    /** The subcommands, in the order the help lists them; each made only when added. */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /** The exit code of bad arguments or configuration. */
    public static final int EXIT_USAGE = 2;
    /** The exit code of a command that ran and failed. */
    public static final int EXIT_FAILURE = 1;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces of errors and debug log output.")
    boolean verbose;

    private final Mono<Void> stopServing;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param stopServing completes when {@code serve} should stop (besides Ctrl-C); {@link Mono#never()}
     *                    for the real command line
     */
    public HostDnsCli(Mono<Void> stopServing) {
        this.stopServing = stopServing;
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        configureLogging(arguments);
        System.exit(execute(arguments, Mono.never(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /**
     * Runs {@code args} as {@link #main} does: the daemon's own command lines ({@link DaemonCommandLine}) without
     * picocli, every other with it; {@code serve} stops when {@code stopServing} completes (or on Ctrl-C).
     *
     * @return the exit code
     */
    public static int execute(List<String> args, Mono<Void> stopServing, PrintWriter out, PrintWriter err) {
        Optional<ServeCommand> daemon = DaemonCommandLine.serveCommand(args);
        if (daemon.isPresent()) {
            try {
                return daemon.get().serve(stopServing, out);
            } catch (RuntimeException e) {
                // reported as picocli's handler reports what a command throws (no --verbose in these forms)
                return ErrorReporter.report(e, DaemonCommandLine.SERVE, false, err);
            }
        }
        CommandLine cli = newCommandLine(stopServing, args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args.toArray(String[]::new));
    }

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", ServeCommand::new);
        commands.put("query", QueryCommand::new);
        commands.put("upstreams", UpstreamsCommand::new);
        commands.put("resolv-conf", ResolvConfCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(commands);
    }

    /**
     * The subcommand {@code args} run, or null when the root command needs all of them (no command, {@code help},
     * an unknown one, which picocli answers with the list): the first argument that is not an option of the root,
     * none of which takes a value.
     */
    static @Nullable String invokedCommand(List<String> args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS.containsKey(arg) && !arg.equals("help") ? arg : null;
            }
        }
        return null;
    }

    /**
     * Sets the slf4j-simple level before anything logs, unless the user set it: {@code debug} with
     * {@code --verbose}, {@code info} for {@code serve} (its logs are part of troubleshooting), {@code warn}
     * otherwise, so that one-shot commands print only their result.
     */
    static void configureLogging(List<String> args) {
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, logLevel(args));
        }
    }

    /** The slf4j-simple level for a command line, see {@link #configureLogging}. */
    static String logLevel(List<String> args) {
        if (args.contains("-v") || args.contains("--verbose")) {
            return "debug";
        }
        return !args.isEmpty() && args.get(0).equals("serve") ? "info" : "warn";
    }

    /**
     * A command line whose {@code serve} stops when {@code stopServing} completes; output goes to
     * {@link CommandLine#setOut}/{@link CommandLine#setErr}, standard out and error by default.
     */
    public static CommandLine newCommandLine(Mono<Void> stopServing) {
        return newCommandLine(stopServing, List.of());
    }

    /**
     * {@link #newCommandLine(Mono)} to run {@code args}: with only the subcommand they name when they name one
     * ({@link #invokedCommand}), else with all of them.
     */
    public static CommandLine newCommandLine(Mono<Void> stopServing, List<String> args) {
        CommandLine cli = new CommandLine(new HostDnsCli(stopServing));
        String invoked = invokedCommand(args);
        COMMANDS.forEach((name, command) -> {
            if (invoked == null || invoked.equals(name)) {
                cli.addSubcommand(name, command.get());
            }
        });
        cli.setParameterExceptionHandler(ErrorReporter::parameterError);
        cli.setExecutionExceptionHandler(ErrorReporter::executionError);
        return cli;
    }

    /** A command line writing to {@code out} and {@code err}, whose {@code serve} stops on {@code stopServing}. */
    public static CommandLine newCommandLine(Mono<Void> stopServing, PrintWriter out, PrintWriter err) {
        CommandLine cli = newCommandLine(stopServing);
        cli.setOut(out);
        cli.setErr(err);
        return cli;
    }

    /** Completes when {@code serve} should stop. */
    Mono<Void> stopServing() {
        return stopServing;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is needed: serve, query, upstreams or resolv-conf");
    }
}
