package io.trailhound.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.aws.Regions;
import io.trailhound.json.Json;
import io.trailhound.json.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the two documented payloads that describe an alarm state change in camelCase: the EventBridge
 * event {@code "detail-type": "CloudWatch Alarm State Change"} (its {@code detail}) and the payload a
 * CloudWatch alarm's Lambda action sends ({@code "source": "aws.cloudwatch"}, {@code alarmData}). Both carry
 * {@code alarmName}, {@code state}/{@code previousState} and {@code configuration}: {@code metrics} for a
 * metric or metric-math alarm, {@code alarmRule} for a composite, whose triggering children are in
 * {@code state.reasonData} (a JSON string).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html">Alarm events and EventBridge</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#Lambda-action-payload">Lambda alarm action payload</a>
 */
final class StateChangeParser {
    private StateChangeParser() {}

    /** The event's alarm data: {@code detail} (EventBridge) or {@code alarmData} (Lambda action); missing node if neither. */
    static JsonNode data(JsonNode event) {
        return event.path("detail").isObject() ? event.path("detail") : event.path("alarmData");
    }

    static AlarmNotification read(JsonNode event) {
        JsonNode data = data(event);
        JsonNode state = data.path("state");
        JsonNode config = data.path("configuration");
        String name = data.path("alarmName").asText();
        if (!state.path("value").isTextual()) {
            throw new AlarmParseException("the CloudWatch alarm state change for '" + name + "' has no state.value");
        }
        AlarmNotification.Composite composite = config.hasNonNull("alarmRule")
                ? CompositeRule.of(
                        config.get("alarmRule").asText(), reasonData(state).path("triggeringAlarms"))
                : null;
        List<AlarmNotification.MetricRef> metrics = new ArrayList<>();
        for (JsonNode m : config.path("metrics")) {
            JsonNode stat = m.path("metricStat");
            JsonNode metric = stat.path("metric");
            if (metric.hasNonNull("namespace") && metric.hasNonNull("name")) {
                metrics.add(new AlarmNotification.MetricRef(
                        metric.get("namespace").asText(),
                        metric.get("name").asText(),
                        stat.path("period").asInt(0)));
            }
        }
        String arn = event.hasNonNull("alarmArn")
                ? event.get("alarmArn").asText()
                : event.path("resources").path(0).asText(null);
        String region = event.path("region").asText(null);
        String time = AlarmParser.text(state, "timestamp");
        if (time == null) {
            time = AlarmParser.text(event, "time");
        }
        return new AlarmNotification(
                name,
                arn,
                event.hasNonNull("accountId")
                        ? event.get("accountId").asText()
                        : event.path("account").asText(null),
                Regions.isCode(region) ? region : AlarmParser.region(arn, null),
                state.get("value").asText(),
                data.path("previousState").path("value").asText(null),
                AlarmParser.text(state, "reason"),
                Timestamps.parse(time).orElse(null),
                metrics.stream()
                        .mapToInt(AlarmNotification.MetricRef::periodSeconds)
                        .max()
                        .orElse(0),
                Math.max(1, config.path("evaluationPeriods").asInt(1)),
                metrics.stream().distinct().toList(),
                composite,
                time != null && Timestamps.parse(time).isEmpty() ? time : null);
    }

    /** {@code reasonData} is JSON inside a string; unreadable or absent reads as empty. */
    private static JsonNode reasonData(JsonNode state) {
        JsonNode data = state.path("reasonData");
        if (data.isObject()) {
            return data;
        }
        try {
            JsonNode parsed = data.isTextual() ? Json.parse(data.asText()) : null;
            return parsed == null ? Json.object() : parsed;
        } catch (Exception e) {
            return Json.object();
        }
    }
}
