package io.trailhound.alarm;

import java.time.Instant;
import java.util.List;

/**
 * A CloudWatch alarm state change, whichever way it arrived (SNS message, EventBridge event, alarm action).
 * {@code stateChangeTime} is null when the notification has none that reads as a time; {@code
 * unreadableTime} then holds the text it had, so the alert can say why its window is an estimate.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html">Using Amazon CloudWatch alarms</a>
 */
public record AlarmNotification(
        String alarmName,
        String alarmArn,
        String accountId,
        String region,
        String newState,
        String oldState,
        String reason,
        Instant stateChangeTime,
        int periodSeconds,
        int evaluationPeriods,
        List<MetricRef> metrics,
        Composite composite,
        String unreadableTime) {

    public AlarmNotification {
        metrics = List.copyOf(metrics);
    }

    /** A metric alarm whose times all read. */
    public AlarmNotification(
            String alarmName,
            String alarmArn,
            String accountId,
            String region,
            String newState,
            String oldState,
            String reason,
            Instant stateChangeTime,
            int periodSeconds,
            int evaluationPeriods,
            List<MetricRef> metrics) {
        this(
                alarmName,
                alarmArn,
                accountId,
                region,
                newState,
                oldState,
                reason,
                stateChangeTime,
                periodSeconds,
                evaluationPeriods,
                metrics,
                null,
                null);
    }

    /** One metric behind the alarm: the single metric, or each metric of a metric-math alarm. */
    public record MetricRef(String namespace, String metricName, int periodSeconds) {
        public String display() {
            return namespace + "/" + metricName;
        }
    }

    /**
     * A composite alarm's rule, the child alarms it names, and those the notification says triggered the
     * change (empty when it does not say).
     */
    public record Composite(String rule, List<String> children, List<String> triggeringChildren) {
        public Composite {
            children = List.copyOf(children);
            triggeringChildren = List.copyOf(triggeringChildren);
        }
    }

    public boolean isAlarm() {
        return "ALARM".equals(newState);
    }

    public boolean isComposite() {
        return composite != null;
    }
}
