package io.trailhound.alert;

import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups findings by resource (and its Region and account) x caller x source IP x API as they stream in. Memory is bounded by
 * {@code maxGroups}; events beyond it are still counted, so totals stay exact. The result does not depend
 * on arrival order (files are read in parallel): a group shows its earliest event, and the example IDs
 * are those of its earliest events.
 */
public final class FindingAggregator {
    private static final Comparator<Finding> EARLIEST = Finding.EARLIEST;

    /**
     * Ranked by risk, not by count, so that busy harmless groups (decoys) cannot push the one that matters
     * out of view: most severe detection first, then remediation candidates, write APIs, long-term root
     * keys; only then the busiest group, and the earliest event for a stable order.
     */
    static final Comparator<FindingGroup> BY_RISK = Comparator.comparingInt(
                    (FindingGroup g) -> g.first().detection().severityRank())
            .thenComparing(g -> g.first().resource().type() == ResourceType.NONE)
            .thenComparing(g -> !g.first().writeApi())
            .thenComparing(g -> !usesLongTermRootKey(g))
            .thenComparing(Comparator.comparingLong(FindingGroup::count).reversed())
            .thenComparing(FindingGroup::first, EARLIEST);

    static final int EXAMPLE_IDS = 3;
    /** Minutes counted per group: three hours of a busy window, a few KB per group at most. */
    static final int MAX_MINUTES = 180;

    private record Key(
            Object detection,
            String resource,
            String region,
            String account,
            String principal,
            String session,
            String ip,
            String api) {}

    private static final class Acc {
        Finding first;
        long count;
        Instant firstSeen;
        Instant lastSeen;
        final List<Finding> earliest = new ArrayList<>(EXAMPLE_IDS + 1); // sorted by EARLIEST
        final TreeMap<Instant, Long> perMinute = new TreeMap<>();
        long laterEvents;

        Acc(Finding first) {
            this.first = first;
        }

        /**
         * The earliest MAX_MINUTES minutes are kept whatever the arrival order (files are read in parallel): a
         * minute earlier than the last kept one displaces it, and its events become later events.
         */
        void countMinute(Instant minute) {
            if (perMinute.containsKey(minute) || perMinute.size() < MAX_MINUTES) {
                perMinute.merge(minute, 1L, Long::sum);
            } else if (minute.isBefore(perMinute.lastKey())) {
                laterEvents += perMinute.pollLastEntry().getValue();
                perMinute.put(minute, 1L);
            } else {
                laterEvents++;
            }
        }

        void add(Finding f) {
            count++;
            if (EARLIEST.compare(f, first) < 0) {
                first = f;
            }
            Instant t = f.eventTime();
            if (t != null) {
                if (firstSeen == null || t.isBefore(firstSeen)) {
                    firstSeen = t;
                }
                if (lastSeen == null || t.isAfter(lastSeen)) {
                    lastSeen = t;
                }
                countMinute(t.truncatedTo(ChronoUnit.MINUTES));
            }
            if (f.eventId() == null
                    || earliest.stream().anyMatch(e -> f.eventId().equals(e.eventId()))) {
                return;
            }
            int at = 0;
            while (at < earliest.size() && EARLIEST.compare(earliest.get(at), f) <= 0) {
                at++;
            }
            if (at < EXAMPLE_IDS) {
                earliest.add(at, f);
                if (earliest.size() > EXAMPLE_IDS) {
                    earliest.remove(EXAMPLE_IDS);
                }
            }
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
        Key key = new Key(
                f.detection(),
                f.resource().id(),
                f.resource().region(),
                f.resource().account(),
                f.caller().principal(),
                f.caller().sessionName(),
                f.sourceIp(),
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
        acc.add(f);
    }

    public List<FindingGroup> groups() {
        return groups.values().stream()
                .map(a -> new FindingGroup(
                        a.first,
                        a.count,
                        a.firstSeen,
                        a.lastSeen,
                        a.earliest.stream().map(Finding::eventId).toList(),
                        a.perMinute,
                        a.laterEvents))
                .sorted(BY_RISK)
                .toList();
    }

    private static boolean usesLongTermRootKey(FindingGroup g) {
        return g.first().root() != null && g.first().root().longTermAccessKey();
    }

    public long total() {
        return total;
    }

    /** Events that matched but found no room in a group (more than maxGroups distinct groups). */
    public long ungrouped() {
        return ungrouped;
    }
}
