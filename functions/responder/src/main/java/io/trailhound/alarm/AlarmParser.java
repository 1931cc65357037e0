package io.trailhound.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.aws.Regions;
import io.trailhound.config.Arn;
import io.trailhound.json.Json;
import io.trailhound.json.JsonErrors;
import io.trailhound.json.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the alarm JSON that CloudWatch puts in an SNS {@code Message} (metric, metric-math and composite
 * alarms); anything else is a specific error. An alarm whose Trigger names no metric still reads (its alert
 * says the metric is unknown): an alarm always yields an alert.
 */
public final class AlarmParser {

    private AlarmParser() {}

    public static AlarmNotification parse(String message) {
        if (message == null || message.isBlank()) {
            throw new AlarmParseException("the SNS message is empty");
        }
        JsonNode root;
        try {
            root = Json.parse(message);
        } catch (JsonProcessingException e) {
            String head = message.strip();
            throw new AlarmParseException(
                    head.startsWith("{")
                            ? "the SNS message is truncated or malformed JSON: " + JsonErrors.describe(e)
                            : "the SNS message is not JSON, so it is not a CloudWatch alarm notification");
        }
        if (root == null || !root.isObject()) {
            throw new AlarmParseException(
                    "the SNS message is JSON but not an object, so it is not a CloudWatch alarm notification");
        }
        if (!isAlarmMessage(root)) {
            throw new AlarmParseException(
                    "the SNS message is not a CloudWatch alarm notification (no AlarmName/NewStateValue)");
        }
        return read(root);
    }

    static boolean isAlarmMessage(JsonNode root) {
        return root.hasNonNull("AlarmName") && root.hasNonNull("NewStateValue");
    }

    /** An object that {@link #isAlarmMessage is an alarm message}. */
    static AlarmNotification read(JsonNode root) {
        String name = root.get("AlarmName").asText();
        JsonNode trigger = root.path("Trigger");
        AlarmNotification.Composite composite = root.hasNonNull("AlarmRule")
                ? CompositeRule.of(root.get("AlarmRule").asText(), triggering(root))
                : null;
        int evaluationPeriods = Math.max(1, trigger.path("EvaluationPeriods").asInt(1));
        List<AlarmNotification.MetricRef> metrics =
                trigger.isObject() ? metrics(trigger, trigger.path("Period").asInt(0)) : List.of();
        int period = trigger.path("Period")
                .asInt(metrics.stream()
                        .mapToInt(AlarmNotification.MetricRef::periodSeconds)
                        .max()
                        .orElse(0));
        String arn = text(root, "AlarmArn");
        String time = text(root, "StateChangeTime");
        return new AlarmNotification(
                name,
                arn,
                text(root, "AWSAccountId"),
                region(arn, text(root, "Region")),
                root.get("NewStateValue").asText(),
                text(root, "OldStateValue"),
                text(root, "NewStateReason"),
                Timestamps.parse(time).orElse(null),
                period,
                evaluationPeriods,
                metrics,
                composite,
                time != null && Timestamps.parse(time).isEmpty() ? time : null);
    }

    /** TriggeringChildren as CloudWatch sends them; some notifiers' samples carry NewStateReasonData instead. */
    private static JsonNode triggering(JsonNode root) {
        JsonNode children = root.path("TriggeringChildren");
        return children.isArray() ? children : root.path("NewStateReasonData").path("triggeringAlarms");
    }

    /** The code from the ARN; without one, the message's "Region" is a display name (US West (Oregon)). */
    static String region(String arn, String displayName) {
        String fromArn = Arn.regionOf(arn).orElse(null);
        if (Regions.isCode(fromArn)) {
            return fromArn;
        }
        return Regions.codeOf(displayName).orElse(null);
    }

    private static List<AlarmNotification.MetricRef> metrics(JsonNode trigger, int period) {
        List<AlarmNotification.MetricRef> out = new ArrayList<>();
        if (trigger.hasNonNull("MetricName") && trigger.hasNonNull("Namespace")) {
            out.add(new AlarmNotification.MetricRef(
                    trigger.get("Namespace").asText(), trigger.get("MetricName").asText(), period));
        }
        for (JsonNode m : trigger.path("Metrics")) { // metric-math alarm: every MetricStat
            JsonNode stat = m.path("MetricStat");
            JsonNode metric = stat.path("Metric");
            if (metric.hasNonNull("MetricName") && metric.hasNonNull("Namespace")) {
                out.add(new AlarmNotification.MetricRef(
                        metric.get("Namespace").asText(),
                        metric.get("MetricName").asText(),
                        stat.path("Period").asInt(period)));
            }
        }
        return out.stream().distinct().toList();
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
