package io.trailhound.alert;

import io.trailhound.detect.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups findings by resource x caller x source IP x API as they stream in. Memory is bounded by
 * {@code maxGroups}; events beyond it are still counted, so totals stay exact.
 */
public final class FindingAggregator {
    static final int EXAMPLE_IDS = 3;

    private record Key(Object detection, String resource, String principal, String session, String ip, String api) {
    }

    private static final class Acc {
        final Finding first;
        long count;
        Instant firstSeen;
        Instant lastSeen;
        final List<String> ids = new ArrayList<>(EXAMPLE_IDS);

        Acc(Finding first) {
            this.first = first;
        }
    }

    private final int maxGroups;
    private final Map<Key, Acc> groups = new LinkedHashMap<>();
    private long total;
    private long ungrouped;

    public FindingAggregator(int maxGroups) {
        this.maxGroups = maxGroups;
    }

    public void add(Finding f) {
        total++;
        Key key = new Key(f.detection(), f.resource().id(), f.caller().principal(), f.caller().sessionName(), f.sourceIp(),
                f.eventSource() + ":" + f.eventName());
        Acc acc = groups.get(key);
        if (acc == null) {
            if (groups.size() >= maxGroups) {
                ungrouped++;
                return;
            }
            acc = new Acc(f);
            groups.put(key, acc);
        }
        acc.count++;
        Instant t = f.eventTime();
        if (t != null) {
            if (acc.firstSeen == null || t.isBefore(acc.firstSeen)) acc.firstSeen = t;
            if (acc.lastSeen == null || t.isAfter(acc.lastSeen)) acc.lastSeen = t;
        }
        if (acc.ids.size() < EXAMPLE_IDS && f.eventId() != null && !acc.ids.contains(f.eventId())) {
            acc.ids.add(f.eventId());
        }
    }

    /** Most severe detection first, then the busiest group. */
    public List<FindingGroup> groups() {
        return groups.values().stream()
                .map(a -> new FindingGroup(a.first, a.count, a.firstSeen, a.lastSeen, a.ids))
                .sorted(Comparator.comparingInt((FindingGroup g) -> g.first().detection().severityRank())
                        .thenComparing(Comparator.comparingLong(FindingGroup::count).reversed()))
                .toList();
    }

    public long total() {
        return total;
    }

    /** Events that matched but found no room in a group (more than maxGroups distinct groups). */
    public long ungrouped() {
        return ungrouped;
    }
}
