package io.trailhound.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.Notifications;
import io.trailhound.Responder;
import io.trailhound.Wiring;
import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.AlarmParseException;
import io.trailhound.alarm.AlarmReader;
import io.trailhound.alarm.Delivery;
import io.trailhound.alarm.LogBatch;
import io.trailhound.config.Config;
import io.trailhound.evidence.CloudTrailFiles;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.json.Json;
import io.trailhound.json.JsonErrors;
import io.trailhound.pattern.FilterPattern;
import io.trailhound.publish.Publisher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code invoke}: runs the whole pipeline on an SNS event file (as {@code sam local invoke -e} takes) or a
 * bare alarm message. AWS configuration comes the standard way (environment, AWS_ENDPOINT_URL).
 */
public final class InvokeCommand {
    static final Set<String> OPTIONS = Set.of("--event", "--cloudtrail", "--filter-pattern", "--remediate", "--format");

    private InvokeCommand() {}

    /** @return the exit status: 0, or 1 when a record was not an alarm or an input was damaged */
    public static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err)
            throws IOException {
        Args args = Args.parse(argv, OPTIONS, Set.of("--filter-pattern"));
        List<Delivery> deliveries = deliveries(Path.of(args.required("--event")));
        List<String> patterns = args.all("--filter-pattern");
        new MetricFilterCatalog(patterns)
                .givenPatterns()
                .forEach(FilterPattern::compile); // invalid: exit status 2 before anything runs
        String format = args.optional("--format") == null ? "text" : args.optional("--format");
        if (!format.equals("text") && !format.equals("json") && !Wiring.OUTPUT_FORMATS.contains(format)) {
            throw new Args.UsageException("--format must be text, json, " + String.join(", ", Wiring.OUTPUT_FORMATS)
                    + ", not '" + format + "'");
        }
        Config config = Config.from(env);
        if (args.optional("--remediate") != null) {
            config = config.withRemediation(Config.RemediationMode.parse(args.optional("--remediate")));
        }
        CloudTrailFiles files = args.optional("--cloudtrail") == null
                ? null
                : CloudTrailFiles.at(Path.of(args.optional("--cloudtrail")));
        Responder.Stages stages = Wiring.cli(config, Config.awsConfigured(env), files, patterns, out, format);
        Responder responder = new Responder(config, stages, Clock.systemUTC());
        CliFront front = new CliFront(responder, stages.publisher(), err);
        Notifications.handle(deliveries, front);
        return front.status;
    }

    /**
     * The CLI's side of the per-record rules: the pipeline without a time budget, and a line on stderr for
     * each record without an alert or with a problem (which also makes the exit status 1).
     */
    private static final class CliFront implements Notifications.Front {
        private final Responder responder;
        private final Publisher publisher;
        private final PrintStream err;
        private int status;

        CliFront(Responder responder, Publisher publisher, PrintStream err) {
            this.responder = responder;
            this.publisher = publisher;
            this.err = err;
        }

        @Override
        public Publisher publisher() {
            return publisher;
        }

        @Override
        public String investigate(Notifications.Item item, AlarmNotification alarm) {
            return report(responder.respond(alarm), item.label());
        }

        @Override
        public String investigate(Notifications.Item item, LogBatch batch) {
            return report(responder.respond(batch), item.label());
        }

        @Override
        public void own(Notifications.Item item) {
            err.println("trailhound: " + item.label() + "ignored: Trailhound published this message itself");
        }

        @Override
        public void control(Notifications.Item item, String logGroup) {
            err.println("trailhound: " + item.label()
                    + "a CloudWatch Logs CONTROL_MESSAGE (the subscription's reachability check): no alert");
        }

        @Override
        public void unreadable(Notifications.Item item, String reason) { // its alert follows, like the Lambda's
            err.println("trailhound: " + item.label() + reason);
            status = 1;
        }

        @Override
        public void failed(Notifications.Item item, Throwable error) {
            err.println("trailhound: " + item.label() + "unexpected failure: " + oneLine(String.valueOf(error)));
            status = 1;
        }

        @Override
        public void publishFailed(Notifications.Item item, RuntimeException error) {
            // thrown after the last record; Cli prints it and exits with status 1
        }

        /** Says where the alert went and each damaged input; returns what happened. */
        private String report(Responder.Outcome outcome, String which) {
            if (!outcome.published()) {
                err.println("trailhound: " + which + outcome.detail());
            } else if (!outcome.detail().equals("stdout")) {
                err.println("trailhound: " + which + "published to " + outcome.detail());
            }
            for (String problem : outcome.inputProblems()) {
                err.println("trailhound: " + which + problem);
                status = 1;
            }
            return outcome.detail();
        }

        private static String oneLine(String s) {
            return s.replace('\n', ' ').replace('\r', ' ');
        }
    }

    /** Every notification in the file, whatever its shape (see {@link AlarmReader}). */
    static List<Delivery> deliveries(Path event) throws IOException {
        String text = Files.readString(event);
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IOException e) {
            throw new AlarmParseException(event + " is not JSON: " + JsonErrors.describe(e));
        }
        if (root == null || !(root.isObject() || root.isTextual())) {
            throw new AlarmParseException(event + " is not an SNS event or an alarm message (expected a JSON object)");
        }
        List<Delivery> out = AlarmReader.read(root);
        if (out.isEmpty()) {
            throw new AlarmParseException(event + ": the SNS event has no records");
        }
        return out;
    }
}
