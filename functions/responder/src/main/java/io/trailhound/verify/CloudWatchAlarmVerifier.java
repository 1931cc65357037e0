package io.trailhound.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.alarm.AlarmNotification;
import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.budget.Budget;
import io.trailhound.config.Arn;
import io.trailhound.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Checks a notification against CloudWatch in the alarm's own Region: {@code DescribeAlarms} must return an
 * alarm with exactly the notification's ARN (so the account, Region and name agree) that watches the
 * notification's metrics with its period and evaluation periods. Then the state change itself:
 * {@code DescribeAlarmHistory} (StateUpdate items around StateChangeTime) must hold a change to ALARM at that
 * time for the same reason; where the history does not answer, the alarm's current state must still be that
 * change (ALARM, same time, same reason). The reason carries the breaching datapoints that decide the
 * search window, so a sender cannot widen it.
 */
public final class CloudWatchAlarmVerifier implements AlarmVerifier {
    /** StateChangeTime and the history's timestamp may differ by the rounding of either. */
    static final Duration TIME_SLACK = Duration.ofSeconds(2);

    private final Function<String, CloudWatchClient> clientForRegion;

    public CloudWatchAlarmVerifier(Function<String, CloudWatchClient> clientForRegion) {
        this.clientForRegion = clientForRegion;
    }

    @Override
    public AlarmCheck check(AlarmNotification n, Budget budget) {
        try {
            return checkWithin(n, budget);
        } catch (Budget.Exhausted e) {
            return AlarmCheck.unverified("no time left in this invocation to check it with CloudWatch");
        }
    }

    private AlarmCheck checkWithin(AlarmNotification n, Budget budget) {
        String region = n.region();
        if (region == null || n.alarmArn() == null || n.stateChangeTime() == null) {
            return AlarmCheck.unverified("the notification has no usable AlarmArn or StateChangeTime");
        }
        String arnAccount = Arn.parse(n.alarmArn()).map(Arn::accountId).orElse(null);
        if (n.accountId() == null || !n.accountId().equals(arnAccount)) {
            return AlarmCheck.unverified(
                    "AWSAccountId " + n.accountId() + " is not the account of AlarmArn " + n.alarmArn());
        }
        CloudWatchClient cw = clientForRegion.apply(region);
        if (n.isComposite()) {
            return composite(cw, n, budget);
        }
        MetricAlarm alarm;
        try {
            List<MetricAlarm> found = cw.describeAlarms(b -> b.alarmNames(n.alarmName())
                            .overrideConfiguration(CallTimeouts.within(budget, "cloudwatch:DescribeAlarms")))
                    .metricAlarms();
            alarm = found.stream()
                    .filter(a -> n.alarmArn().equals(a.alarmArn()))
                    .findFirst()
                    .orElse(null);
        } catch (SdkException e) {
            return AlarmCheck.unverified(AwsErrors.describe("cloudwatch:DescribeAlarms", e));
        }
        if (alarm == null) {
            return AlarmCheck.unverified("CloudWatch has no alarm " + n.alarmArn());
        }
        String metrics = sameMetrics(n, alarm);
        if (metrics != null) {
            return AlarmCheck.unverified(metrics);
        }
        try {
            List<AlarmHistoryItem> history = cw.describeAlarmHistory(b -> b.alarmName(n.alarmName())
                            .overrideConfiguration(CallTimeouts.within(budget, "cloudwatch:DescribeAlarmHistory"))
                            .historyItemType(HistoryItemType.STATE_UPDATE)
                            .startDate(n.stateChangeTime().minus(TIME_SLACK))
                            .endDate(n.stateChangeTime().plus(TIME_SLACK)))
                    .alarmHistoryItems();
            for (AlarmHistoryItem item : history) {
                if (isThisChange(item, n)) {
                    return AlarmCheck.verified("CloudWatch's alarm history shows this change to ALARM");
                }
            }
            return AlarmCheck.unverified("CloudWatch's alarm history has no change of " + n.alarmName()
                    + " to ALARM at " + n.stateChangeTime() + " for the reason the notification gives");
        } catch (SdkException historyUnavailable) {
            // Fall back to the alarm's current state, which still has to be this very change.
            boolean same = "ALARM".equals(alarm.stateValueAsString())
                    && near(changedAt(alarm), n.stateChangeTime())
                    && (n.reason() == null || n.reason().equals(alarm.stateReason()));
            return same
                    ? AlarmCheck.verified(
                            "CloudWatch's alarm is in this ALARM state (DescribeAlarms; the alarm history did not answer: "
                                    + AwsErrors.describe("cloudwatch:DescribeAlarmHistory", historyUnavailable) + ")")
                    : AlarmCheck.unverified(
                            "CloudWatch's alarm is not in the ALARM state the notification describes (it is "
                                    + alarm.stateValueAsString() + " since " + changedAt(alarm)
                                    + "), and its history did not answer");
        }
    }

    /** A composite alarm: it must exist with the notification's ARN and be in this ALARM state now. */
    private static AlarmCheck composite(CloudWatchClient cw, AlarmNotification n, Budget budget) {
        try {
            var found = cw
                    .describeAlarms(b -> b.alarmNames(n.alarmName())
                            .alarmTypes(AlarmType.COMPOSITE_ALARM)
                            .overrideConfiguration(CallTimeouts.within(budget, "cloudwatch:DescribeAlarms")))
                    .compositeAlarms()
                    .stream()
                    .filter(a -> n.alarmArn().equals(a.alarmArn()))
                    .findFirst()
                    .orElse(null);
            if (found == null) {
                return AlarmCheck.unverified("CloudWatch has no composite alarm " + n.alarmArn());
            }
            Instant changed = found.stateTransitionedTimestamp() != null
                    ? found.stateTransitionedTimestamp()
                    : found.stateUpdatedTimestamp();
            return "ALARM".equals(found.stateValueAsString()) && near(changed, n.stateChangeTime())
                    ? AlarmCheck.verified("CloudWatch's composite alarm is in this ALARM state (DescribeAlarms)")
                    : AlarmCheck.unverified(
                            "CloudWatch's composite alarm is not in the ALARM state the notification describes (it is "
                                    + found.stateValueAsString() + " since " + changed + ")");
        } catch (SdkException e) {
            return AlarmCheck.unverified(AwsErrors.describe("cloudwatch:DescribeAlarms", e));
        }
    }

    /** Null when the alarm watches what the notification says; else why not. */
    static String sameMetrics(AlarmNotification n, MetricAlarm a) {
        Set<String> watched = new HashSet<>();
        if (a.metricName() != null) {
            watched.add(a.namespace() + "/" + a.metricName());
        }
        a.metrics().forEach(q -> {
            if (q.metricStat() != null && q.metricStat().metric() != null) {
                watched.add(q.metricStat().metric().namespace() + "/"
                        + q.metricStat().metric().metricName());
            }
        });
        Set<String> named = new HashSet<>();
        n.metrics().forEach(m -> named.add(m.namespace() + "/" + m.metricName()));
        if (!watched.equals(named)) {
            return "the alarm watches " + watched + ", not " + named + " as the notification says";
        }
        if (a.metricName() != null
                && (a.period() == null
                        || a.period() != n.periodSeconds()
                        || a.evaluationPeriods() == null
                        || a.evaluationPeriods() != n.evaluationPeriods())) {
            return "the alarm evaluates " + a.evaluationPeriods() + " period(s) of " + a.period() + " s, not "
                    + n.evaluationPeriods() + " of " + n.periodSeconds() + " s as the notification says";
        }
        return null;
    }

    private static boolean isThisChange(AlarmHistoryItem item, AlarmNotification n) {
        if (item.timestamp() == null || !near(item.timestamp(), n.stateChangeTime())) {
            return false;
        }
        try {
            JsonNode data = Json.parse(item.historyData());
            JsonNode next = data == null ? null : data.path("newState");
            return next != null
                    && "ALARM".equals(next.path("stateValue").asText())
                    && (n.reason() == null
                            || n.reason().equals(next.path("stateReason").asText()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Instant changedAt(MetricAlarm a) {
        return a.stateTransitionedTimestamp() != null ? a.stateTransitionedTimestamp() : a.stateUpdatedTimestamp();
    }

    private static boolean near(Instant a, Instant b) {
        return a != null && b != null && Duration.between(a, b).abs().compareTo(TIME_SLACK) <= 0;
    }
}
