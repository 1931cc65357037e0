package io.trailhound.alarm;

import java.time.Instant;

/** The span in which the events that breached the alarm were logged; {@code note} says how it was derived. */
public record TimeWindow(Instant start, Instant end, boolean fromDatapoints, String note) {
    public TimeWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends before it starts: " + start + " .. " + end);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && !t.isAfter(end);
    }
}
