package io.trailhound.publish;

import java.time.Instant;

/**
 * What is kept of a Security Hub finding across alerts (in the idempotency table): how many alerts updated it,
 * when its first event was seen and when it was first imported. Events are not summed: consecutive alarm
 * windows overlap, so two alerts may count the same event.
 */
public interface FindingHistory {
    record Observed(long alerts, Instant firstSeen, Instant createdAt) {}

    /**
     * Counts one more alert for finding {@code key} and returns what is kept; the first alert's {@code
     * firstSeen} and {@code now} stay.
     */
    Observed observe(String key, Instant firstSeen, Instant now);

    /** Nothing kept (no table): each alert stands alone. */
    FindingHistory NONE = (key, firstSeen, now) -> new Observed(1, firstSeen, now);
}
