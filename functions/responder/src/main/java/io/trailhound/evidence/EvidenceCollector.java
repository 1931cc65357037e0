package io.trailhound.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.pattern.FilterPattern;
import io.trailhound.pattern.FilterPatternException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs every metric filter's pattern over its source's candidates in the window and hands each matching
 * CloudTrail record on once (an event seen through two log groups counts once, by eventID).
 */
public final class EvidenceCollector {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSource source;
    private final int maxDistinctIds;

    public EvidenceCollector(EventSource source, int maxDistinctIds) {
        this.source = source;
        this.maxDistinctIds = maxDistinctIds;
    }

    /** What the scan saw; counts are exact even when the alert shows only a sample. */
    public record Summary(long candidates, long matched, long duplicates, List<String> problems) {
    }

    public Summary collect(List<MetricFilter> filters, TimeWindow window, Consumer<TrailEvent> sink) {
        long[] counts = new long[3]; // candidates, matched, duplicates
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MetricFilter filter : filters) {
            FilterPattern pattern = compileOrNull(filter, problems);
            problems.addAll(source.scan(filter, window, raw -> {
                counts[0]++;
                if (pattern != null && !pattern.matches(raw.message())) {
                    return;
                }
                JsonNode record = parse(raw.message());
                String id = record.path("eventID").asText(null);
                if (id != null && seen.size() < maxDistinctIds && !seen.add(id)) {
                    counts[2]++;
                    return;
                }
                counts[1]++;
                sink.accept(new TrailEvent(record, raw.origin(), filter));
            }));
        }
        return new Summary(counts[0], counts[1], counts[2], problems);
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
            JsonNode node = JSON.readTree(message);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (java.io.IOException ignored) {
            // not a CloudTrail record: keep the text so the alert can still show it
        }
        return JSON.createObjectNode().put("message", message);
    }
}
