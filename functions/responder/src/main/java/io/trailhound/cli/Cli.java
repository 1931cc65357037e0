package io.trailhound.cli;

import io.trailhound.pattern.FilterPatternException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Local entry point. Exit status: 0 success, 2 invalid filter pattern, 1 any other failure; errors are one
 * line on stderr prefixed {@code trailhound:}, never a stack trace.
 */
public final class Cli {
    static final String USAGE = """
            usage: java -jar responder.jar <command> [options]
              invoke --event <event.json> [--cloudtrail <file|dir>] [--filter-pattern [METRIC=]<p>]... [--remediate off|dry-run|on]
                     [--format text|json]
                     (event: SNS or SQS event, SNS HTTP/SQS body, alarm message, EventBridge alarm state change, alarm action payload)
              test-metric-filter --filter-pattern <pattern> --log-event-messages-file <file>""";

    private Cli() {}

    public static void main(String[] argv) {
        int status = run(argv, System.getenv(), System.out, System.err);
        // Success ends by returning: System.exit first looks up the JDK's logger for Runtime.exit, which
        // scans the class path for logging providers, about a tenth of an offline run. Every thread that
        // Trailhound or the SDK starts is a daemon, so nothing keeps the JVM alive.
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command with {@code env} as its environment; returns the exit status. */
    public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
        if (argv.length == 0) {
            err.println(USAGE);
            return 1;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (argv[0]) {
                case "test-metric-filter" -> {
                    TestMetricFilterCommand.run(rest, out);
                    yield 0;
                }
                case "invoke" -> InvokeCommand.run(rest, env, out, err);
                case "-h", "--help", "help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new Args.UsageException("unknown command '" + argv[0] + "' (see --help)");
            };
        } catch (FilterPatternException e) {
            err.println("trailhound: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("trailhound: no such file: " + e.getFile());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("trailhound: " + oneLine(e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println("trailhound: " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replace('\n', ' ').replace('\r', ' ');
    }

    static {
        // Make the CLI's output UTF-8 regardless of the platform default.
        System.setOut(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }
}
