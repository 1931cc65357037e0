package io.trailhound.evidence;

import io.trailhound.alarm.TimeWindow;
import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.budget.Budget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;

/**
 * {@code logs:FilterLogEvents} over the window in the filter's log group, with the filter's own pattern as a
 * server-side pre-filter. Pages are followed by hand until no {@code nextToken} is returned: a page may be
 * empty and still have one (the service searches in slices), so the budget is checked before every call and
 * each call's timeout is what the budget has left. Throttling that outlasts the SDK's own retries is waited
 * out, with growing pauses, for as long as the budget allows; what was read until a stop still counts.
 */
public final class CloudWatchLogsEventSource implements EventSource {
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

    private final CloudWatchLogsClient logs;

    public CloudWatchLogsEventSource(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public Result scan(MetricFilter filter, TimeWindow window, Budget budget, Consumer<RawEvent> sink) {
        FilterLogEventsRequest first = FilterLogEventsRequest.builder()
                .logGroupName(filter.logGroupName())
                .startTime(window.start().toEpochMilli())
                .endTime(window.end().toEpochMilli())
                .filterPattern(filter.pattern().isBlank() ? null : filter.pattern())
                .build();
        String token = null;
        long pages = 0;
        long delivered = 0;
        Duration pause = FIRST_PAUSE;
        String throttled = null; // the last throttling error, while it lasts: it is why time ran out
        while (true) {
            if (budget.expired()) {
                return incomplete(filter, pages, delivered, outOfTime(throttled));
            }
            FilterLogEventsResponse page;
            try {
                page = logs.filterLogEvents(first.toBuilder()
                        .nextToken(token)
                        .overrideConfiguration(CallTimeouts.within(budget, "logs:FilterLogEvents"))
                        .build());
            } catch (Budget.Exhausted e) {
                return incomplete(filter, pages, delivered, outOfTime(throttled));
            } catch (SdkException e) {
                if (isThrottling(e)) { // the SDK's 3 attempts were throttled: wait, then ask again
                    throttled = AwsErrors.describe("logs:FilterLogEvents", e);
                    if (budget.pause(pause)) {
                        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                                ? LONGEST_PAUSE
                                : pause.multipliedBy(2);
                        continue;
                    }
                    return incomplete(filter, pages, delivered, outOfTime(throttled));
                }
                if (throttled != null && budget.remaining().compareTo(Duration.ofMillis(500)) < 0) {
                    return incomplete(
                            filter, pages, delivered, outOfTime(throttled)); // the last call was cut by the budget
                }
                return incomplete(filter, pages, delivered, AwsErrors.describe("logs:FilterLogEvents", e));
            }
            pages++;
            pause = FIRST_PAUSE;
            throttled = null;
            for (var e : page.events()) {
                delivered++;
                sink.accept(RawEvent.text(
                        e.message(),
                        Instant.ofEpochMilli(e.timestamp()),
                        "log group " + filter.logGroupName() + ", log stream " + e.logStreamName()));
            }
            token = page.nextToken();
            if (token == null) {
                return Result.COMPLETE;
            }
        }
    }

    private static String outOfTime(String throttled) {
        return throttled == null
                ? "the search's share of the time ran out"
                : "still throttled when the search's share of the time ran out (" + throttled + ")";
    }

    static boolean isThrottling(SdkException e) {
        return e instanceof SdkServiceException s && s.isThrottlingException();
    }

    private static Result incomplete(MetricFilter filter, long pages, long delivered, String why) {
        return new Result(
                List.of("log group " + filter.logGroupName() + " was not fully read (" + pages + " page(s), "
                        + delivered + " event(s) read): " + why),
                false);
    }
}
