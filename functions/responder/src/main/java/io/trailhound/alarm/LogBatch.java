package io.trailhound.alarm;

import java.time.Instant;
import java.util.List;

/**
 * The events one CloudWatch Logs subscription filter delivered in one invocation (a DATA_MESSAGE): the
 * account that owns the log group, where they were logged, the filter(s) that matched, and the events.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html">Using CloudWatch Logs subscription filters</a>
 */
public record LogBatch(
        String owner, String logGroup, String logStream, List<String> subscriptionFilters, List<Event> events) {
    public LogBatch {
        subscriptionFilters = List.copyOf(subscriptionFilters);
        events = List.copyOf(events);
    }

    public record Event(String id, Instant timestamp, String message) {}

    /** Where the events were logged, as the alert names an origin. */
    public String origin() {
        return logGroup + "/" + logStream;
    }

    public LogBatch withEvents(List<Event> kept) {
        return new LogBatch(owner, logGroup, logStream, subscriptionFilters, kept);
    }
}
