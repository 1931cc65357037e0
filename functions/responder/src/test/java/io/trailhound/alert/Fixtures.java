package io.trailhound.alert;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.detect.Caller;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.Scheduling;
import io.trailhound.remediate.RemediationOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts for the tests of what is built from an alert (next steps, chat, outputs), fixed in time. */
public final class Fixtures {
    private Fixtures() {}

    public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    public static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
    public static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public static final AlarmNotification ALARM = new AlarmNotification(
            "AttemptsToAccessDeletedSecretsAlarm",
            "arn:aws:cloudwatch:us-east-1:111122223333:alarm:AttemptsToAccessDeletedSecretsAlarm",
            "111122223333",
            "us-east-1",
            "ALARM",
            "OK",
            "r",
            Instant.parse("2026-11-23T10:21:08Z"),
            300,
            1,
            List.of(new AlarmNotification.MetricRef("CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets", 300)));
    public static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-11-23T10:05:00Z"), Instant.parse("2026-11-23T10:30:00Z"), true, "n");

    public static Finding finding(
            Detection d, ResourceRef ref, String principal, String ip, String eventName, String origin, int i) {
        return new Finding(
                d,
                ref,
                new Caller("AssumedRole", principal, "s", "111122223333", null, null),
                d == Detection.KMS_KEY_PENDING_DELETION ? "kms.amazonaws.com" : "secretsmanager.amazonaws.com",
                eventName,
                Instant.parse("2026-11-23T10:15:00Z").plusSeconds(i),
                "0a1b2c3d-0000-4000-8000-00000000000" + i,
                ip,
                "ua",
                "InvalidRequestException",
                "marked for deletion",
                List.of(),
                null,
                origin);
    }

    public static Finding secretRead(String secretId, int i) {
        return finding(
                Detection.SECRET_MARKED_FOR_DELETION,
                new ResourceRef(ResourceType.SECRET, secretId, "us-east-1"),
                "arn:aws:iam::111122223333:role/app",
                "203.0.113.10",
                "GetSecretValue",
                "log group CloudTrail/MyCloudWatchLogGroup, log stream 111122223333_CloudTrail_us-east-1",
                i);
    }

    /** What DescribeSecret says of a secret scheduled for deletion on 2026-11-27, by alice with a 7-day window. */
    public static ResourceFacts scheduledSecret() {
        return new ResourceFacts(
                SECRET_ARN,
                "prod/db",
                "ScheduledForDeletion",
                Instant.parse("2026-11-27T16:00:00Z"),
                null,
                List.of(),
                Map.of(),
                new Scheduling(
                        new Caller("IAMUser", "arn:aws:iam::111122223333:user/alice", null, "111122223333", null, null),
                        Instant.parse("2026-11-20T16:00:00Z"),
                        Instant.parse("2026-11-27T16:00:00Z"),
                        7,
                        "sched-1",
                        "198.51.100.7"),
                List.of());
    }

    public static Alert alert(
            List<Finding> findings, Map<ResourceRef, ResourceFacts> facts, List<RemediationOutcome> done) {
        FindingAggregator agg = new FindingAggregator(100);
        findings.forEach(agg::add);
        return new Alert(ALARM, WINDOW, agg.groups(), facts, done, agg.total(), 50, 0, List.of(), false, NOW);
    }

    /** The same finding with its resource in {@code account} (an organization trail's member account). */
    public static Finding inAccount(Finding f, String account) {
        return new Finding(
                f.detection(),
                new io.trailhound.detect.ResourceRef(
                        f.resource().type(), f.resource().id(), f.resource().region(), account),
                f.caller(),
                f.eventSource(),
                f.eventName(),
                f.eventTime(),
                f.eventId(),
                f.sourceIp(),
                f.userAgent(),
                f.errorCode(),
                f.errorMessage(),
                f.resources(),
                f.root(),
                f.origin());
    }
}
