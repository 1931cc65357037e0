package io.trailhound.alert;

import io.trailhound.detect.Finding;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Events with the same resource, caller, source IP and API: one line of the alert. {@code perMinute} counts
 * them per minute (the minute's start), the earliest {@link FindingAggregator#MAX_MINUTES} minutes that had
 * events; {@code laterEvents} are those in later minutes, counted but not drawn.
 */
public record FindingGroup(
        Finding first,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        List<String> exampleEventIds,
        SortedMap<Instant, Long> perMinute,
        long laterEvents) {
    public FindingGroup {
        exampleEventIds = List.copyOf(exampleEventIds);
        perMinute = Collections.unmodifiableSortedMap(new TreeMap<>(perMinute));
    }

    /** A group without its minutes (tests, and what knows no times). */
    public FindingGroup(Finding first, long count, Instant firstSeen, Instant lastSeen, List<String> exampleEventIds) {
        this(first, count, firstSeen, lastSeen, exampleEventIds, new TreeMap<>(), 0);
    }
}
