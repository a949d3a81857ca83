package io.hostdns.examples.cli;

import io.hostdns.transport.forwarder.config.ConfigException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;
import reactor.core.Exceptions;

/**
 * How the CLI reports errors: one line on standard error naming the command and what is wrong; a bad
 * argument or configuration exits {@link HostDnsCli#EXIT_USAGE}, any other failure
 * {@link HostDnsCli#EXIT_FAILURE}. The stack trace follows only with {@code --verbose}.
 */
final class ErrorReporter {

    private ErrorReporter() {
    }

    /** Picocli's handler for arguments that do not parse. Never prints a stack trace: the input is at fault. */
    static int parameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return HostDnsCli.EXIT_USAGE;
    }

    /** Picocli's handler for exceptions thrown by a running command. */
    static int executionError(Exception thrown, CommandLine cmd, ParseResult parseResult) {
        return report(thrown, cmd.getCommandSpec().qualifiedName(), verbose(parseResult), cmd.getErr());
    }

    /**
     * Reports {@code thrown}, which ended the command {@code command} (e.g. {@code hostdns serve}), on
     * {@code err}: one line, then the stack trace if {@code verbose}.
     *
     * @return the exit code: {@link HostDnsCli#EXIT_USAGE} for bad arguments or configuration, else
     *         {@link HostDnsCli#EXIT_FAILURE}
     */
    static int report(Throwable thrown, String command, boolean verbose, PrintWriter err) {
        Throwable ex = Exceptions.unwrap(thrown);
        boolean usage = ex instanceof UsageException || ex instanceof ConfigException
                || ex instanceof CommandLine.ParameterException;
        err.println(command + ": " + (usage ? "" : "error: ") + oneLine(describe(ex)));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return usage ? HostDnsCli.EXIT_USAGE : HostDnsCli.EXIT_FAILURE;
    }

    /** The message, or the type when there is none; with the cause's message when it adds something. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        String text = message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
        Throwable cause = ex.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())
                && !(ex instanceof UsageException) && !(ex instanceof CommandFailure)) {
            text += " (" + cause.getMessage() + ")";
        }
        return text;
    }

    private static String oneLine(@Nullable String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static boolean verbose(@Nullable ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
