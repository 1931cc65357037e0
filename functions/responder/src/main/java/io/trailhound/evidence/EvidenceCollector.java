package io.trailhound.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.json.Json;
import io.trailhound.pattern.FilterPattern;
import io.trailhound.pattern.FilterPatternException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs every metric filter's pattern over its source's candidates in the window and hands each matching
 * CloudTrail record on once (an event seen through two log groups counts once, by eventID). A deadline
 * stops the scan early; what was seen until then is kept and the summary says it is partial.
 */
public final class EvidenceCollector {
    /** How often (in candidates) the deadline is looked at: often enough, without a clock read per event. */
    static final int DEADLINE_CHECK_EVERY = 64;

    private final EventSource source;
    private final int maxDistinctIds;
    private final Clock clock;

    public EvidenceCollector(EventSource source, int maxDistinctIds, Clock clock) {
        this.source = source;
        this.maxDistinctIds = maxDistinctIds;
        this.clock = clock;
    }

    /**
     * What the scan saw; counts are exact even when the alert shows only a sample. {@code partial} means the
     * deadline stopped the scan: the counts are what was seen until then.
     */
    public record Summary(long candidates, long matched, long duplicates, List<String> problems, boolean partial) {
        public Summary {
            problems = List.copyOf(problems);
        }
    }

    /** Scans every filter's events until done or until {@code deadline} (null: no deadline). */
    public Summary collect(List<MetricFilter> filters, TimeWindow window, Instant deadline, Consumer<TrailEvent> sink) {
        Scan scan = new Scan(deadline, sink);
        try {
            for (MetricFilter filter : filters) {
                scan.checkDeadline();
                FilterPattern pattern = compileOrNull(filter, scan.problems);
                scan.problems.addAll(source.scan(filter, window, raw -> scan.accept(raw, pattern)));
            }
        } catch (DeadlineReached stop) {
            scan.problems.add("the scan stopped at its deadline after " + scan.candidateCount.get()
                    + " candidate event(s): the findings are partial");
            return scan.summary(true);
        }
        return scan.summary(false);
    }

    /** The state of one collect() call; sources may call {@link #accept} from several threads. */
    private final class Scan {
        final Instant deadline;
        final Consumer<TrailEvent> sink;
        final List<String> problems = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final AtomicLong candidateCount = new AtomicLong();
        long matched;
        long duplicates;

        Scan(Instant deadline, Consumer<TrailEvent> sink) {
            this.deadline = deadline;
            this.sink = sink;
        }

        void accept(RawEvent raw, FilterPattern pattern) {
            if (candidateCount.incrementAndGet() % DEADLINE_CHECK_EVERY == 0) {
                checkDeadline();
            }
            boolean hit = pattern == null
                    || (raw.record() != null ? pattern.matches(raw.record()) : pattern.matches(raw.message()));
            if (!hit) {
                return;
            }
            JsonNode record = raw.record() != null ? raw.record() : parse(raw.message());
            String id = record.path("eventID").asText(null);
            synchronized (this) {
                if (id != null && seen.size() < maxDistinctIds && !seen.add(id)) {
                    duplicates++;
                    return;
                }
                matched++;
                sink.accept(new TrailEvent(record, raw.origin(), raw.timestamp()));
            }
        }

        void checkDeadline() {
            if (deadline != null && clock.instant().isAfter(deadline)) {
                throw new DeadlineReached();
            }
        }

        synchronized Summary summary(boolean partial) {
            return new Summary(candidateCount.get(), matched, duplicates, problems, partial);
        }
    }

    /** Thrown from the sink to stop a source mid-scan when the deadline passes. */
    private static final class DeadlineReached extends RuntimeException {
        DeadlineReached() {
            super(null, null, false, false);
        }
    }

    /** A pattern CloudWatch accepted but our engine cannot read: fall back to CloudWatch's own filtering. */
    private static FilterPattern compileOrNull(MetricFilter filter, List<String> problems) {
        try {
            return FilterPattern.compile(filter.pattern());
        } catch (FilterPatternException e) {
            problems.add("metric filter '" + filter.filterName() + "': " + e.getMessage()
                    + "; relying on CloudWatch Logs' own filtering for it");
            return null;
        }
    }

    private static JsonNode parse(String message) {
        try {
            JsonNode node = Json.parse(message);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (java.io.IOException ignored) {
            // not a CloudTrail record: keep the text so the alert can still show it
        }
        return Json.object().put("message", message);
    }
}
