package io.trailhound.alarm;

import java.time.Instant;
import java.util.List;

/**
 * A CloudWatch alarm state change as delivered in an SNS message.
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
        List<MetricRef> metrics) {

    public AlarmNotification {
        metrics = List.copyOf(metrics);
    }

    /** One metric behind the alarm: the single metric, or each metric of a metric-math alarm. */
    public record MetricRef(String namespace, String metricName, int periodSeconds) {
    }

    public boolean isAlarm() {
        return "ALARM".equals(newState);
    }
}
