package io.trailhound;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.AlarmParser;
import io.trailhound.alarm.BreachWindow;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.alert.Alert;
import io.trailhound.alert.AlertRenderer;
import io.trailhound.alert.FindingAggregator;
import io.trailhound.alert.FindingGroup;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.aws.AwsErrors;
import io.trailhound.config.Config;
import io.trailhound.detect.Detector;
import io.trailhound.detect.Finding;
import io.trailhound.detect.OwnIdentity;
import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.Enricher;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.evidence.EvidenceCollector;
import io.trailhound.evidence.EventSource;
import io.trailhound.evidence.MetricFilter;
import io.trailhound.evidence.MetricFilterSource;
import io.trailhound.publish.Publisher;
import io.trailhound.remediate.RemediationOutcome;
import io.trailhound.remediate.Remediator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The pipeline, one direction: alarm, window, metric filters, evidence, findings, enrichment, remediation,
 * alert, publish. Built from its stages so Lambda, the CLI and tests run the same code.
 */
public final class Responder {
    static final int MAX_GROUPS = 1_000;

    /** The stage adapters: AWS, offline, or a mix; {@code ownIdentity} recognises Trailhound's own calls. */
    public record Stages(MetricFilterSource filters, EventSource events, Enricher enricher, Remediator remediator,
                         Publisher publisher, OwnIdentity ownIdentity) {
        /** Stages that know no identity of their own (offline, tests): every matching event is a finding. */
        public Stages(MetricFilterSource filters, EventSource events, Enricher enricher, Remediator remediator, Publisher publisher) {
            this(filters, events, enricher, remediator, publisher, OwnIdentity.NONE);
        }
    }

    /** What happened to one notification; {@code inputProblems} are damaged inputs met on the way. */
    public record Outcome(boolean published, String detail, RenderedAlert alert, List<String> inputProblems) {
        public Outcome {
            inputProblems = List.copyOf(inputProblems);
        }
    }

    private final Config config;
    private final Stages stages;
    private final Clock clock;
    private final AlertRenderer renderer = new AlertRenderer();

    public Responder(Config config, Stages stages, Clock clock) {
        this.config = config;
        this.stages = stages;
        this.clock = clock;
    }

    /** Handles one SNS message without a deadline. */
    public Outcome respond(String message) {
        return respond(message, null);
    }

    /**
     * Handles one SNS message; throws AlarmParseException for a message that is not an alarm notification.
     * The evidence scan stops at {@code scanDeadline} (null: none) and the alert is then marked partial.
     */
    public Outcome respond(String message, Instant scanDeadline) {
        AlarmNotification alarm = AlarmParser.parse(message);
        if (!alarm.isAlarm()) {
            return new Outcome(false, "alarm '" + alarm.alarmName() + "' went to " + alarm.newState() + ": no alert", null, List.of());
        }
        List<String> inputProblems = new ArrayList<>();
        RenderedAlert rendered = renderer.render(investigate(alarm, scanDeadline, inputProblems));
        return new Outcome(true, stages.publisher().publish(rendered), rendered, inputProblems);
    }

    Alert investigate(AlarmNotification alarm, Instant scanDeadline, List<String> inputProblems) {
        TimeWindow window = BreachWindow.of(alarm, config.lookbackSlack());
        List<String> notes = new ArrayList<>();
        if (!window.fromDatapoints()) notes.add(window.note());
        List<MetricFilter> filters = new ArrayList<>();
        for (AlarmNotification.MetricRef metric : alarm.metrics()) {
            try {
                List<MetricFilter> found = stages.filters().filtersFor(metric);
                if (found.isEmpty()) {
                    notes.add("no metric filter publishes to " + metric.namespace() + "/" + metric.metricName());
                }
                filters.addAll(found);
            } catch (SdkException e) {
                notes.add(AwsErrors.describe("logs:DescribeMetricFilters", e));
            }
        }
        FindingAggregator aggregator = new FindingAggregator(MAX_GROUPS);
        Enricher.Session enrichment = stages.enricher().start();
        long[] own = {0};
        EvidenceCollector.Summary summary = new EvidenceCollector(stages.events(), config.maxEvents(), clock)
                .collect(filters, window, scanDeadline, event -> {
                    if (stages.ownIdentity().isOwn(event)) {
                        own[0]++; // our own remediation calls must never feed an alert (no loops)
                    } else {
                        Finding finding = Detector.classify(event);
                        aggregator.add(finding);
                        enrichment.found(finding.resource());
                    }
                });
        notes.addAll(summary.problems());
        inputProblems.addAll(summary.problems());
        if (own[0] > 0) {
            notes.add(own[0] + " matching event(s) were made by Trailhound's own identity with its user agent (" + Config.USER_AGENT
                    + ") and ignored");
        }
        if (stages.ownIdentity().problem() != null) notes.add(stages.ownIdentity().problem());
        List<FindingGroup> groups = aggregator.groups();
        Set<ResourceRef> resources = new LinkedHashSet<>();
        for (FindingGroup g : groups) {
            ResourceRef r = g.first().resource();
            if (r.type() != ResourceRef.Type.NONE && r.id() != null) {
                resources.add(r);
            }
        }
        Map<ResourceRef, ResourceFacts> facts = enrichment.describeAll(List.copyOf(resources));
        List<RemediationOutcome> remediation = remediate(facts, alarm.accountId(), notes);
        return new Alert(alarm, window, groups, facts, remediation, aggregator.total(), summary.candidates(),
                aggregator.ungrouped(), notes, summary.partial(), clock.instant());
    }

    /** Remediation never delays or suppresses the alert: any failure becomes a note. */
    private List<RemediationOutcome> remediate(Map<ResourceRef, ResourceFacts> facts, String accountId, List<String> notes) {
        try {
            return stages.remediator().remediate(facts, accountId);
        } catch (RuntimeException e) {
            notes.add("remediation failed: " + e.getMessage());
            return List.of();
        }
    }
}
