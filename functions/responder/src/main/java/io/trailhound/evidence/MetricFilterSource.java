package io.trailhound.evidence;

import io.trailhound.alarm.AlarmNotification.MetricRef;
import io.trailhound.budget.Budget;
import java.util.List;

/** Finds every metric filter that publishes to a metric. */
public interface MetricFilterSource {
    /** @throws Failed when the service could not say (the alert then notes why) */
    List<MetricFilter> filtersFor(MetricRef metric, Budget budget);

    /** The service's answer was a failure; the message says which call failed and how, for the alert's notes. */
    final class Failed extends RuntimeException {
        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
