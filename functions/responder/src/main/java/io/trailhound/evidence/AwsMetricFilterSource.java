package io.trailhound.evidence;

import io.trailhound.alarm.AlarmNotification.MetricRef;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersRequest;

/** {@code logs:DescribeMetricFilters} by metric name and namespace: all filters, in all log groups, every page. */
public final class AwsMetricFilterSource implements MetricFilterSource {
    private final CloudWatchLogsClient logs;

    public AwsMetricFilterSource(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public List<MetricFilter> filtersFor(MetricRef metric) {
        List<MetricFilter> out = new ArrayList<>();
        logs.describeMetricFiltersPaginator(DescribeMetricFiltersRequest.builder()
                        .metricName(metric.metricName()).metricNamespace(metric.namespace()).build())
                .metricFilters()
                .forEach(f -> out.add(new MetricFilter(f.filterName(), f.logGroupName(),
                        f.filterPattern() == null ? "" : f.filterPattern(), metric.namespace(), metric.metricName())));
        return out;
    }
}
