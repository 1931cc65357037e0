package io.trailhound;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.AlarmParser;
import io.trailhound.alarm.BreachWindow;
import io.trailhound.alarm.ChildAlarmSource;
import io.trailhound.alarm.ChildStatus;
import io.trailhound.alarm.CompositeChildren;
import io.trailhound.alarm.LogBatch;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.alert.Alert;
import io.trailhound.alert.AlertRenderer;
import io.trailhound.alert.FindingAggregator;
import io.trailhound.alert.FindingGroup;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.alert.Sanitize;
import io.trailhound.aws.AlarmScope;
import io.trailhound.budget.Budget;
import io.trailhound.config.Config;
import io.trailhound.detect.DamagedRecords;
import io.trailhound.detect.Detector;
import io.trailhound.detect.Finding;
import io.trailhound.detect.OwnIdentity;
import io.trailhound.detect.RecordCheck;
import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.AccountNames;
import io.trailhound.enrich.Enricher;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.evidence.EventSource;
import io.trailhound.evidence.EvidenceCollector;
import io.trailhound.evidence.MetricFilter;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.evidence.MetricFilterSource;
import io.trailhound.publish.Outputs;
import io.trailhound.publish.Publisher;
import io.trailhound.publish.SnsEnvelope;
import io.trailhound.remediate.Candidate;
import io.trailhound.remediate.RemediationOutcome;
import io.trailhound.remediate.Remediator;
import io.trailhound.subscription.BatchEvidence;
import io.trailhound.verify.AlarmCheck;
import io.trailhound.verify.AlarmVerifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The pipeline, one direction: alarm, window, metric filters, evidence, findings, enrichment, remediation,
 * alert, publish. Built from its stages so Lambda, the CLI and tests run the same code.
 */
public final class Responder {
    static final double ENRICH_SHARE = 0.6;

    /**
     * How an invocation's time is split: each stage takes this share of what is left when it starts (so what
     * one stage does not use goes to the next); remediation gets the rest. Publishing has its own reserve,
     * outside the budget ({@code Handler.RESERVE}).
     */
    static final double SCAN_SHARE = 0.5;

    static final int MAX_GROUPS = 1_000;

    /** The account names take at most this share of what is left (asked once per container; IDs do without). */
    static final double NAMES_SHARE = 0.1;

    /** A composite's children are described within this share, so a slow DescribeAlarms leaves the search its time. */
    static final double CHILDREN_SHARE = 0.2;

    /**
     * The stage adapters: AWS, offline, or a mix; {@code ownIdentity} recognises Trailhound's own calls,
     * {@code alarms} checks a notification with CloudWatch, {@code scope} is told when each alarm begins
     * (member accounts' credentials are kept per alarm) and {@code accountNames} names the findings' accounts.
     * Built with {@link #of} and the {@code with…} methods, so that a stage added later gets a default
     * instead of another constructor, and a with-er names only its own stage.
     */
    public record Stages(
            MetricFilterSource filters,
            EventSource events,
            Enricher enricher,
            Remediator remediator,
            Publisher publisher,
            OwnIdentity ownIdentity,
            ChildAlarmSource childAlarms,
            AlarmVerifier alarms,
            Outputs outputs,
            AlarmScope scope,
            AccountNames accountNames) {
        /**
         * The five stages every pipeline needs; the others default to what an offline run has: no identity of
         * its own, no way to describe a composite's children or check a notification with CloudWatch (it is
         * then "not checked"), no optional outputs, nothing kept per alarm, every account by its ID.
         */
        public static Stages of(
                MetricFilterSource filters,
                EventSource events,
                Enricher enricher,
                Remediator remediator,
                Publisher publisher) {
            return new Stages(
                    filters,
                    events,
                    enricher,
                    remediator,
                    publisher,
                    OwnIdentity.NONE,
                    ChildAlarmSource.OFFLINE,
                    AlarmVerifier.OFFLINE,
                    Outputs.NONE,
                    AlarmScope.NONE,
                    AccountNames.NONE);
        }

        public Stages withEvidence(MetricFilterSource filters, EventSource events) {
            return with(b -> {
                b.filters = filters;
                b.events = events;
            });
        }

        public Stages withOwnIdentity(OwnIdentity ownIdentity) {
            return with(b -> b.ownIdentity = ownIdentity);
        }

        public Stages withChildAlarms(ChildAlarmSource childAlarms) {
            return with(b -> b.childAlarms = childAlarms);
        }

        public Stages withAlarms(AlarmVerifier alarms) {
            return with(b -> b.alarms = alarms);
        }

        public Stages withOutputs(Outputs outputs) {
            return with(b -> b.outputs = outputs);
        }

        public Stages withAccountNames(AccountNames accountNames) {
            return with(b -> b.accountNames = accountNames);
        }

        public Stages withScope(AlarmScope scope) {
            return with(b -> b.scope = scope);
        }

        /** A copy with what {@code change} sets: each with-er names only its own stage. */
        private Stages with(java.util.function.Consumer<Copy> change) {
            Copy c = new Copy(this);
            change.accept(c);
            return c.build();
        }

        /** The stages as mutable fields, for the one copy a with-er makes. */
        private static final class Copy {
            MetricFilterSource filters;
            EventSource events;
            Enricher enricher;
            Remediator remediator;
            Publisher publisher;
            OwnIdentity ownIdentity;
            ChildAlarmSource childAlarms;
            AlarmVerifier alarms;
            Outputs outputs;
            AlarmScope scope;
            AccountNames accountNames;

            Copy(Stages s) {
                filters = s.filters;
                events = s.events;
                enricher = s.enricher;
                remediator = s.remediator;
                publisher = s.publisher;
                ownIdentity = s.ownIdentity;
                childAlarms = s.childAlarms;
                alarms = s.alarms;
                outputs = s.outputs;
                scope = s.scope;
                accountNames = s.accountNames;
            }

            Stages build() {
                return new Stages(
                        filters,
                        events,
                        enricher,
                        remediator,
                        publisher,
                        ownIdentity,
                        childAlarms,
                        alarms,
                        outputs,
                        scope,
                        accountNames);
            }
        }
    }

    /** What happened to one notification; {@code inputProblems} are damaged inputs met on the way. */
    public record Outcome(boolean published, String detail, RenderedAlert alert, List<String> inputProblems) {
        public Outcome {
            inputProblems = List.copyOf(inputProblems);
        }
    }

    /**
     * Where the pipeline's own lines go (remediation actions, an unexpected failure), with the alarm they are
     * about: the runtime's logger in Lambda ({@code Handler}), the console for the CLI ({@link #CONSOLE}).
     */
    public interface Log {
        void info(String alarmName, String message);

        void error(String alarmName, String message);
    }

    /** The CLI's console: actions as one JSON line on stdout, failures as a "trailhound:" line on stderr. */
    public static final Log CONSOLE = new Log() {
        @Override
        public void info(String alarmName, String message) {
            System.out.println(io.trailhound.json.Json.write(io.trailhound.json.Json.object()
                    .put("level", "INFO")
                    .put("logger", "trailhound")
                    .put("message", Sanitize.text(message, 4_000))));
        }

        @Override
        public void error(String alarmName, String message) {
            System.err.println("trailhound: " + message);
        }
    };

    private final Config config;
    private final Stages stages;
    private final Clock clock;
    private final Log log;
    private final AlertRenderer renderer = new AlertRenderer(SnsEnvelope.SNS);

    /** Logging to the console (the CLI). */
    public Responder(Config config, Stages stages, Clock clock) {
        this(config, stages, clock, CONSOLE);
    }

    public Responder(Config config, Stages stages, Clock clock, Log log) {
        this.config = config;
        this.stages = stages;
        this.clock = clock;
        this.log = log;
    }

    /** Handles one SNS message without a deadline. */
    public Outcome respond(String message) {
        return respond(message, Budget.unlimited(clock));
    }

    /**
     * Handles one SNS message; throws AlarmParseException for a message that is not an alarm notification,
     * and {@link PublishFailedException} when the alert could not be published. Anything else that goes
     * wrong between the two is caught: the alert is then reduced to what was known (alarm, window, what was
     * found so far) plus the error, and still published. Everything before publishing happens within
     * {@code budget}: a stage whose share runs out stops, says so, and the alert has what is known.
     */
    public Outcome respond(String message, Budget budget) {
        return respond(message, new Attempt(budget, o -> {}, List.of(), stages.publisher()));
    }

    /**
     * One attempt at a notification: its budget; {@code acted}, told of each remediation action as it
     * happens; what earlier attempts at the same notification recorded doing; where the alert goes; which
     * optional outputs earlier attempts delivered to, and where this one records its deliveries.
     */
    public record Attempt(
            Budget budget,
            Consumer<RemediationOutcome> acted,
            List<String> earlierActions,
            Publisher publisher,
            Outputs.Deliveries deliveries,
            List<String> notes) {
        public Attempt {
            earlierActions = List.copyOf(earlierActions);
            notes = List.copyOf(notes);
        }

        /** A single attempt: nothing earlier, nothing to record. */
        public Attempt(
                Budget budget, Consumer<RemediationOutcome> acted, List<String> earlierActions, Publisher publisher) {
            this(budget, acted, earlierActions, publisher, Outputs.Deliveries.NONE, List.of());
        }

        /** The same attempt, with notes for the alert from before the pipeline (subscription mode's suppression). */
        public Attempt withNotes(List<String> more) {
            return new Attempt(budget, acted, earlierActions, publisher, deliveries, more);
        }
    }

    /** As {@link #respond(String, Budget)}, for one attempt of several at the same notification. */
    public Outcome respond(String message, Attempt attempt) {
        return respond(AlarmParser.parse(message), attempt);
    }

    /** Handles one alarm state change without a time budget (the CLI). */
    public Outcome respond(AlarmNotification alarm) {
        return respond(alarm, new Attempt(Budget.unlimited(clock), o -> {}, List.of(), stages.publisher()));
    }

    /** A subscription filter's batch without a time budget (the CLI: one run, so no suppression window to keep). */
    public Outcome respond(LogBatch batch) {
        return respond(batch, new Attempt(Budget.unlimited(clock), o -> {}, List.of(), stages.publisher()));
    }

    /**
     * A subscription filter's batch: the same pipeline over stages whose evidence is the batch's events (no
     * search), its window their span; everything else (detection, enrichment, remediation, alert) is shared.
     */
    public Outcome respond(LogBatch batch, Attempt attempt) {
        // The batch is already the alarm's evidence, and a subscription has no alarm to check with CloudWatch.
        Stages s = stages.withEvidence(BatchEvidence.filters(batch), BatchEvidence.events(batch))
                .withAlarms(AlarmVerifier.OFFLINE);
        return new Responder(config, s, clock, log)
                .respond(BatchEvidence.asAlarm(batch), attempt, BatchEvidence.window(batch));
    }

    /** Handles one alarm state change, however it arrived (see AlarmReader); only a transition to ALARM yields an alert. */
    public Outcome respond(AlarmNotification alarm, Attempt attempt) {
        return respond(alarm, attempt, null);
    }

    /** {@code givenWindow}: the window when the evidence is already known (a subscription batch), else null. */
    private Outcome respond(AlarmNotification alarm, Attempt attempt, TimeWindow givenWindow) {
        Budget budget = attempt.budget();
        Consumer<RemediationOutcome> acted = attempt.acted();
        if (!alarm.isAlarm()) {
            return new Outcome(
                    false,
                    "alarm '" + Sanitize.text(alarm.alarmName(), 200) + "' went to "
                            + Sanitize.text(alarm.newState(), 40) + ": no alert",
                    null,
                    List.of());
        }
        stages.scope().begin(alarm.alarmName());
        Progress progress = new Progress(alarm);
        progress.window = givenWindow;
        attempt.earlierActions()
                .forEach(a -> progress.notes.add("an earlier attempt at this notification recorded: " + a));
        if (!attempt.deliveries().earlier().isEmpty()) {
            progress.notes.add("an earlier attempt at this notification sent its alert to "
                    + String.join(", ", attempt.deliveries().earlier()) + "; this one is not sent there again");
        }
        progress.notes.addAll(attempt.notes());
        Alert alert;
        try {
            alert = investigate(progress, budget, acted);
        } catch (Config.ConfigException e) {
            throw e; // the run is misconfigured (the CLI's usage errors): the operator must fix it, not read an alert
        } catch (RuntimeException | StackOverflowError e) { // StackOverflowError: deeply nested input
            alert = progress.reduced(e);
        }
        RenderedAlert rendered = renderer.render(alert);
        String also = "";
        if (!stages.outputs().list().isEmpty()) { // before the alert topic, so that their failures are in it
            Outputs.Sent sent = stages.outputs().send(alert, rendered, renderer::render, attempt.deliveries());
            rendered = sent.rendered();
            List<String> where = new ArrayList<>(sent.delivered());
            where.removeIf("stdout"::equals); // the CLI printed it
            where.addAll(sent.failures());
            also = where.isEmpty() ? "" : "; " + String.join("; ", where);
        }
        try {
            return new Outcome(true, attempt.publisher().publish(rendered) + also, rendered, progress.inputProblems);
        } catch (RuntimeException e) {
            throw new PublishFailedException(e);
        }
    }

    /** The only failure that leaves the handler: the alert could not be published, so Lambda should retry. */
    public static final class PublishFailedException extends RuntimeException {
        PublishFailedException(RuntimeException cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    /** What is known so far about one alarm, so that an unexpected failure still yields an alert with it. */
    private final class Progress {
        final AlarmNotification alarm;
        final List<String> notes = new ArrayList<>();
        final List<String> inputProblems = new ArrayList<>();
        final FindingAggregator aggregator = new FindingAggregator(MAX_GROUPS);
        final DamagedRecords damaged = new DamagedRecords();
        final Set<ResourceRef> usable = ConcurrentHashMap.newKeySet();
        TimeWindow window;
        List<ChildStatus> children = List.of();
        EvidenceCollector.Summary summary;
        Map<ResourceRef, ResourceFacts> facts = Map.of();
        AlarmCheck notification = AlarmCheck.OFFLINE;
        Map<String, String> accountNames = Map.of();
        List<RemediationOutcome> remediation = List.of();
        final List<RemediationOutcome> actedSoFar = new java.util.concurrent.CopyOnWriteArrayList<>();
        String stage = "reading the alarm";
        boolean timedOut;

        Progress(AlarmNotification alarm) {
            this.alarm = alarm;
        }

        Alert alert(boolean partial) {
            List<String> all = new ArrayList<>(notes);
            all.addAll(damaged.notes());
            TimeWindow w =
                    window != null ? window : new TimeWindow(clock.instant(), clock.instant(), false, "not derived");
            List<FindingGroup> groups;
            synchronized (aggregator) {
                groups = aggregator.groups();
            }
            partial = partial || timedOut;
            return new Alert(
                    alarm,
                    w,
                    groups,
                    facts,
                    remediation,
                    aggregator.total(),
                    summary == null ? 0 : summary.candidates(),
                    aggregator.ungrouped(),
                    all,
                    partial || (summary != null && summary.partial()),
                    clock.instant(),
                    summary == null ? List.of() : summary.notFullyRead(),
                    children,
                    notification,
                    accountNames);
        }

        /** The alert after an unexpected failure: what was found so far, and the error. */
        Alert reduced(Throwable e) {
            notes.add(
                    0,
                    "Trailhound failed while " + stage + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "); this alert holds what was found until then");
            log.error(alarm.alarmName(), unexpected(e));
            if (remediation.isEmpty()) {
                remediation = List.copyOf(actedSoFar);
            }
            try {
                return alert(true);
            } catch (RuntimeException again) {
                return new Alert(
                        alarm,
                        new TimeWindow(clock.instant(), clock.instant(), false, "not derived"),
                        List.of(),
                        Map.of(),
                        remediation,
                        0,
                        0,
                        0,
                        List.of(notes.get(0)),
                        true,
                        clock.instant());
            }
        }
    }

    Alert investigate(Progress p, Budget budget, Consumer<RemediationOutcome> acted) {
        AlarmNotification alarm = p.alarm;
        List<String> notes = p.notes;
        List<AlarmNotification.MetricRef> metrics;
        if (alarm.isComposite()) {
            p.stage = "describing the composite alarm's children";
            CompositeChildren.Resolution composite = children(alarm, p, budget.share(CHILDREN_SHARE));
            p.window = composite.window();
            p.children = composite.children();
            metrics = composite.metrics();
            notes.addAll(composite.notes());
        } else {
            p.stage = "deriving the time window";
            if (p.window == null) {
                p.window = BreachWindow.of(alarm, config.lookbackSlack(), clock.instant());
            }
            metrics = alarm.metrics();
            if (metrics.isEmpty()) {
                notes.add(
                        "the notification names no metric (no Trigger or configuration.metrics), so no metric filter can be looked up");
            }
        }
        TimeWindow window = p.window;
        if (!window.fromDatapoints()) {
            notes.add(window.note());
        }
        p.stage = "finding the metric filters";
        Budget scan = budget.share(SCAN_SHARE);
        List<MetricFilter> filters = new ArrayList<>();
        for (AlarmNotification.MetricRef metric : metrics) {
            try {
                List<MetricFilter> found = stages.filters().filtersFor(metric, scan);
                if (found.isEmpty()) {
                    notes.add("no metric filter publishes to " + metric.display());
                }
                filters.addAll(found);
            } catch (MetricFilterCatalog.UnknownMetricException e) {
                notes.add(e.getMessage()); // offline: the other metrics of a metric-math alarm are still searched
                p.inputProblems.add(e.getMessage());
            } catch (MetricFilterSource.Failed e) {
                notes.add(e.getMessage());
            } catch (Budget.Exhausted e) {
                notes.add("logs:DescribeMetricFilters: " + e.getMessage() + "; the search is incomplete");
                p.timedOut = true;
            }
        }
        p.stage = "searching the evidence";
        Enricher.Session enrichment = stages.enricher().start(budget);
        long[] own = {0};
        p.summary = new EvidenceCollector(stages.events(), config.maxEvents()).collect(filters, window, scan, event -> {
            if (stages.ownIdentity().isOwn(event)) {
                own[0]++; // our own remediation calls must never feed an alert (no loops)
                return;
            }
            Finding finding = Detector.classify(event);
            List<String> problems = RecordCheck.problems(event, finding);
            synchronized (p.aggregator) {
                p.aggregator.add(finding);
            }
            if (!problems.isEmpty()) {
                p.damaged.add(finding, problems);
            } else if (RecordCheck.resourceUsable(finding)) {
                p.usable.add(finding.resource());
                enrichment.found(finding.resource());
            }
        });
        EvidenceCollector.Summary summary = p.summary;
        notes.addAll(summary.problems());
        p.inputProblems.addAll(summary.problems());
        if (own[0] > 0) {
            notes.add(own[0] + " matching event(s) were made by Trailhound's own identity with its user agent ("
                    + Config.USER_AGENT + ") and ignored");
        }
        if (stages.ownIdentity().problem() != null) {
            notes.add(stages.ownIdentity().problem());
        }
        p.stage = "describing the resources";
        Set<ResourceRef> resources = new LinkedHashSet<>();
        for (FindingGroup g : p.alert(false).groups()) {
            Finding f = g.first();
            if (p.usable.contains(f.resource())) { // named by at least one undamaged record
                resources.add(f.resource());
            }
        }
        p.facts = enrichment.describeAll(List.copyOf(resources), budget.share(ENRICH_SHARE));
        long undescribed = p.facts.values().stream()
                .filter(f -> f.unknowns().contains(Enricher.NO_TIME))
                .count();
        if (undescribed > 0) {
            notes.add(undescribed + " of " + p.facts.size()
                    + " resource(s) were not described: the enrichment's share of the time ran out");
        }
        p.stage = "naming the accounts";
        AccountNames names = stages.accountNames();
        boolean refusedBefore = names.refusal().isPresent();
        p.accountNames = names.of(Alert.accountsToName(p.alert(false).groups()), budget.share(NAMES_SHARE));
        if (!refusedBefore) { // logged once: by the alarm that met the refusal, which then holds for the container
            names.refusal().ifPresent(why -> log.info(p.alarm.alarmName(), "account names: " + why));
        }
        p.stage = "checking the notification with CloudWatch";
        p.notification = stages.alarms().check(alarm, budget);
        p.stage = "remediating";
        p.remediation = remediate(p, budget, acted);
        p.stage = "writing the alert";
        return p.alert(false);
    }

    /** One line (Lambda's JSON log keeps it one entry): the error and where it happened, for the developers. */
    private static String unexpected(Throwable e) {
        StringBuilder where = new StringBuilder();
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(8, frames.length); i++) {
            where.append(i == 0 ? " at " : " < ").append(frames[i]);
        }
        return "unexpected " + e + where;
    }

    /** Each described resource with the first record of every group that names it (the events to confirm). */
    private static List<Candidate> candidates(Progress p) {
        Map<ResourceRef, List<Finding>> triggers = new LinkedHashMap<>();
        for (FindingGroup g : p.alert(false).groups()) {
            if (p.facts.containsKey(g.first().resource())) { // described: named by at least one undamaged record
                triggers.computeIfAbsent(g.first().resource(), r -> new ArrayList<>())
                        .add(g.first());
            }
        }
        List<Candidate> out = new ArrayList<>();
        triggers.forEach((ref, found) -> out.add(new Candidate(ref, p.facts.get(ref), found)));
        return out;
    }

    /** A composite alarm's children: described online; offline the alert and the CLI name the ones needed. */
    private CompositeChildren.Resolution children(AlarmNotification alarm, Progress p, Budget budget) {
        List<String> needed = CompositeChildren.needed(alarm);
        List<String> inputProblems = p.inputProblems;
        try {
            ChildAlarmSource.Children described = stages.childAlarms().describe(alarm.region(), needed, budget);
            if (!described.notRead().isEmpty()) {
                p.timedOut = true; // the unread children's metrics are not searched: the search is incomplete
            }
            return CompositeChildren.resolve(alarm, described, config.lookbackSlack(), clock.instant());
        } catch (Budget.Exhausted e) {
            p.timedOut = true;
            return CompositeChildren.unresolved(
                    alarm,
                    config.lookbackSlack(),
                    clock.instant(),
                    "cloudwatch:DescribeAlarms: " + e.getMessage()
                            + "; the child alarms of the composite were not investigated");
        } catch (ChildAlarmSource.Unavailable e) {
            List<String> ask = alarm.composite().triggeringChildren().isEmpty()
                    ? needed
                    : alarm.composite().triggeringChildren();
            String why = "offline: DescribeAlarms would be needed for child alarm(s) " + String.join(", ", ask)
                    + " of composite alarm '" + alarm.alarmName()
                    + "' to search their metrics; run with AWS credentials,"
                    + " or invoke with the child alarm's own notification";
            inputProblems.add(why);
            return CompositeChildren.unresolved(alarm, config.lookbackSlack(), clock.instant(), why);
        } catch (ChildAlarmSource.Failed e) {
            return CompositeChildren.unresolved(
                    alarm,
                    config.lookbackSlack(),
                    clock.instant(),
                    e.getMessage() + "; the child alarms of the composite were not investigated");
        }
    }

    /**
     * Remediation never delays or suppresses the alert: any failure becomes a note. Every action is logged
     * and handed to {@code acted} the moment it returns, and kept for a reduced alert.
     */
    private List<RemediationOutcome> remediate(Progress p, Budget budget, Consumer<RemediationOutcome> acted) {
        try {
            return stages.remediator().remediate(candidates(p), p.alarm.accountId(), p.notification, budget, o -> {
                p.actedSoFar.add(o);
                log.info(
                        p.alarm.alarmName(),
                        "remediation " + o.status() + " " + o.action() + " " + o.resource()
                                + (o.detail() == null ? "" : ": " + o.detail()));
                acted.accept(o);
            });
        } catch (RuntimeException e) {
            p.notes.add("remediation failed: " + e.getMessage());
            return List.copyOf(p.actedSoFar);
        }
    }
}
