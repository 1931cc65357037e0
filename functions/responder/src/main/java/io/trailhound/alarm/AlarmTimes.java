package io.trailhound.alarm;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The timestamps CloudWatch writes in alarm notifications ({@code 2026-11-23T10:20:33.123+0000}). */
final class AlarmTimes {
    private AlarmTimes() {}

    /** The instant, or null when the text is missing or not a timestamp (callers say so in the alert). */
    static Instant parse(String text) {
        if (text == null) return null;
        // CloudWatch writes the offset as +0000; ISO-8601 wants +00:00.
        String iso = text.matches(".*[+-]\\d{4}")
                ? text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2)
                : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
