package io.trailhound.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.Responder;
import io.trailhound.Wiring;
import io.trailhound.alarm.AlarmParseException;
import io.trailhound.config.Config;
import io.trailhound.evidence.CloudTrailFiles;
import io.trailhound.evidence.JsonErrors;
import io.trailhound.json.Json;
import io.trailhound.pattern.FilterPattern;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code invoke}: runs the whole pipeline on an SNS event file (as {@code sam local invoke -e} takes) or a
 * bare alarm message. AWS configuration comes the standard way (environment, AWS_ENDPOINT_URL).
 */
public final class InvokeCommand {
    static final Set<String> OPTIONS = Set.of("--event", "--cloudtrail", "--filter-pattern", "--remediate", "--format");

    private InvokeCommand() {
    }

    /** @return the exit status: 0, or 1 when a record was not an alarm or an input was damaged */
    public static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(argv, OPTIONS);
        List<String> messages = messages(Path.of(args.required("--event")));
        String pattern = args.optional("--filter-pattern");
        if (pattern != null) {
            FilterPattern.compile(pattern); // an invalid pattern is exit status 2 before anything runs
        }
        String format = args.optional("--format") == null ? "text" : args.optional("--format");
        if (!format.equals("text") && !format.equals("json")) {
            throw new Args.UsageException("--format must be text or json, not '" + format + "'");
        }
        Config config = Config.from(env);
        if (args.optional("--remediate") != null) {
            config = config.withRemediation(Config.RemediationMode.parse(args.optional("--remediate")));
        }
        CloudTrailFiles files = args.optional("--cloudtrail") == null ? null : CloudTrailFiles.at(Path.of(args.optional("--cloudtrail")));
        Responder.Stages stages = Wiring.cli(config, Config.awsConfigured(env), files, pattern, out, format.equals("json"));
        Responder responder = new Responder(config, stages, Clock.systemUTC());
        int status = 0;
        for (int i = 0; i < messages.size(); i++) {
            String which = messages.size() > 1 ? "record " + (i + 1) + ": " : "";
            try {
                Responder.Outcome outcome = responder.respond(messages.get(i));
                if (!outcome.published()) {
                    err.println("trailhound: " + which + outcome.detail());
                } else if (!outcome.detail().equals("stdout")) {
                    err.println("trailhound: " + which + "published to " + outcome.detail());
                }
                for (String problem : outcome.inputProblems()) {
                    err.println("trailhound: " + which + problem);
                    status = 1;
                }
            } catch (AlarmParseException e) { // the other records are still handled
                err.println("trailhound: " + which + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    /** Every SNS record's Message, or the file itself when it is a bare alarm message. */
    static List<String> messages(Path event) throws IOException {
        String text = Files.readString(event);
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IOException e) {
            throw new AlarmParseException(event + " is not JSON: " + JsonErrors.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new AlarmParseException(event + " is not an SNS event or an alarm message (expected a JSON object)");
        }
        if (!root.has("Records")) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode record : root.get("Records")) {
            JsonNode message = record.path("Sns").path("Message");
            if (!message.isTextual()) {
                throw new AlarmParseException(event + ": a record's Sns.Message is missing or not a string, so it is not an SNS event");
            }
            out.add(message.asText());
        }
        if (out.isEmpty()) {
            throw new AlarmParseException(event + ": the SNS event has no records");
        }
        return out;
    }
}
