package io.trailhound.evidence;

import io.trailhound.alarm.TimeWindow;
import io.trailhound.budget.Budget;
import io.trailhound.json.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Offline event source: CloudTrail files, read in parallel across files, filtered to the window by each
 * record's {@code eventTime}. Records are handed on parsed, so JSON patterns match the tree without the
 * record being rendered and parsed again. Every record read (in or out of the window) can also be shown
 * to an observer, so that one pass over the files serves other stages too.
 */
public final class CloudTrailFileEventSource implements EventSource {
    private final CloudTrailFiles files;
    private final RecordObserver everyRecord;
    private final int threads;

    public CloudTrailFileEventSource(CloudTrailFiles files, RecordObserver everyRecord) {
        this.files = files;
        this.everyRecord = everyRecord;
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Result scan(MetricFilter filter, TimeWindow window, Budget budget, Consumer<RawEvent> sink) {
        List<String> problems = files.read(
                record -> {
                    everyRecord.record(record.json());
                    Instant time = Timestamps.parse(
                                    record.json().path("eventTime").asText(null))
                            .orElse(null);
                    if (time != null && window.contains(time)) {
                        sink.accept(RawEvent.parsed(record.json(), time, record.origin()));
                    }
                },
                threads);
        everyRecord.allRead(); // not reached when the deadline stopped the scan
        return new Result(problems, true); // a damaged file is reported; what it held up to the damage counts
    }
}
