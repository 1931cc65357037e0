package io.trailhound.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alarm.TimeWindow;
import io.trailhound.budget.Budget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceCollectorTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:15:00Z");
    static final TimeWindow WINDOW = new TimeWindow(T0, T0.plusSeconds(600), true, "test");
    static final MetricFilter FILTER = new MetricFilter("f", "g", "{ $.eventName = \"Hit\" }", "ns", "m");

    /** A source of {@code n} events, every other one a match, with eventIDs repeating every {@code idCycle}. */
    static EventSource source(int n, int idCycle) {
        return (filter, window, budget, sink) -> {
            for (int i = 0; i < n; i++) {
                String name = i % 2 == 0 ? "Hit" : "Miss";
                sink.accept(RawEvent.text(
                        "{\"eventName\":\"" + name + "\",\"eventID\":\"id-" + (i % idCycle) + "\"}", T0, "test"));
            }
            return EventSource.Result.COMPLETE;
        };
    }

    /** A clock that moves forward one millisecond each time it is read. */
    static Clock ticking() {
        return new Clock() {
            long ms;

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return T0.plusMillis(ms++);
            }
        };
    }

    @Test
    void countsAreExactAndDuplicatesCountOnce() {
        List<TrailEvent> got = new ArrayList<>();
        EvidenceCollector.Summary s = new EvidenceCollector(source(10_000, 4_000), 100_000)
                .collect(List.of(FILTER), WINDOW, Budget.unlimited(Clock.systemUTC()), got::add);
        assertThat(s.candidates()).isEqualTo(10_000);
        assertThat(s.matched()).isEqualTo(2_000); // ids repeat every 4000 events, so 5000 hits hold 2000 distinct ids
        assertThat(s.duplicates()).isEqualTo(3_000);
        assertThat(got).hasSize(2_000);
        assertThat(s.partial()).isFalse();
    }

    @Test
    void deadlineStopsTheScanAndMarksItPartial() {
        Clock clock = ticking();
        Instant deadline = T0.plusMillis(20); // ~20 clock reads: the scan stops after ~20 x 64 candidates
        EvidenceCollector.Summary s = new EvidenceCollector(source(1_000_000, 1_000_000), 100_000)
                .collect(List.of(FILTER), WINDOW, Budget.until(deadline, clock), e -> {});
        assertThat(s.partial()).isTrue();
        assertThat(s.candidates()).isBetween(1_000L, 2_000L);
        assertThat(s.problems()).singleElement().asString().contains("stopped at its deadline after " + s.candidates());
        assertThat(s.notFullyRead()).containsExactly("g");
    }

    @Test
    void deadlineAlreadyPassedScansNothing() {
        EvidenceCollector.Summary s = new EvidenceCollector(source(100, 100), 100)
                .collect(
                        List.of(FILTER),
                        WINDOW,
                        Budget.until(Instant.now().minus(Duration.ofSeconds(1)), Clock.systemUTC()),
                        e -> {});
        assertThat(s.partial()).isTrue();
        assertThat(s.candidates()).isZero();
    }

    @Test
    void plainLogLinesMatchTermPatternsAndTakeTheLogTime() {
        MetricFilter errors = new MetricFilter("errors", "app", "ERROR -DEBUG", "ns", "m");
        EventSource lines = (filter, window, budget, sink) -> {
            sink.accept(RawEvent.text("ERROR payment failed", T0.plusSeconds(5), "app/stream"));
            sink.accept(RawEvent.text("DEBUG ERROR ignored", T0.plusSeconds(6), "app/stream"));
            return EventSource.Result.COMPLETE;
        };
        List<TrailEvent> got = new ArrayList<>();
        new EvidenceCollector(lines, 100)
                .collect(List.of(errors), WINDOW, Budget.unlimited(Clock.systemUTC()), got::add);
        assertThat(got).singleElement().satisfies(e -> {
            assertThat(e.text("message")).isEqualTo("ERROR payment failed");
            assertThat(e.eventTime()).isEqualTo(T0.plusSeconds(5));
            assertThat(e.origin()).isEqualTo("app/stream");
        });
    }

    @Test
    void patternOurEngineRejectsFallsBackToCloudWatchFiltering() {
        MetricFilter odd = new MetricFilter("weird", "g", "{ $.a = %(x)% }", "ns", "m");
        List<TrailEvent> got = new ArrayList<>();
        EvidenceCollector.Summary s = new EvidenceCollector(source(10, 10), 100)
                .collect(List.of(odd), WINDOW, Budget.unlimited(Clock.systemUTC()), got::add);
        assertThat(got).hasSize(10);
        assertThat(s.problems())
                .singleElement()
                .asString()
                .startsWith("metric filter 'weird': invalid filter pattern at position")
                .endsWith("relying on CloudWatch Logs' own filtering for it");
    }
}
