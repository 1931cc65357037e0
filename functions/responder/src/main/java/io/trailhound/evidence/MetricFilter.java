package io.trailhound.evidence;

/** A metric filter that feeds the alarm's metric: its pattern decides which events count. */
public record MetricFilter(
        String filterName, String logGroupName, String pattern, String namespace, String metricName) {}
