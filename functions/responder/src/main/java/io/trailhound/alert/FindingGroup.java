package io.trailhound.alert;

import io.trailhound.detect.Finding;
import java.time.Instant;
import java.util.List;

/** Events with the same resource, caller, source IP and API: one line of the alert. */
public record FindingGroup(
        Finding first, long count, Instant firstSeen, Instant lastSeen, List<String> exampleEventIds) {
    public FindingGroup {
        exampleEventIds = List.copyOf(exampleEventIds);
    }
}
