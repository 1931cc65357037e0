package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.detect.Caller;
import io.trailhound.detect.ResourceType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a DeleteSecret or ScheduleKeyDeletion CloudTrail record, wherever it came from. */
public final class ScheduleEvents {
    /** CloudTrail writes deletionDate as "Nov 27, 2026, 4:02:11 PM" (UTC); read by hand, no locale data needed. */
    private static final Pattern CLOUDTRAIL_DATE =
            Pattern.compile("([A-Z][a-z]{2}) (\\d{1,2}), (\\d{4}),? (\\d{1,2}):(\\d{2}):(\\d{2}) ([AP]M)");

    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

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
        Instant at = parseInstant(record.path("eventTime").asText(null));
        String windowField = type.windowField();
        Integer window = req.hasNonNull(windowField)
                ? Integer.valueOf(req.get(windowField).asInt())
                : null;
        Instant deletion = parseInstant(resp.path("deletionDate").asText(null));
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

    static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            Matcher m = CLOUDTRAIL_DATE.matcher(text);
            int month = m.matches() ? MONTHS.indexOf(m.group(1)) + 1 : 0;
            if (month == 0) return null;
            int hour = Integer.parseInt(m.group(4)) % 12 + (m.group(7).equals("PM") ? 12 : 0);
            try {
                return LocalDateTime.of(
                                Integer.parseInt(m.group(3)),
                                month,
                                Integer.parseInt(m.group(2)),
                                hour,
                                Integer.parseInt(m.group(5)),
                                Integer.parseInt(m.group(6)))
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }
}
