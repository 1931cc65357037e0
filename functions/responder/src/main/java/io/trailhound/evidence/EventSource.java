package io.trailhound.evidence;

import io.trailhound.alarm.TimeWindow;
import java.util.function.Consumer;

/**
 * Delivers the candidate events of one metric filter in a window. A source may pre-filter (CloudWatch Logs
 * applies the pattern server-side), but our engine makes the decision.
 */
public interface EventSource {
    /** Feeds candidates to {@code sink}; returns problems met on the way (damaged files), which lose nothing else. */
    java.util.List<String> scan(MetricFilter filter, TimeWindow window, Consumer<RawEvent> sink);
}
