package io.trailhound.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * A deletion date as people read it: how long is left, or that it has passed. A date in the past is not "0
 * days left": the deletion may have happened, and the reader must know that before trying to cancel it.
 */
public final class DeletionDate {
    private DeletionDate() {}

    /** "2026-12-20T16:40:00Z (19 day(s) left)", "… (less than a day left)" or "… (passed 5 day(s) ago)". */
    public static String describe(Instant date, Instant now) {
        Duration left = Duration.between(now, date);
        if (!left.isNegative() && !left.isZero()) {
            long days = (left.getSeconds() + 86_399) / 86_400; // rounded up: "1 day left" until the last day
            return date + (left.getSeconds() < 86_400 ? " (less than a day left)" : " (" + days + " day(s) left)");
        }
        long ago = left.negated().getSeconds() / 86_400;
        return date + (ago == 0 ? " (passed less than a day ago)" : " (passed " + ago + " day(s) ago)");
    }

    /** Whether the date is past: the resource may be gone already. */
    public static boolean passed(Instant date, Instant now) {
        return !date.isAfter(now);
    }
}
