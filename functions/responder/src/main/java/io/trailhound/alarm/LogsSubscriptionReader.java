package io.trailhound.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.json.ExpansionLimit;
import io.trailhound.json.Json;
import io.trailhound.json.JsonErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads what a CloudWatch Logs subscription filter hands a Lambda function: {@code {"awslogs":{"data":...}}}
 * where {@code data} is base64 of the gzip of a JSON document with {@code messageType} DATA_MESSAGE (the
 * matching events) or CONTROL_MESSAGE (CloudWatch Logs checking that the destination is reachable). Damaged
 * data is an {@link Delivery.Unreadable} saying which layer is damaged, so it still reaches people.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html">Using CloudWatch Logs subscription filters</a>
 */
final class LogsSubscriptionReader {
    /**
     * Decompressed size above which a batch is refused whatever its compression (CloudWatch Logs delivers at most
     * 1 MB per invocation's payload); a small payload that expands far more is refused sooner, by {@link
     * ExpansionLimit}.
     */
    static final int MAX_DECOMPRESSED = 64 * 1024 * 1024;

    private LogsSubscriptionReader() {}

    static boolean isSubscription(JsonNode root) {
        return root != null && root.isObject() && root.path("awslogs").isObject();
    }

    static Delivery read(JsonNode root) {
        String raw = Json.write(root);
        JsonNode data = root.path("awslogs").path("data");
        if (!data.isTextual()) {
            return unreadable(
                    "a CloudWatch Logs subscription payload whose awslogs.data is missing or not a string", raw);
        }
        byte[] gzip;
        try {
            gzip = Base64.getMimeDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            return unreadable(
                    "a CloudWatch Logs subscription payload whose awslogs.data is not base64: " + e.getMessage(), raw);
        }
        String json;
        try (InputStream in = ExpansionLimit.gunzip(new ByteArrayInputStream(gzip), gzip.length, 8192)) {
            byte[] bytes = in.readNBytes(MAX_DECOMPRESSED + 1);
            if (bytes.length > MAX_DECOMPRESSED) {
                return unreadable(
                        "a CloudWatch Logs subscription payload that decompresses to more than " + MAX_DECOMPRESSED
                                + " bytes",
                        raw);
            }
            json = new String(bytes, StandardCharsets.UTF_8);
        } catch (ExpansionLimit.Exceeded e) {
            return unreadable(
                    "a CloudWatch Logs subscription payload whose awslogs.data was not decompressed: " + e.getMessage(),
                    raw);
        } catch (IOException e) {
            return unreadable(
                    "a CloudWatch Logs subscription payload whose awslogs.data is not gzip data (" + e.getMessage()
                            + ")",
                    raw);
        }
        JsonNode doc;
        try {
            doc = Json.parse(json);
        } catch (JsonProcessingException e) {
            return unreadable(
                    "a CloudWatch Logs subscription payload whose decompressed data is not JSON: "
                            + JsonErrors.describe(e),
                    json);
        }
        if (doc == null || !doc.isObject()) {
            return unreadable(
                    "a CloudWatch Logs subscription payload whose decompressed data is not a JSON object", json);
        }
        String type = doc.path("messageType").asText("");
        if (type.equals("CONTROL_MESSAGE")) {
            return new Delivery.Control(null, doc.path("logGroup").asText(null));
        }
        if (!type.equals("DATA_MESSAGE")) {
            return unreadable(
                    "a CloudWatch Logs subscription payload of messageType '" + type
                            + "' (expected DATA_MESSAGE or CONTROL_MESSAGE)",
                    json);
        }
        if (!doc.path("logGroup").isTextual() || !doc.path("logEvents").isArray()) {
            return unreadable("a CloudWatch Logs DATA_MESSAGE without logGroup or logEvents", json);
        }
        List<LogBatch.Event> events = new ArrayList<>();
        for (JsonNode e : doc.get("logEvents")) {
            if (!e.path("message").isTextual() || !e.path("timestamp").canConvertToLong()) {
                return unreadable(
                        "a CloudWatch Logs DATA_MESSAGE with a log event that has no message or timestamp", json);
            }
            events.add(new LogBatch.Event(
                    e.path("id").asText(null),
                    Instant.ofEpochMilli(e.get("timestamp").asLong()),
                    e.get("message").asText()));
        }
        List<String> filters = new ArrayList<>();
        doc.path("subscriptionFilters").forEach(f -> filters.add(f.asText()));
        LogBatch batch = new LogBatch(
                doc.path("owner").asText(null),
                doc.get("logGroup").asText(),
                doc.path("logStream").asText(""),
                filters,
                events);
        return new Delivery.Batch(batchId(batch), batch);
    }

    /** A redelivered batch repeats its events' ids; the first and last with the stream stand for the batch. */
    private static String batchId(LogBatch batch) {
        if (batch.events().isEmpty() || batch.events().get(0).id() == null) {
            return null;
        }
        return "logs:" + batch.logGroup() + "|" + batch.logStream() + "|"
                + batch.events().get(0).id() + "|"
                + batch.events().get(batch.events().size() - 1).id();
    }

    private static Delivery unreadable(String reason, String message) {
        return new Delivery.Unreadable(null, reason, "CloudWatch Logs subscription", message);
    }
}
