package io.trailhound.evidence;

import io.trailhound.alarm.AlarmNotification.MetricRef;
import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.budget.Budget;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;

/**
 * {@code logs:DescribeMetricFilters} by metric name and namespace: all filters, in all log groups, every
 * page, paged by hand so the budget is checked before each call.
 */
public final class AwsMetricFilterSource implements MetricFilterSource {
    private final CloudWatchLogsClient logs;

    public AwsMetricFilterSource(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public List<MetricFilter> filtersFor(MetricRef metric, Budget budget) {
        try {
            return describe(metric, budget);
        } catch (SdkException e) {
            throw new Failed(AwsErrors.describe("logs:DescribeMetricFilters", e), e);
        }
    }

    private List<MetricFilter> describe(MetricRef metric, Budget budget) {
        List<MetricFilter> out = new ArrayList<>();
        String token = null;
        do {
            DescribeMetricFiltersResponse page = logs.describeMetricFilters(DescribeMetricFiltersRequest.builder()
                    .metricName(metric.metricName())
                    .metricNamespace(metric.namespace())
                    .nextToken(token)
                    .overrideConfiguration(CallTimeouts.within(budget, "logs:DescribeMetricFilters"))
                    .build());
            page.metricFilters()
                    .forEach(f -> out.add(new MetricFilter(
                            f.filterName(),
                            f.logGroupName(),
                            f.filterPattern() == null ? "" : f.filterPattern(),
                            metric.namespace(),
                            metric.metricName())));
            token = page.nextToken();
        } while (token != null);
        return out;
    }
}
