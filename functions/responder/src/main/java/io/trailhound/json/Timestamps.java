package io.trailhound.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of the timestamps AWS writes as text: ISO-8601 ({@code 2026-11-23T10:15:05Z}, or with an
 * offset), CloudWatch alarm notifications' offset without a colon ({@code 2026-11-23T10:20:33.123+0000}), and
 * CloudTrail's {@code deletionDate} ({@code Nov 27, 2026, 4:02:11 PM}, UTC). Empty when the text is missing
 * or none of these: callers say so in the alert rather than guess.
 */
public final class Timestamps {
    /** Read by hand, so no locale data is needed. */
    private static final Pattern CLOUDTRAIL_DATE =
            Pattern.compile("([A-Z][a-z]{2}) (\\d{1,2}), (\\d{4}),? (\\d{1,2}):(\\d{2}):(\\d{2}) ([AP]M)");

    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile(".*[+-]\\d{4}");

    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private Timestamps() {}

    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text)); // CloudTrail's eventTime: the common case, tried first
        } catch (DateTimeParseException e) {
            return offsetWithoutColon(text).or(() -> cloudTrailDate(text));
        }
    }

    /** ISO-8601 wants +00:00 where CloudWatch writes +0000. */
    private static Optional<Instant> offsetWithoutColon(String text) {
        String iso = OFFSET_WITHOUT_COLON.matcher(text).matches()
                ? text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2)
                : text;
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> cloudTrailDate(String text) {
        Matcher m = CLOUDTRAIL_DATE.matcher(text);
        int month = m.matches() ? MONTHS.indexOf(m.group(1)) + 1 : 0;
        if (month == 0) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(4)) % 12 + (m.group(7).equals("PM") ? 12 : 0);
        try {
            return Optional.of(LocalDateTime.of(
                            Integer.parseInt(m.group(3)),
                            month,
                            Integer.parseInt(m.group(2)),
                            hour,
                            Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)))
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
