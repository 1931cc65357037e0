package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.detect.ResourceRef;
import io.trailhound.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;

/**
 * {@code cloudtrail:LookupEvents} by event name over the longest recovery window (30 days), in the region
 * of the resources. Pages are capped, since LookupEvents allows two calls per second per account and region.
 */
public final class CloudTrailScheduleLookup implements ScheduleLookup {
    static final int MAX_PAGES = 10;

    private final Function<String, CloudTrailClient> clientForRegion;
    private final Clock clock;

    public CloudTrailScheduleLookup(Function<String, CloudTrailClient> clientForRegion, Clock clock) {
        this.clientForRegion = clientForRegion;
        this.clock = clock;
    }

    @Override
    public List<JsonNode> schedulingRecords(ResourceRef.Type type, String region) {
        CloudTrailClient cloudTrail = clientForRegion.apply(region);
        Instant end = clock.instant();
        return cloudTrail.lookupEventsPaginator(LookupEventsRequest.builder()
                        .lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME)
                                .attributeValue(ScheduleEvents.eventNameFor(type)).build())
                        .startTime(end.minus(Duration.ofDays(31))).endTime(end).build())
                .stream().limit(MAX_PAGES)
                .flatMap(page -> page.events().stream())
                .map(e -> parse(e.cloudTrailEvent()))
                .toList();
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = json == null ? null : Json.parse(json);
            return node == null ? Json.object() : node;
        } catch (IOException e) {
            return Json.object();
        }
    }
}
