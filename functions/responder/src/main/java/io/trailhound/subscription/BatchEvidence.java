package io.trailhound.subscription;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.LogBatch;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.budget.Budget;
import io.trailhound.evidence.EventSource;
import io.trailhound.evidence.MetricFilter;
import io.trailhound.evidence.MetricFilterSource;
import io.trailhound.evidence.RawEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A subscription batch seen as an alarm whose evidence is already in hand: the alarm it stands for, its
 * window (the span of its events), the one "filter" (CloudWatch Logs already applied the subscription
 * filter's pattern, so ours matches everything it delivered) and the source that feeds the batch's events
 * to the same collector, detector, enrichment, remediation and alert as an alarm's search does.
 */
public final class BatchEvidence {
    /** CloudWatch Logs' empty pattern matches every event. */
    static final String MATCH_ALL = "";

    public static final String NAMESPACE = "CloudWatch Logs subscription";

    private BatchEvidence() {}

    public static AlarmNotification asAlarm(LogBatch batch) {
        String filter = batch.subscriptionFilters().isEmpty() ? "?" : String.join(", ", batch.subscriptionFilters());
        Instant last = batch.events().stream()
                .map(LogBatch.Event::timestamp)
                .max(Instant::compareTo)
                .orElse(null);
        return new AlarmNotification(
                "subscription filter " + filter + " on " + batch.logGroup(),
                null,
                batch.owner(),
                null,
                "ALARM",
                null,
                batch.events().size() + " matching event(s) delivered by CloudWatch Logs subscription filter " + filter,
                last,
                0,
                0,
                List.of(new AlarmNotification.MetricRef(NAMESPACE, filter, 0)));
    }

    public static TimeWindow window(LogBatch batch) {
        Instant first = batch.events().stream()
                .map(LogBatch.Event::timestamp)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant last = batch.events().stream()
                .map(LogBatch.Event::timestamp)
                .max(Instant::compareTo)
                .orElseThrow();
        return new TimeWindow(
                first,
                last,
                true,
                "the span of the " + batch.events().size() + " event(s) the subscription filter delivered");
    }

    public static MetricFilterSource filters(LogBatch batch) {
        return (metric, budget) -> List.of(
                new MetricFilter(metric.metricName(), batch.logGroup(), MATCH_ALL, NAMESPACE, metric.metricName()));
    }

    /** Feeds the batch's events, whatever the window (the window is theirs). */
    public static EventSource events(LogBatch batch) {
        return (MetricFilter filter, TimeWindow window, Budget budget, Consumer<RawEvent> sink) -> {
            for (LogBatch.Event e : batch.events()) {
                sink.accept(RawEvent.text(e.message(), e.timestamp(), batch.origin()));
            }
            return EventSource.Result.COMPLETE;
        };
    }
}
