package io.trailhound.evidence;

import io.trailhound.alarm.AlarmNotification.MetricRef;
import java.util.List;
import java.util.Map;

/**
 * The offline stand-in for DescribeMetricFilters: the documented detections (the names our template
 * creates too), keyed by namespace and metric name. An explicit pattern (CLI {@code --filter-pattern}) wins.
 */
public final class MetricFilterCatalog implements MetricFilterSource {
    public static final String SECRET_PATTERN =
            "{ $.eventName = \"GetSecretValue\" && $.errorMessage = \"*secret because it was marked for deletion*\" }";
    public static final String KMS_PATTERN = "{ $.eventSource = kms* && $.errorMessage = \"* is pending deletion.\" }";
    public static final String ROOT_PATTERN =
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }";

    /** "namespace/metric" to pattern. */
    static final Map<String, String> KNOWN = Map.of(
            "CloudTrailLogMetrics/AttemptsToAccessDeletedSecrets", SECRET_PATTERN,
            "CloudTrailLogMetrics/KMSKeyPendingDeletionErrorCount", KMS_PATTERN,
            "CloudTrailMetrics/RootAccountUsageCount", ROOT_PATTERN);

    private final String explicitPattern;

    /** @param explicitPattern a pattern to use for any metric, or null to use only the catalog */
    public MetricFilterCatalog(String explicitPattern) {
        this.explicitPattern = explicitPattern;
    }

    @Override
    public List<MetricFilter> filtersFor(MetricRef metric, io.trailhound.budget.Budget budget) {
        String pattern = explicitPattern != null ? explicitPattern : KNOWN.get(metric.namespace() + "/" + metric.metricName());
        if (pattern == null) {
            throw new UnknownMetricException("no metric filter is known for " + metric.namespace() + "/" + metric.metricName()
                    + " offline; pass --filter-pattern with the filter's pattern");
        }
        String source = explicitPattern != null ? "--filter-pattern" : "built-in catalog";
        return List.of(new MetricFilter(source, null, pattern, metric.namespace(), metric.metricName()));
    }

    /** A usage error of the offline run (not damaged input), so it ends the run with one line. */
    public static final class UnknownMetricException extends io.trailhound.config.Config.ConfigException {
        public UnknownMetricException(String message) {
            super(message);
        }
    }
}
