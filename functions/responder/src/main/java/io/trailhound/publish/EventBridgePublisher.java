package io.trailhound.publish;

import io.trailhound.alert.Alert;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.json.Json;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@code events:PutEvents}: one event per alert on the configured bus, {@code source} trailhound, {@code
 * detail-type} "Trailhound Alert", the alert's JSON document as {@code detail}, for any rule to match. An
 * entry may hold 256 KB (source, detail-type, detail and resources counted in UTF-8); the document is budgeted
 * below SNS's limit, so it fits, and one that did not would be refused here rather than sent cut.
 */
public final class EventBridgePublisher implements Output {
    public static final String SOURCE = "trailhound";
    public static final String DETAIL_TYPE = "Trailhound Alert";
    public static final int ENTRY_LIMIT = 256 * 1024;

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public String name() {
        return "EventBridge";
    }

    /** The PutEvents entry as the API takes it. */
    @Override
    public String document(Alert alert, RenderedAlert rendered) {
        return Json.write(Json.object()
                .put("Source", SOURCE)
                .put("DetailType", DETAIL_TYPE)
                .put("Detail", rendered.json())
                .put("EventBusName", busName));
    }

    /** The entry's size as EventBridge counts it (Time and Resources are not set). */
    public static int entrySize(String detail) {
        return SOURCE.length() + DETAIL_TYPE.length() + detail.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String send(Alert alert, RenderedAlert rendered) {
        int size = entrySize(rendered.json());
        if (size > ENTRY_LIMIT) {
            throw new IllegalStateException(
                    "the event would be " + size + " bytes, over EventBridge's " + ENTRY_LIMIT + " per entry");
        }
        PutEventsResponse r = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                        .eventBusName(busName)
                        .source(SOURCE)
                        .detailType(DETAIL_TYPE)
                        .detail(rendered.json())
                        .build())
                .overrideConfiguration(
                        o -> o.apiCallTimeout(Outputs.CALL_TIMEOUT).apiCallAttemptTimeout(Outputs.ATTEMPT_TIMEOUT)));
        if (r.failedEntryCount() != null && r.failedEntryCount() > 0) {
            var e = r.entries().get(0);
            throw new IllegalStateException("PutEvents refused the event: " + e.errorCode() + " " + e.errorMessage());
        }
        return "eventbridge:" + busName + " event " + r.entries().get(0).eventId();
    }
}
