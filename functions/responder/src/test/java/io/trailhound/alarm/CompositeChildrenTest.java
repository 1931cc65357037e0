package io.trailhound.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which children of a composite are investigated, and over which window. */
class CompositeChildrenTest {
    static final Duration SLACK = Duration.ofMinutes(10);
    static final Instant CHANGED = Instant.parse("2026-11-23T10:21:08Z");
    static final AlarmNotification.MetricRef SECRETS =
            new AlarmNotification.MetricRef("CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets", 300);
    static final AlarmNotification.MetricRef ROOT =
            new AlarmNotification.MetricRef("CloudTrailMetrics", "RootAccountUsageCount", 300);

    static AlarmNotification composite(List<String> triggering) {
        return new AlarmNotification(
                "Trail",
                "arn:aws:cloudwatch:us-east-1:111122223333:alarm:Trail",
                "111122223333",
                "us-east-1",
                "ALARM",
                "OK",
                "x transitioned to ALARM",
                CHANGED,
                0,
                1,
                List.of(),
                new AlarmNotification.Composite(
                        "ALARM(A) OR ALARM(B) OR ALARM(C) OR ALARM(D)", List.of("A", "B", "C", "D"), triggering),
                null);
    }

    static ChildAlarm metricChild(
            String name, String state, Instant updated, String reason, AlarmNotification.MetricRef metric) {
        return new ChildAlarm(
                name,
                state,
                updated,
                new AlarmNotification(
                        name,
                        null,
                        "111122223333",
                        "us-east-1",
                        state,
                        null,
                        reason,
                        updated,
                        300,
                        1,
                        List.of(metric)));
    }

    @Test
    void triggeringChildAndChildAlreadyInAlarmAreSearchedOthersAreSaidWhyNot() {
        var r = CompositeChildren.resolve(
                composite(List.of("A")),
                ChildAlarmSource.Children.all(List.of(
                        metricChild(
                                "A",
                                "ALARM",
                                CHANGED,
                                "1 out of the last 1 datapoints [1.0 (23/11/26 10:15:00)]",
                                SECRETS),
                        metricChild(
                                "B",
                                "ALARM",
                                CHANGED.minusSeconds(3600),
                                "1 out of the last 1 datapoints [1.0 (23/11/26 09:15:00)]",
                                ROOT),
                        new ChildAlarm("C", "ALARM", CHANGED.minusSeconds(60), null))),
                SLACK,
                Instant.EPOCH);
        assertThat(r.children())
                .extracting(ChildStatus::name, ChildStatus::investigated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", true),
                        org.assertj.core.groups.Tuple.tuple("B", true),
                        org.assertj.core.groups.Tuple.tuple("C", false),
                        org.assertj.core.groups.Tuple.tuple("D", false));
        assertThat(r.children().get(2).detail()).contains("itself a composite alarm");
        assertThat(r.children().get(3).detail()).isEqualTo("not found by DescribeAlarms");
        assertThat(r.metrics()).containsExactly(SECRETS, ROOT);
        assertThat(r.window().start())
                .as("B's datapoint, an hour earlier")
                .isEqualTo(Instant.parse("2026-11-23T09:05:00Z"));
        assertThat(r.window().end()).isEqualTo(Instant.parse("2026-11-23T10:30:00Z"));
    }

    @Test
    void childThatChangedAfterTheCompositeIsNotCountedUnlessItTriggered() {
        var r = CompositeChildren.resolve(
                composite(List.of()),
                ChildAlarmSource.Children.all(List.of(metricChild(
                        "A",
                        "ALARM",
                        CHANGED.plusSeconds(60),
                        "1 out of the last 1 datapoints [1.0 (23/11/26 10:17:00)]",
                        SECRETS))),
                SLACK,
                Instant.EPOCH);
        assertThat(r.children().get(0).investigated()).isFalse();
        assertThat(r.notes()).singleElement().asString().contains("no child alarm");
    }

    @Test
    void triggeringChildThatHasSinceRecoveredIsSearchedBeforeTheCompositesChange() {
        var r = CompositeChildren.resolve(
                composite(List.of("A")),
                ChildAlarmSource.Children.all(List.of(metricChild(
                        "A",
                        "OK",
                        CHANGED.plusSeconds(900),
                        "1 out of the last 1 datapoints [0.0 (23/11/26 10:30:00)] was not",
                        SECRETS))),
                SLACK,
                Instant.EPOCH);
        assertThat(r.children().get(0).investigated()).isTrue();
        assertThat(r.window().end()).isEqualTo(CHANGED.plus(SLACK));
        assertThat(r.window().start()).isEqualTo(CHANGED.minusSeconds(300).minus(SLACK));
    }

    @Test
    void childrenLeftUnreadAreSaidToBeUnreadNotAbsentAndTheNoteNamesThem() {
        var r = CompositeChildren.resolve(
                composite(List.of("A", "C")),
                new ChildAlarmSource.Children(
                        List.of(metricChild(
                                "A",
                                "ALARM",
                                CHANGED.minusSeconds(30),
                                "1 out of the last 1 datapoints [1.0 (23/11/26 10:17:00)]",
                                SECRETS)),
                        List.of("C", "D"),
                        "no time left for cloudwatch:DescribeAlarms"),
                SLACK,
                Instant.EPOCH);
        assertThat(r.children())
                .extracting(ChildStatus::name, ChildStatus::investigated, ChildStatus::detail)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "C", false, "not read: no time left for cloudwatch:DescribeAlarms"),
                        org.assertj.core.groups.Tuple.tuple(
                                "D", false, "not read: no time left for cloudwatch:DescribeAlarms"),
                        org.assertj.core.groups.Tuple.tuple("B", false, "not found by DescribeAlarms"));
        assertThat(r.children().stream()
                        .filter(c -> c.name().equals("C"))
                        .findFirst()
                        .orElseThrow()
                        .state())
                .as("triggering, per the notification")
                .isEqualTo("ALARM");
        assertThat(r.children().get(0).investigated())
                .as("A was read and is searched")
                .isTrue();
        assertThat(r.notes())
                .singleElement()
                .asString()
                .isEqualTo("2 child alarm(s) of composite alarm 'Trail' could not be read"
                        + " (no time left for cloudwatch:DescribeAlarms), so their metrics were not searched: C, D");
    }
}
