package io.trailhound.evidence;

import io.trailhound.alarm.AlarmNotification.MetricRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline stand-in for DescribeMetricFilters: the documented detections (the names our template
 * creates too), keyed by namespace and metric name, plus the patterns given with the CLI's
 * {@code --filter-pattern}: {@code METRIC=PATTERN} (METRIC is {@code Namespace/MetricName} or just the
 * name) for one metric, or a bare pattern for every metric the catalog does not know. Each metric of a
 * metric-math alarm gets its own pattern; a metric without one is reported, not guessed.
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
    /** METRIC=PATTERN: a metric name or Namespace/MetricName, then the pattern (which never starts a metric name). */
    private static final Pattern PER_METRIC = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.:#/-]*)=(.+)", Pattern.DOTALL);

    private final Map<String, String> perMetric = new HashMap<>();
    private final String otherMetrics;

    /** @param patterns the {@code --filter-pattern} values (none: only the catalog) */
    public MetricFilterCatalog(List<String> patterns) {
        String bare = null;
        for (String p : patterns) {
            Matcher m = PER_METRIC.matcher(p.strip());
            if (m.matches()) {
                perMetric.put(m.group(1), m.group(2).strip());
            } else if (bare != null) {
                throw new IllegalArgumentException(
                        "--filter-pattern without METRIC= is given twice; name the metric: METRIC=PATTERN");
            } else {
                bare = p;
            }
        }
        this.otherMetrics = bare;
    }

    /** Every pattern given, to be checked before anything runs. */
    public List<String> givenPatterns() {
        List<String> all = new java.util.ArrayList<>(perMetric.values());
        if (otherMetrics != null) {
            all.add(otherMetrics);
        }
        return all;
    }

    @Override
    public List<MetricFilter> filtersFor(MetricRef metric, io.trailhound.budget.Budget budget) {
        String key = metric.display();
        String pattern = perMetric.containsKey(key) ? perMetric.get(key) : perMetric.get(metric.metricName());
        String source = "--filter-pattern " + (perMetric.containsKey(key) ? key : metric.metricName()) + "=";
        if (pattern == null && KNOWN.containsKey(key)) {
            pattern = KNOWN.get(key);
            source = "built-in catalog";
        }
        if (pattern == null && otherMetrics != null) {
            pattern = otherMetrics;
            source = "--filter-pattern";
        }
        if (pattern == null) {
            throw new UnknownMetricException("no metric filter is known offline for " + key
                    + "; pass --filter-pattern '" + key + "=<pattern>' with the filter's pattern");
        }
        return List.of(new MetricFilter(source, null, pattern, metric.namespace(), metric.metricName()));
    }

    /** A usage error of the offline run (not damaged input), so it ends the run with one line. */
    public static final class UnknownMetricException extends io.trailhound.config.Config.ConfigException {
        public UnknownMetricException(String message) {
            super(message);
        }
    }
}
