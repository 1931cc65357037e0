package io.trailhound.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One log event as a source delivers it, before the filter pattern decides: the message text, or, from
 * CloudTrail files, the record already parsed (then {@code message} is null and is rendered only if a
 * non-JSON pattern needs it).
 */
public record RawEvent(String message, JsonNode record, Instant timestamp, String origin) {
    public static RawEvent text(String message, Instant timestamp, String origin) {
        return new RawEvent(message, null, timestamp, origin);
    }

    public static RawEvent parsed(JsonNode record, Instant timestamp, String origin) {
        return new RawEvent(null, record, timestamp, origin);
    }
}
