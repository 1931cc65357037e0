package io.trailhound.evidence;

import io.trailhound.alarm.AlarmNotification.MetricRef;
import io.trailhound.budget.Budget;
import java.util.List;

/** Finds every metric filter that publishes to a metric. */
public interface MetricFilterSource {
    List<MetricFilter> filtersFor(MetricRef metric, Budget budget);
}
