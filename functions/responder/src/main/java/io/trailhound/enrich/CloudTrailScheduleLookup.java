package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.detect.ResourceRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * {@code cloudtrail:LookupEvents} by event name over the longest recovery window (30 days), in the region
 * of the resource, matching the resource in each record. Pages are capped, since LookupEvents allows two
 * calls per second per account.
 */
public final class CloudTrailScheduleLookup implements ScheduleLookup {
    static final int MAX_PAGES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, CloudTrailClient> clientForRegion;
    private final Clock clock;

    public CloudTrailScheduleLookup(Function<String, CloudTrailClient> clientForRegion, Clock clock) {
        this.clientForRegion = clientForRegion;
        this.clock = clock;
    }

    @Override
    public Optional<Scheduling> find(ResourceRef resource, Set<String> ids) {
        CloudTrailClient cloudTrail = clientForRegion.apply(resource.region());
        Instant end = clock.instant();
        Optional<Scheduling> best = Optional.empty();
        String token = null;
        int pages = 0;
        do {
            LookupEventsResponse page = cloudTrail.lookupEvents(LookupEventsRequest.builder()
                    .lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME)
                            .attributeValue(ScheduleEvents.eventNameFor(resource.type())).build())
                    .startTime(end.minus(Duration.ofDays(31))).endTime(end).nextToken(token).build());
            for (Event e : page.events()) {
                Optional<Scheduling> s = ScheduleEvents.read(parse(e.cloudTrailEvent()), resource.type(), ids);
                if (s.isPresent() && s.get().at() != null
                        && best.map(b -> s.get().at().isAfter(b.at())).orElse(true)) {
                    best = s;
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty() && ++pages < MAX_PAGES);
        return best;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
