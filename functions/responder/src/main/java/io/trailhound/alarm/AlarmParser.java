package io.trailhound.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.config.Arn;
import io.trailhound.evidence.JsonErrors;
import io.trailhound.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parses the alarm JSON that CloudWatch puts in the SNS {@code Message}; anything else is a specific error. */
public final class AlarmParser {

    private AlarmParser() {
    }

    public static AlarmNotification parse(String message) {
        if (message == null || message.isBlank()) {
            throw new AlarmParseException("the SNS message is empty");
        }
        JsonNode root;
        try {
            root = Json.parse(message);
        } catch (JsonProcessingException e) {
            String head = message.strip();
            throw new AlarmParseException(head.startsWith("{")
                    ? "the SNS message is truncated or malformed JSON: " + JsonErrors.describe(e)
                    : "the SNS message is not JSON, so it is not a CloudWatch alarm notification");
        }
        if (root == null || !root.isObject()) {
            throw new AlarmParseException("the SNS message is JSON but not an object, so it is not a CloudWatch alarm notification");
        }
        if (!root.hasNonNull("AlarmName") || !root.hasNonNull("NewStateValue")) {
            throw new AlarmParseException("the SNS message is not a CloudWatch alarm notification (no AlarmName/NewStateValue)");
        }
        JsonNode trigger = root.path("Trigger");
        if (!trigger.isObject()) {
            throw new AlarmParseException("alarm '" + root.get("AlarmName").asText() + "' has no Trigger, so its metric is unknown");
        }
        int period = trigger.path("Period").asInt(0);
        int evaluationPeriods = Math.max(1, trigger.path("EvaluationPeriods").asInt(1));
        List<AlarmNotification.MetricRef> metrics = metrics(trigger, period);
        if (metrics.isEmpty()) {
            throw new AlarmParseException("alarm '" + root.get("AlarmName").asText() + "' names no metric in its Trigger");
        }
        String arn = text(root, "AlarmArn");
        return new AlarmNotification(
                root.get("AlarmName").asText(),
                arn,
                text(root, "AWSAccountId"),
                Arn.regionOf(arn), // the message's "Region" is a display name, the ARN has the code
                root.get("NewStateValue").asText(),
                text(root, "OldStateValue"),
                text(root, "NewStateReason"),
                stateChangeTime(text(root, "StateChangeTime")),
                period,
                evaluationPeriods,
                metrics);
    }

    private static List<AlarmNotification.MetricRef> metrics(JsonNode trigger, int period) {
        List<AlarmNotification.MetricRef> out = new ArrayList<>();
        if (trigger.hasNonNull("MetricName") && trigger.hasNonNull("Namespace")) {
            out.add(new AlarmNotification.MetricRef(trigger.get("Namespace").asText(), trigger.get("MetricName").asText(), period));
        }
        for (JsonNode m : trigger.path("Metrics")) { // metric-math alarm: every MetricStat
            JsonNode stat = m.path("MetricStat");
            JsonNode metric = stat.path("Metric");
            if (metric.hasNonNull("MetricName") && metric.hasNonNull("Namespace")) {
                out.add(new AlarmNotification.MetricRef(metric.get("Namespace").asText(), metric.get("MetricName").asText(),
                        stat.path("Period").asInt(period)));
            }
        }
        return out.stream().distinct().toList();
    }

    private static Instant stateChangeTime(String text) {
        if (text == null) return null;
        // CloudWatch writes 2026-11-23T10:20:33.123+0000; ISO-8601 wants the offset as +00:00.
        String iso = text.matches(".*[+-]\\d{4}") ? text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw new AlarmParseException("StateChangeTime '" + text + "' is not a timestamp");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
