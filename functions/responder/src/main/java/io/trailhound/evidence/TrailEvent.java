package io.trailhound.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.json.Timestamps;
import java.time.Instant;

/**
 * A CloudTrail record that matched the alarm's filter, with where it was found and when it was logged (the
 * time for events that carry no {@code eventTime}, such as non-CloudTrail log lines).
 */
public record TrailEvent(JsonNode record, String origin, Instant loggedAt) {

    /** Text at a path of field names, or null when absent or JSON null. */
    public String text(String... path) {
        JsonNode node = record;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    public String eventId() {
        return text("eventID");
    }

    public Instant eventTime() {
        return Timestamps.parse(text("eventTime")).orElse(loggedAt);
    }
}
