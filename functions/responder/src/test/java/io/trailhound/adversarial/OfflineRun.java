package io.trailhound.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.cli.InvokeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An attacker's offline world: CloudTrail records written to a file and an alarm notification, run through
 * {@code invoke --cloudtrail} exactly as a user runs it, read back as text and as the JSON document.
 */
final class OfflineRun {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111122223333";
    static final String DATAPOINT = "23/11/26 10:15:00";
    static final String IN_WINDOW = "2026-11-23T10:16:00Z";

    private final Path dir;
    private final ArrayNode records = JSON.createArrayNode();

    OfflineRun(Path dir) {
        this.dir = dir;
    }

    /** A CloudTrail record at {@code second} seconds after 10:16:00; {@code fields} override or add top-level fields. */
    ObjectNode record(int second, Map<String, Object> fields) {
        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", "1.08");
        r.set(
                "userIdentity",
                JSON.valueToTree(Map.of(
                        "type",
                        "AssumedRole",
                        "arn",
                        "arn:aws:sts::" + ACCOUNT + ":assumed-role/payments-api/app-7f3a",
                        "accountId",
                        ACCOUNT,
                        "sessionContext",
                        Map.of(
                                "sessionIssuer",
                                Map.of("type", "Role", "arn", "arn:aws:iam::" + ACCOUNT + ":role/payments-api")))));
        r.put(
                "eventTime",
                java.time.Instant.parse(IN_WINDOW).plusSeconds(second).toString());
        r.put("awsRegion", "us-east-1");
        r.put("sourceIPAddress", "203.0.113.10");
        r.put("userAgent", "aws-sdk-java/2.40.2");
        r.put("eventID", UUID.randomUUID().toString());
        r.put("eventType", "AwsApiCall");
        r.put("recipientAccountId", ACCOUNT);
        fields.forEach((k, v) -> r.set(k, JSON.valueToTree(v)));
        records.add(r);
        return r;
    }

    /** A root API call: the identity CloudTrail records for the root user with a long-term access key. */
    ObjectNode rootCall(int second, String eventSource, String eventName, String sourceIp, String userAgent) {
        return record(
                second,
                Map.of(
                        "eventSource",
                        eventSource,
                        "eventName",
                        eventName,
                        "sourceIPAddress",
                        sourceIp,
                        "userAgent",
                        userAgent,
                        "userIdentity",
                        Map.of(
                                "type",
                                "Root",
                                "principalId",
                                ACCOUNT,
                                "arn",
                                "arn:aws:iam::" + ACCOUNT + ":root",
                                "accountId",
                                ACCOUNT,
                                "accessKeyId",
                                "AKIAIOSFODNN7EXAMPLE")));
    }

    /** A GetSecretValue refused because the secret is scheduled for deletion. */
    ObjectNode deletedSecretRead(int second, String secretId, String region) {
        return record(
                second,
                Map.of(
                        "eventSource",
                        "secretsmanager.amazonaws.com",
                        "eventName",
                        "GetSecretValue",
                        "awsRegion",
                        region,
                        "errorCode",
                        "InvalidRequestException",
                        "errorMessage",
                        "You can't perform this operation on the secret because it was marked for deletion.",
                        "requestParameters",
                        Map.of("secretId", secretId)));
    }

    static final String ROOT = "RootAccountUsage|CloudTrailMetrics|RootAccountUsageCount";
    static final String SECRETS =
            "AttemptsToAccessDeletedSecretsAlarm|CloudTrailLogMetrics|AttemptsToAccessDeletedSecrets";

    /** The alarm notification CloudWatch sends for {@code alarm} ("name|namespace|metric"), with fields overridden. */
    static ObjectNode alarm(String alarm, Map<String, String> overrides) {
        String[] p = alarm.split("\\|");
        ObjectNode m = JSON.createObjectNode();
        m.put("AlarmName", p[0]);
        m.put("AWSAccountId", ACCOUNT);
        m.put("NewStateValue", "ALARM");
        m.put("OldStateValue", "OK");
        m.put(
                "NewStateReason",
                "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (" + DATAPOINT
                        + ")] was greater than or equal to the threshold (1.0).");
        m.put("StateChangeTime", "2026-11-23T10:21:08.412+0000");
        m.put("AlarmArn", "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:" + p[0]);
        m.set(
                "Trigger",
                JSON.valueToTree(Map.of(
                        "MetricName",
                        p[2],
                        "Namespace",
                        p[1],
                        "Statistic",
                        "SUM",
                        "Period",
                        300,
                        "EvaluationPeriods",
                        1,
                        "Threshold",
                        1.0)));
        overrides.forEach(m::put);
        return m;
    }

    record Result(int status, String text, JsonNode doc, String subject, String err) {}

    /** Runs invoke over the records twice (text, then JSON) with {@code extraArgs}. */
    Result invoke(ObjectNode alarmMessage, String... extraArgs) throws Exception {
        Path trail = dir.resolve("trail.json");
        Files.writeString(trail, JSON.writeValueAsString(JSON.createObjectNode().set("Records", records)));
        Path event = dir.resolve("alarm.json");
        Files.writeString(event, JSON.writeValueAsString(alarmMessage));
        String[] text = run(event, trail, "text", extraArgs);
        String[] json = run(event, trail, "json", extraArgs);
        String subject = text[0].lines().findFirst().orElse("");
        return new Result(Integer.parseInt(text[2]), text[0], JSON.readTree(json[0]), subject, text[1]);
    }

    private static String[] run(Path event, Path trail, String format, String... extraArgs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(
                List.of("--event", event.toString(), "--cloudtrail", trail.toString(), "--format", format));
        args.addAll(List.of(extraArgs));
        int status = InvokeCommand.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), String.valueOf(status)
        };
    }
}
