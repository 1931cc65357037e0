package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.aws.InAccount;
import io.trailhound.aws.LookupEventsPacer;
import io.trailhound.budget.Budget;
import io.trailhound.detect.ResourceType;
import io.trailhound.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * {@code cloudtrail:LookupEvents} by resource name (one resource) or by event name (all of a type) over the
 * longest recovery window (30 days), in the account and region of the resources, paged by hand: the budget is checked before every page, and when a later page fails
 * (or time or the page cap runs out) the pages already read are kept and the result says what was not
 * searched. Every page waits for its turn at the shared {@link LookupEventsPacer} (two calls per second
 * per account and Region), unless the turn comes after the budget ends (then, like a page there was no time
 * for, it is not asked), and pages are capped.
 */
public final class CloudTrailScheduleLookup implements ScheduleLookup {
    static final int MAX_PAGES = 10;

    private final InAccount<CloudTrailClient> cloudTrails;
    private final Clock clock;

    public CloudTrailScheduleLookup(InAccount<CloudTrailClient> cloudTrails, Clock clock) {
        this.cloudTrails = cloudTrails;
        this.clock = clock;
    }

    @Override
    public Records schedulingRecords(
            ResourceType type, String account, String region, String resourceName, Budget budget) {
        CloudTrailClient cloudTrail = cloudTrails.in(account, region); // each account has its own event history
        Instant end = clock.instant();
        // LookupEvents takes one attribute: the resource when there is one, else the event name.
        LookupAttribute attribute = resourceName != null
                ? LookupAttribute.builder()
                        .attributeKey(LookupAttributeKey.RESOURCE_NAME)
                        .attributeValue(resourceName)
                        .build()
                : LookupAttribute.builder()
                        .attributeKey(LookupAttributeKey.EVENT_NAME)
                        .attributeValue(type.schedulingEvent())
                        .build();
        LookupEventsRequest first = LookupEventsRequest.builder()
                .lookupAttributes(attribute)
                .startTime(end.minus(Duration.ofDays(31)))
                .endTime(end)
                .build();
        List<JsonNode> records = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            LookupEventsResponse page;
            String next = token;
            try { // in its turn: LookupEvents allows 2 requests per second per account and Region
                page = LookupEventsPacer.SHARED.call(
                        LookupEventsPacer.key(account, region),
                        budget,
                        () -> cloudTrail.lookupEvents(first.toBuilder()
                                .nextToken(next)
                                .overrideConfiguration(CallTimeouts.within(budget, "cloudtrail:LookupEvents"))
                                .build()));
            } catch (Budget.Exhausted e) {
                if (pages == 0) {
                    throw e;
                }
                return new Records(
                        records,
                        "searched only the first " + pages + " page(s) of LookupEvents: no time was left for more");
            } catch (SdkException e) {
                if (pages == 0) {
                    throw e;
                }
                return new Records(
                        records,
                        "searched only the first " + pages + " page(s) of LookupEvents: the next one failed, "
                                + AwsErrors.describe("cloudtrail:LookupEvents", e));
            }
            page.events().forEach(e -> records.add(parse(e.cloudTrailEvent())));
            token = page.nextToken();
            if (token == null) {
                return Records.all(records);
            }
        }
        return new Records(
                records, "not found in the first " + MAX_PAGES + " pages of LookupEvents (the cap per lookup)");
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
