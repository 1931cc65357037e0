package io.trailhound.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.aws.InAccount;
import io.trailhound.aws.LookupEventsPacer;
import io.trailhound.budget.Budget;
import io.trailhound.detect.Detector;
import io.trailhound.detect.Finding;
import io.trailhound.evidence.TrailEvent;
import io.trailhound.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Confirms a log record with CloudTrail's own event history: {@code LookupEvents} by {@code EventId} in the
 * account and Region the record names (a member account's history through its member role), then the event CloudTrail returns is classified like the record and must agree
 * on event name, source, resource, Region, caller and time. A log group accepts anyone's PutLogEvents; the
 * event history does not. The history lags behind the call (CloudTrail "typically delivers logs within an
 * average of about 5 minutes of an API call"), so a missing event is asked again every {@code retryEvery}
 * until {@code wait} has passed, and then reported as not confirmed yet.
 */
public final class CloudTrailEventConfirmer implements EventConfirmer {
    private final InAccount<CloudTrailClient> cloudTrails;
    private final LookupEventsPacer pacer;
    private final Duration wait;
    private final Duration retryEvery;
    private final Clock clock;
    private final LookupEventsPacer.Sleeper sleeper;

    public CloudTrailEventConfirmer(
            InAccount<CloudTrailClient> cloudTrails,
            LookupEventsPacer pacer,
            Duration wait,
            Duration retryEvery,
            Clock clock,
            LookupEventsPacer.Sleeper sleeper) {
        this.cloudTrails = cloudTrails;
        this.pacer = pacer;
        this.wait = wait;
        this.retryEvery = retryEvery;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Confirmation confirm(Finding record, Budget budget) {
        String id = record.eventId();
        String region = record.resource().region();
        String account = record.resource().account();
        if (id == null || region == null) {
            return new Confirmation(
                    Confirmation.Status.NOT_FOUND,
                    "the record has no " + (id == null ? "eventID" : "awsRegion") + " to look up",
                    null);
        }
        Instant giveUp = clock.instant().plus(budget.remaining().compareTo(wait) < 0 ? budget.remaining() : wait);
        try {
            while (true) {
                LookupEventsResponse page = pacer.call(
                        LookupEventsPacer.key(account, region),
                        budget,
                        () -> cloudTrails
                                .in(account, region)
                                .lookupEvents(b -> b.overrideConfiguration(
                                                CallTimeouts.within(budget, "cloudtrail:LookupEvents"))
                                        .lookupAttributes(LookupAttribute.builder()
                                                .attributeKey(LookupAttributeKey.EVENT_ID)
                                                .attributeValue(id)
                                                .build())));
                if (page.hasEvents() && !page.events().isEmpty()) {
                    return compare(record, page.events().get(0).cloudTrailEvent());
                }
                if (!clock.instant().plus(retryEvery).isBefore(giveUp)) {
                    return new Confirmation(
                            Confirmation.Status.NOT_FOUND,
                            "not confirmed yet: CloudTrail's event history in " + region + " has no event " + id + " ("
                                    + (account == null ? "" : "account " + account + ", ") + "asked for "
                                    + wait.toSeconds() + " s)",
                            null);
                }
                sleeper.sleep(retryEvery);
            }
        } catch (SdkException e) {
            return new Confirmation(Confirmation.Status.FAILED, AwsErrors.describe("cloudtrail:LookupEvents", e), null);
        } catch (Budget.Exhausted e) {
            return new Confirmation(
                    Confirmation.Status.FAILED,
                    "no time left in this invocation to ask CloudTrail's event history",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Confirmation(
                    Confirmation.Status.FAILED, "interrupted while waiting for CloudTrail's event history", null);
        }
    }

    /** The log record against the event CloudTrail holds under the same ID. */
    static Confirmation compare(Finding record, String cloudTrailEvent) {
        JsonNode json;
        try {
            json = cloudTrailEvent == null ? null : Json.parse(cloudTrailEvent);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return new Confirmation(
                    Confirmation.Status.DIFFERENT,
                    "CloudTrail returned event " + record.eventId() + " without a readable record",
                    null);
        }
        Finding truth = Detector.classify(new TrailEvent(json, "CloudTrail event history", null));
        List<String> differs = new ArrayList<>();
        differ(differs, "eventName", record.eventName(), truth.eventName());
        differ(differs, "eventSource", record.eventSource(), truth.eventSource());
        differ(differs, "resource", record.resource().id(), truth.resource().id());
        differ(
                differs,
                "awsRegion",
                record.resource().region(),
                truth.resource().region());
        differ(differs, "account", record.resource().account(), truth.resource().account());
        differ(differs, "caller", record.caller().principal(), truth.caller().principal());
        differ(differs, "eventTime", String.valueOf(record.eventTime()), String.valueOf(truth.eventTime()));
        if (!differs.isEmpty()) {
            return new Confirmation(
                    Confirmation.Status.DIFFERENT,
                    "CloudTrail's event " + record.eventId() + " differs from the log record ("
                            + String.join("; ", differs) + ")",
                    null);
        }
        return new Confirmation(
                Confirmation.Status.CONFIRMED,
                "confirmed by CloudTrail's event history (event " + record.eventId() + ")",
                truth);
    }

    private static void differ(List<String> out, String field, String logged, String recorded) {
        if (!Objects.equals(logged, recorded)) {
            out.add(field + " '" + logged + "' vs '" + recorded + "'");
        }
    }
}
