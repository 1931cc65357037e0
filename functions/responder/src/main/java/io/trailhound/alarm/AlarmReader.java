package io.trailhound.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.json.Json;
import io.trailhound.json.JsonErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader for every shape in which an alarm reaches Trailhound:
 * <ul>
 *   <li>Lambda's SNS event ({@code Records[].Sns.Message}), and Lambda's SQS event whose bodies are SNS
 *       messages (raw or not);</li>
 *   <li>the SNS JSON that HTTP(S) and SQS subscribers receive ({@code "Type": "Notification"}, {@code Message});</li>
 *   <li>in any of these, or alone: the alarm message CloudWatch publishes to SNS (metric, metric-math,
 *       composite), or an EventBridge "CloudWatch Alarm State Change" event (a rule may target the topic);</li>
 *   <li>the payload of a CloudWatch alarm's Lambda action ({@code "source": "aws.cloudwatch"}, {@code alarmData});</li>
 *   <li>a CloudWatch Logs subscription filter's batch ({@code awslogs.data}, see {@link LogsSubscriptionReader}).</li>
 * </ul>
 * Anything else becomes an {@link Delivery.Unreadable} whose reason names what it is (subscription
 * confirmation, configuration change, plain text, ...). The name is for people only: nothing is acted on
 * because of it.
 *
 * @see <a href="https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html">SNS message and JSON formats</a>
 */
public final class AlarmReader {
    static final String STATE_CHANGE = "CloudWatch Alarm State Change";
    static final String CONFIGURATION_CHANGE = "CloudWatch Alarm Configuration Change";

    private AlarmReader() {}

    /** What the Lambda runtime hands over: always JSON, but read defensively. */
    public static List<Delivery> read(String input) {
        if (input == null || input.isBlank()) {
            return List.of(new Delivery.Unreadable(null, "the event is empty", null, input));
        }
        try {
            return read(Json.parse(input));
        } catch (JsonProcessingException e) {
            return List.of(
                    new Delivery.Unreadable(null, "the event is not JSON: " + JsonErrors.describe(e), null, input));
        }
    }

    /** Every notification in a parsed event, in order. An SNS event without records yields none. */
    public static List<Delivery> read(JsonNode root) {
        if (LogsSubscriptionReader.isSubscription(root)) {
            return List.of(LogsSubscriptionReader.read(root));
        }
        if (root != null && root.isObject() && root.path("Records").isArray()) {
            List<Delivery> out = new ArrayList<>();
            for (JsonNode record : root.get("Records")) {
                out.add(record(record));
            }
            return out;
        }
        return List.of(
                root != null && root.isObject() && root.has("Type") && root.has("MessageId")
                        ? snsBody(root)
                        : document(null, null, root, Json.write(root)));
    }

    private static Delivery record(JsonNode record) {
        JsonNode sns = record.path("Sns");
        if (sns.isObject()) {
            return sns(
                    sns.path("MessageId").asText(null),
                    sns.path("Subject").asText(null),
                    sns.path("Message"),
                    sns.path("MessageAttributes"));
        }
        if ("aws:sqs".equals(record.path("eventSource").asText())) {
            String id = record.path("messageId").asText(null);
            JsonNode body = record.path("body");
            JsonNode parsed = parseOrNull(body.asText(""));
            if (parsed != null && parsed.isObject() && parsed.has("Type") && parsed.has("MessageId")) {
                return snsBody(parsed); // an SNS subscription without raw message delivery
            }
            return message(id, null, body.asText(null), record.path("messageAttributes"));
        }
        return new Delivery.Unreadable(
                null,
                "a record's Sns.Message is missing or not a string, so it is not an SNS event",
                null,
                Json.write(record));
    }

    /** The top-level SNS JSON of HTTP(S) and SQS subscribers. */
    private static Delivery snsBody(JsonNode body) {
        String id = body.path("MessageId").asText(null);
        String type = body.path("Type").asText();
        String subject = body.path("Subject").asText(null);
        return switch (type) {
            case "Notification" -> sns(id, subject, body.path("Message"), body.path("MessageAttributes"));
            case "SubscriptionConfirmation" ->
                new Delivery.Unreadable(
                        id,
                        "an SNS subscription confirmation (topic "
                                + body.path("TopicArn").asText("?") + "), not a CloudWatch alarm notification",
                        subject,
                        body.path("Message").asText(null));
            case "UnsubscribeConfirmation" ->
                new Delivery.Unreadable(
                        id,
                        "an SNS unsubscribe confirmation (topic "
                                + body.path("TopicArn").asText("?") + "), not a CloudWatch alarm notification",
                        subject,
                        body.path("Message").asText(null));
            default ->
                new Delivery.Unreadable(
                        id,
                        "an SNS message of type '" + type + "', not a CloudWatch alarm notification",
                        subject,
                        body.path("Message").asText(null));
        };
    }

    private static Delivery sns(String id, String subject, JsonNode message, JsonNode attributes) {
        if (!message.isTextual()) {
            return new Delivery.Unreadable(
                    id, "a record's Sns.Message is missing or not a string, so it is not an SNS event", subject, null);
        }
        return message(id, subject, message.asText(), attributes);
    }

    /** One SNS (or SQS) message: ours, an alarm in one of its shapes, or something named for what it is. */
    private static Delivery message(String id, String subject, String text, JsonNode attributes) {
        if ((attributes != null && attributes.has(OwnMessage.ORIGIN_ATTRIBUTE))
                || (text != null && text.startsWith(OwnMessage.JSON_PREFIX))) {
            return new Delivery.Own(id);
        }
        if (text == null || text.isBlank()) {
            return new Delivery.Unreadable(id, "the SNS message is empty", subject, text);
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            String head = text.strip();
            String reason = head.startsWith("{")
                    ? "the SNS message is truncated or malformed JSON: " + JsonErrors.describe(e)
                    : PlainText.describe(text, subject, attributes);
            return new Delivery.Unreadable(id, reason, subject, text);
        }
        return document(id, subject, root, text);
    }

    /** A JSON document that should be an alarm: the SNS alarm message or a camelCase state change. */
    private static Delivery document(String id, String subject, JsonNode root, String text) {
        if (root != null && "trailhound".equals(root.path("source").asText())) {
            return new Delivery.Own(id);
        }
        try {
            if (root != null && root.isTextual()) {
                return new Delivery.Unreadable(
                        id, PlainText.describe(root.asText(), subject, null), subject, root.asText());
            }
            if (root == null || !root.isObject()) {
                return new Delivery.Unreadable(
                        id,
                        "the SNS message is JSON but not an object, so it is not a CloudWatch alarm notification",
                        subject,
                        text);
            }
            if (AlarmParser.isAlarmMessage(root)) {
                return new Delivery.Alarm(id, AlarmParser.read(root));
            }
            String detailType = root.path("detail-type").asText("");
            if (detailType.equals(CONFIGURATION_CHANGE)) {
                JsonNode detail = root.path("detail");
                return new Delivery.Unreadable(
                        id,
                        "a CloudWatch alarm configuration change ("
                                + detail.path("operation").asText("?") + ") of '"
                                + detail.path("alarmName").asText("?") + "', not a state change",
                        subject,
                        text);
            }
            boolean stateChange = detailType.equals(STATE_CHANGE)
                    || ("aws.cloudwatch".equals(root.path("source").asText())
                            && root.path("alarmData").isObject());
            if (stateChange && StateChangeParser.data(root).isObject()) {
                AlarmNotification alarm = StateChangeParser.read(root);
                return new Delivery.Alarm(id != null ? id : stateChangeId(root, alarm), alarm);
            }
            return new Delivery.Unreadable(
                    id,
                    "a JSON object that is not a CloudWatch alarm notification (no AlarmName/NewStateValue,"
                            + " no alarm state change)",
                    subject,
                    text);
        } catch (AlarmParseException e) {
            return new Delivery.Unreadable(id, e.getMessage(), subject, text);
        }
    }

    /**
     * An EventBridge event has an id; the alarm action's payload does not, so its alarm and the time of the
     * state change stand for one (a retried invocation repeats both; a new transition changes the time).
     */
    private static String stateChangeId(JsonNode root, AlarmNotification alarm) {
        if (root.hasNonNull("id")) {
            return root.get("id").asText();
        }
        String time =
                StateChangeParser.data(root).path("state").path("timestamp").asText(null);
        return alarm.alarmArn() == null || time == null ? null : alarm.alarmArn() + "@" + time;
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
