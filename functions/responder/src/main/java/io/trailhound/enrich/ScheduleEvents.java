package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.detect.Caller;
import io.trailhound.detect.ResourceType;
import io.trailhound.json.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a DeleteSecret or ScheduleKeyDeletion CloudTrail record, wherever it came from. */
public final class ScheduleEvents {
    private ScheduleEvents() {}

    /** The newest scheduling among {@code records} for a resource known by any of {@code ids}. */
    public static Optional<Scheduling> newest(List<JsonNode> records, ResourceType type, Set<String> ids) {
        return records.stream()
                .map(r -> read(r, type, ids))
                .flatMap(Optional::stream)
                .filter(s -> s.at() != null)
                .max(Comparator.comparing(Scheduling::at));
    }

    /** The scheduling this record describes, if it is the right event for a resource known by {@code ids}. */
    public static Optional<Scheduling> read(JsonNode record, ResourceType type, Set<String> ids) {
        if (type == ResourceType.NONE
                || !type.schedulingEvent().equals(record.path("eventName").asText())
                || record.hasNonNull("errorCode")) {
            return Optional.empty();
        }
        JsonNode req = record.path("requestParameters");
        JsonNode resp = record.path("responseElements");
        boolean ours = switch (type) {
            case SECRET ->
                ids.contains(req.path("secretId").asText())
                        || ids.contains(resp.path("arn").asText())
                        || ids.contains(resp.path("name").asText());
            case KMS_KEY ->
                ids.contains(type.lookupId(req.path("keyId").asText()))
                        || ids.contains(type.lookupId(resp.path("keyId").asText()));
            case NONE -> false;
        };
        if (!ours) {
            return Optional.empty();
        }
        Instant at = Timestamps.parse(record.path("eventTime").asText(null)).orElse(null);
        String windowField = type.windowField();
        Integer window = req.hasNonNull(windowField)
                ? Integer.valueOf(req.get(windowField).asInt())
                : null;
        Instant deletion =
                Timestamps.parse(resp.path("deletionDate").asText(null)).orElse(null);
        if (deletion == null && at != null) {
            deletion = at.plus(Duration.ofDays(window != null ? window : 30)); // both services default to 30 days
        }
        return Optional.of(new Scheduling(
                Caller.from(record.path("userIdentity")),
                at,
                deletion,
                window,
                record.path("eventID").asText(null),
                record.path("sourceIPAddress").asText(null)));
    }
}
