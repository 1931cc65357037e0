package io.trailhound.evidence;

import io.trailhound.alarm.TimeWindow;
import io.trailhound.aws.AwsErrors;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;

/**
 * {@code logs:FilterLogEvents} over the window in the filter's log group, with the filter's own pattern as a
 * server-side pre-filter. Pages are followed until no {@code nextToken} is returned: a page may be empty
 * and still have one (the service searches in slices), which the SDK paginator handles.
 */
public final class CloudWatchLogsEventSource implements EventSource {
    private final CloudWatchLogsClient logs;

    public CloudWatchLogsEventSource(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    /** An AWS failure part-way ends this log group's search: what came before still counts, and it is reported. */
    @Override
    public List<String> scan(MetricFilter filter, TimeWindow window, Consumer<RawEvent> sink) {
        long[] delivered = {0};
        try {
            search(filter, window, raw -> {
                delivered[0]++;
                sink.accept(raw);
            });
            return List.of();
        } catch (SdkException e) {
            return List.of("searching log group " + filter.logGroupName() + " failed after " + delivered[0]
                    + " event(s), findings may be incomplete: " + AwsErrors.describe("logs:FilterLogEvents", e));
        }
    }

    private void search(MetricFilter filter, TimeWindow window, Consumer<RawEvent> sink) {
        logs.filterLogEventsPaginator(FilterLogEventsRequest.builder()
                        .logGroupName(filter.logGroupName())
                        .startTime(window.start().toEpochMilli())
                        .endTime(window.end().toEpochMilli())
                        .filterPattern(filter.pattern().isBlank() ? null : filter.pattern())
                        .build())
                .events() // the paginator follows nextToken, through empty pages too
                .forEach(e -> sink.accept(RawEvent.text(e.message(), Instant.ofEpochMilli(e.timestamp()),
                        "log group " + filter.logGroupName() + ", log stream " + e.logStreamName())));
    }
}
