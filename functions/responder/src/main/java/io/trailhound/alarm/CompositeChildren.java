package io.trailhound.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which children of a composite alarm to investigate and over which window. A child counts when
 * the notification names it as triggering, or when DescribeAlarms shows it in ALARM since before the
 * composite's state change (a composite goes to ALARM because its rule became true, often through one child
 * while another was already in ALARM). A metric child in ALARM is searched over the window of its own
 * datapoints; one that has left ALARM since is searched over its Period x EvaluationPeriods before the
 * composite's StateChangeTime. A child that is itself composite is reported, not followed.
 */
public final class CompositeChildren {
    /** The metrics to search, over one window covering every investigated child, and what to say about each child. */
    public record Resolution(
            List<AlarmNotification.MetricRef> metrics,
            TimeWindow window,
            List<ChildStatus> children,
            List<String> notes) {
        public Resolution {
            metrics = List.copyOf(metrics);
            children = List.copyOf(children);
            notes = List.copyOf(notes);
        }
    }

    private CompositeChildren() {}

    /** The children could not be described (offline, or DescribeAlarms failed): {@code why} says so. */
    public static Resolution unresolved(AlarmNotification composite, Duration slack, Instant receivedAt, String why) {
        List<ChildStatus> children = new ArrayList<>();
        for (String name : composite.composite().children()) {
            boolean fired = composite.composite().triggeringChildren().contains(name);
            children.add(new ChildStatus(
                    name, fired ? "ALARM" : null, false, fired ? "triggering, per the notification" : null));
        }
        return new Resolution(
                List.of(),
                BreachWindow.around(composite, slack, receivedAt, "composite alarm: no child alarm was investigated"),
                children,
                List.of(why));
    }

    /** The child names to ask for: the triggering ones first, then the rest of the rule's. */
    public static List<String> needed(AlarmNotification composite) {
        Set<String> names = new LinkedHashSet<>(composite.composite().triggeringChildren());
        names.addAll(composite.composite().children());
        return List.copyOf(names);
    }

    /** {@code described}: what DescribeAlarms said; a child it did not get to is said to be unread, not absent. */
    public static Resolution resolve(
            AlarmNotification composite, ChildAlarmSource.Children described, Duration slack, Instant receivedAt) {
        Map<String, ChildAlarm> byName = described.found().stream()
                .collect(Collectors.toMap(ChildAlarm::name, Function.identity(), (a, b) -> a));
        Set<String> unread = Set.copyOf(described.notRead());
        Instant changed = composite.stateChangeTime();
        List<AlarmNotification.MetricRef> metrics = new ArrayList<>();
        List<TimeWindow> windows = new ArrayList<>();
        List<ChildStatus> children = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> investigated = new ArrayList<>();
        for (String name : needed(composite)) {
            ChildAlarm child = byName.get(name);
            boolean fired = composite.composite().triggeringChildren().contains(name);
            if (child == null && unread.contains(name)) {
                children.add(
                        new ChildStatus(name, fired ? "ALARM" : null, false, "not read: " + described.whyNotRead()));
                continue;
            }
            if (child == null) {
                children.add(new ChildStatus(name, fired ? "ALARM" : null, false, "not found by DescribeAlarms"));
                continue;
            }
            boolean inAlarmBefore = "ALARM".equals(child.state())
                    && (changed == null
                            || child.stateUpdated() == null
                            || !child.stateUpdated().isAfter(changed));
            if (!fired && !inAlarmBefore) {
                children.add(new ChildStatus(name, child.state(), false, "not in ALARM at the transition"));
            } else if (child.isComposite()) {
                children.add(new ChildStatus(
                        name, child.state(), false, "itself a composite alarm: its children are not followed"));
            } else {
                AlarmNotification asSearched =
                        "ALARM".equals(child.state()) ? child.alarm() : sinceLeft(child.alarm(), changed);
                TimeWindow w = BreachWindow.of(asSearched, slack, receivedAt);
                windows.add(w);
                metrics.addAll(child.alarm().metrics());
                investigated.add(name);
                children.add(new ChildStatus(
                        name,
                        child.state(),
                        true,
                        "searched "
                                + child.alarm().metrics().stream()
                                        .map(AlarmNotification.MetricRef::display)
                                        .collect(Collectors.joining(", "))
                                + " over " + w.start() + " .. " + w.end()
                                + " (" + w.note() + ")"));
            }
        }
        if (!described.notRead().isEmpty()) {
            notes.add(described.notRead().size() + " child alarm(s) of composite alarm '" + composite.alarmName()
                    + "' could not be read (" + described.whyNotRead() + "), so their metrics were not searched: "
                    + String.join(", ", described.notRead()));
        }
        if (windows.isEmpty()) {
            notes.add("no child alarm of the composite was in ALARM at the transition and readable as a metric alarm");
            return new Resolution(
                    List.of(),
                    BreachWindow.around(
                            composite, slack, receivedAt, "composite alarm: no child alarm was investigated"),
                    children,
                    notes);
        }
        Instant start =
                windows.stream().map(TimeWindow::start).min(Instant::compareTo).orElseThrow();
        Instant end =
                windows.stream().map(TimeWindow::end).max(Instant::compareTo).orElseThrow();
        boolean fromDatapoints = windows.stream().allMatch(TimeWindow::fromDatapoints);
        return new Resolution(
                metrics.stream().distinct().toList(),
                new TimeWindow(
                        start,
                        end,
                        fromDatapoints,
                        "covering the window of each child alarm investigated (" + String.join(", ", investigated)
                                + ")"),
                children,
                notes);
    }

    /** A child no longer in ALARM: its StateReason is about the later transition, so search before the composite's change. */
    private static AlarmNotification sinceLeft(AlarmNotification child, Instant compositeChanged) {
        return new AlarmNotification(
                child.alarmName(),
                child.alarmArn(),
                child.accountId(),
                child.region(),
                child.newState(),
                child.oldState(),
                null,
                compositeChanged != null ? compositeChanged : child.stateChangeTime(),
                child.periodSeconds(),
                child.evaluationPeriods(),
                child.metrics(),
                null,
                null);
    }
}
