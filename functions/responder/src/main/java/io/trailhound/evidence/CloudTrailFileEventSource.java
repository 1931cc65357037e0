package io.trailhound.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.alarm.TimeWindow;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Offline event source: CloudTrail files, filtered to the window by each record's {@code eventTime}. Each
 * record is handed on as the compact JSON that CloudTrail writes to CloudWatch Logs, so the same pattern
 * engine decides.
 */
public final class CloudTrailFileEventSource implements EventSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudTrailFiles files;

    public CloudTrailFileEventSource(CloudTrailFiles files) {
        this.files = files;
    }

    @Override
    public List<String> scan(MetricFilter filter, TimeWindow window, Consumer<RawEvent> sink) {
        return files.read(record -> {
            Instant time = TrailEvent.parseTime(record.json().path("eventTime").asText(null));
            if (time != null && window.contains(time)) {
                sink.accept(new RawEvent(compact(record), time, record.origin()));
            }
        });
    }

    private static String compact(CloudTrailFiles.Record record) {
        try {
            return JSON.writeValueAsString(record.json());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
