package io.trailhound.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.budget.Budget;
import io.trailhound.json.Json;
import io.trailhound.pattern.FilterPattern;
import io.trailhound.pattern.FilterPatternException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs every metric filter's pattern over its source's candidates in the window and hands each matching
 * CloudTrail record on once (an event seen through two log groups counts once, by eventID). The budget
 * stops the scan early; what was seen until then is kept and the summary says it is partial, and which
 * sources were not fully read.
 */
public final class EvidenceCollector {
    /** How often (in candidates) the deadline is looked at: often enough, without a clock read per event. */
    static final int DEADLINE_CHECK_EVERY = 64;

    private final EventSource source;
    private final int maxDistinctIds;

    public EvidenceCollector(EventSource source, int maxDistinctIds) {
        this.source = source;
        this.maxDistinctIds = maxDistinctIds;
    }

    /**
     * What the scan saw; counts are exact even when the alert shows only a sample. {@code partial} means the
     * search did not finish (the budget ran out, or a source could not be fully read): the counts are what
     * was seen; {@code notFullyRead} names the log groups (or other sources) concerned.
     */
    public record Summary(
            long candidates,
            long matched,
            long duplicates,
            List<String> problems,
            boolean partial,
            List<String> notFullyRead) {
        public Summary {
            problems = List.copyOf(problems);
            notFullyRead = List.copyOf(notFullyRead);
        }
    }

    /** Scans every filter's events until done or until the budget runs out. */
    public Summary collect(List<MetricFilter> filters, TimeWindow window, Budget budget, Consumer<TrailEvent> sink) {
        Scan scan = new Scan(budget, sink);
        int started = 0;
        try {
            for (MetricFilter filter : filters) {
                scan.checkDeadline();
                started++;
                FilterPattern pattern = compileOrNull(filter, scan.problems);
                EventSource.Result result = source.scan(filter, window, budget, raw -> scan.accept(raw, pattern));
                scan.problems.addAll(result.problems());
                if (!result.complete()) {
                    scan.notFullyRead.add(sourceName(filter));
                }
            }
            scan.checkDeadline(); // a source may have stopped itself at the deadline
        } catch (DeadlineReached stop) {
            for (MetricFilter f : filters.subList(Math.max(0, started - 1), filters.size())) {
                if (!scan.notFullyRead.contains(sourceName(f))) {
                    scan.notFullyRead.add(sourceName(f));
                }
            }
            scan.problems.add("the scan stopped at its deadline after " + scan.candidateCount.get()
                    + " candidate event(s): the findings are partial");
            return scan.summary(true);
        }
        return scan.summary(!scan.notFullyRead.isEmpty());
    }

    private static String sourceName(MetricFilter f) {
        return f.logGroupName() != null ? f.logGroupName() : f.filterName();
    }

    /** The state of one collect() call; sources may call {@link #accept} from several threads. */
    private final class Scan {
        final Budget budget;
        final Consumer<TrailEvent> sink;
        final List<String> problems = new ArrayList<>();
        final List<String> notFullyRead = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final AtomicLong candidateCount = new AtomicLong();
        long matched;
        long duplicates;

        Scan(Budget budget, Consumer<TrailEvent> sink) {
            this.budget = budget;
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
            if (budget.expired()) {
                throw new DeadlineReached();
            }
        }

        synchronized Summary summary(boolean partial) {
            return new Summary(candidateCount.get(), matched, duplicates, problems, partial, notFullyRead);
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
