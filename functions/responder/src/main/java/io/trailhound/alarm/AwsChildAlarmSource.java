package io.trailhound.alarm;

import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.budget.Budget;
import io.trailhound.config.Arn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * {@code cloudwatch:DescribeAlarms} by name (at most 100 names per call, every page), metric and composite
 * alarms, in the composite's own Region. Paged by hand within the budget ({@link CallTimeouts} on every call,
 * none started without time to finish): when time runs out, or a later call fails, the children already read
 * are kept and the rest are named as not read.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html">DescribeAlarms</a>
 */
public final class AwsChildAlarmSource implements ChildAlarmSource {
    static final int NAMES_PER_CALL = 100;
    private static final String OPERATION = "cloudwatch:DescribeAlarms";
    private final Function<String, CloudWatchClient> cloudWatch;

    public AwsChildAlarmSource(Function<String, CloudWatchClient> cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public Children describe(String region, List<String> names, Budget budget) {
        List<ChildAlarm> out = new ArrayList<>();
        CloudWatchClient client = cloudWatch.apply(region);
        boolean asked = false;
        for (int from = 0; from < names.size(); from += NAMES_PER_CALL) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + NAMES_PER_CALL));
            String token = null;
            do {
                String next = token;
                DescribeAlarmsResponse page;
                try { // by hand, not the paginator: the budget is checked before every page
                    page = client.describeAlarms(b -> b.alarmNames(batch)
                            .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                            .nextToken(next)
                            .overrideConfiguration(CallTimeouts.within(budget, OPERATION)));
                } catch (Budget.Exhausted e) {
                    if (!asked) {
                        throw e;
                    }
                    return new Children(out, unread(names.subList(from, names.size()), out), e.getMessage());
                } catch (SdkException e) {
                    if (!asked) {
                        throw new Failed(AwsErrors.describe(OPERATION, e), e);
                    }
                    return new Children(
                            out, unread(names.subList(from, names.size()), out), AwsErrors.describe(OPERATION, e));
                }
                asked = true;
                page.metricAlarms()
                        .forEach(m -> out.add(new ChildAlarm(
                                m.alarmName(), m.stateValueAsString(), m.stateUpdatedTimestamp(), asNotification(m))));
                page.compositeAlarms()
                        .forEach(c -> out.add(new ChildAlarm(
                                c.alarmName(), c.stateValueAsString(), c.stateUpdatedTimestamp(), null)));
                token = page.nextToken();
            } while (token != null);
        }
        return Children.all(out);
    }

    /** The names of {@code rest} (the batch the calls stopped in and those after it) not found so far. */
    private static List<String> unread(List<String> rest, List<ChildAlarm> found) {
        Set<String> seen = new HashSet<>();
        found.forEach(c -> seen.add(c.name()));
        return rest.stream().filter(n -> !seen.contains(n)).toList();
    }

    static AlarmNotification asNotification(MetricAlarm m) {
        List<AlarmNotification.MetricRef> metrics = new ArrayList<>();
        int period = m.period() == null ? 0 : m.period();
        if (m.metricName() != null && m.namespace() != null) {
            metrics.add(new AlarmNotification.MetricRef(m.namespace(), m.metricName(), period));
        }
        for (MetricDataQuery q : m.metrics()) {
            if (q.metricStat() != null && q.metricStat().metric() != null) {
                var metric = q.metricStat().metric();
                metrics.add(new AlarmNotification.MetricRef(
                        metric.namespace(),
                        metric.metricName(),
                        q.metricStat().period() == null
                                ? period
                                : q.metricStat().period()));
            }
        }
        if (period == 0) {
            period = metrics.stream()
                    .mapToInt(AlarmNotification.MetricRef::periodSeconds)
                    .max()
                    .orElse(0);
        }
        return new AlarmNotification(
                m.alarmName(),
                m.alarmArn(),
                Arn.parse(m.alarmArn()).map(Arn::accountId).orElse(null),
                Arn.regionOf(m.alarmArn()).orElse(null),
                m.stateValueAsString(),
                null,
                m.stateReason(),
                m.stateUpdatedTimestamp(),
                period,
                m.evaluationPeriods() == null ? 1 : m.evaluationPeriods(),
                metrics.stream().distinct().toList());
    }
}
