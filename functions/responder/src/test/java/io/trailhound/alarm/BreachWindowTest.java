package io.trailhound.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Windows that are right, or say why they are an estimate. */
class BreachWindowTest {
    static final Duration SLACK = Duration.ofMinutes(10);

    static AlarmNotification alarm(String reason, String stateChangeTime, int period, int evaluationPeriods) {
        return AlarmParser.parse(AlarmParserTest.ALARM
                .replaceAll("\"NewStateReason\":\"[^\"]*\"", "\"NewStateReason\":\"" + reason + "\"")
                .replace("2026-11-23T10:26:08.412+0000", stateChangeTime)
                .replace(
                        "\"Period\":300,\"EvaluationPeriods\":2",
                        "\"Period\":" + period + ",\"EvaluationPeriods\":" + evaluationPeriods));
    }

    @Test
    void onlyTheBracketedDatapointListCountsNotAThresholdsTimestamp() {
        TimeWindow w = BreachWindow.of(
                alarm(
                        "Threshold Crossed: 1 datapoint [125.0 (01/06/24 11:59:00)] was greater than the upper"
                                + " thresholds [100.0 (01/06/24 09:00:00)].",
                        "2024-06-01T12:00:00.000+0000",
                        60,
                        1),
                SLACK,
                Instant.EPOCH);
        assertThat(w.start()).isEqualTo(Instant.parse("2024-06-01T11:49:00Z"));
        assertThat(w.note()).startsWith("from 1 breaching datapoint(s)");
    }

    @Test
    void monthFirstSampleIsReadMonthFirstWhenOnlyThatEndsNearStateChangeTime() {
        TimeWindow w = BreachWindow.of(
                alarm(
                        "Threshold Crossed: 1 out of the last 1 datapoints [1234.0 (06/03/15 17:43:27)] was greater",
                        "2015-06-03T17:43:27.123+0000",
                        60,
                        1),
                SLACK,
                Instant.EPOCH);
        assertThat(w.fromDatapoints()).isTrue();
        assertThat(w.start()).isEqualTo(Instant.parse("2015-06-03T17:33:27Z"));
        assertThat(w.note())
                .contains("read month-first (MM/dd/yy): day-first they would end 88 day(s) away from StateChangeTime");
    }

    @Test
    void datapointsFarFromStateChangeTimeGiveTheFallbackWindowAndSayWhy() {
        // 20/11/26 cannot be read month-first, and day-first it is three days before the state change
        TimeWindow w = BreachWindow.of(
                alarm(
                        "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (20/11/26 10:15:00)] was greater",
                        "2026-11-23T10:26:08.412+0000",
                        300,
                        1),
                SLACK,
                Instant.EPOCH);
        assertThat(w.fromDatapoints()).isFalse();
        assertThat(w.end()).isEqualTo(Instant.parse("2026-11-23T10:36:08.412Z"));
        assertThat(w.note()).contains("do not end near StateChangeTime 2026-11-23T10:26:08.412Z");
    }

    @Test
    void nOutOfMWithFewerListedCoversTheLastMPeriods() {
        TimeWindow w = BreachWindow.of(
                alarm(
                        "Threshold Crossed: 30 out of the last 30 datapoints [1.0 (01/06/24 11:59:00)] were greater",
                        "2024-06-01T12:00:00.000+0000",
                        60,
                        30),
                SLACK,
                Instant.EPOCH);
        assertThat(w.start()).isEqualTo(Instant.parse("2024-06-01T11:20:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2024-06-01T12:10:00Z"));
        assertThat(w.note())
                .contains("lists 1 of the 30 breaching datapoints, so the window covers the last 30 periods");
    }

    @Test
    void allListedNeedsNoWidening() {
        TimeWindow w = BreachWindow.of(
                alarm(
                        "Threshold Crossed: 1 out of the last 20 datapoints [613.0 (16/03/24 12:15:00)] was greater",
                        "2024-03-16T12:16:45.770+0000",
                        60,
                        20),
                SLACK,
                Instant.EPOCH);
        assertThat(w.start()).isEqualTo(Instant.parse("2024-03-16T12:05:00Z"));
    }

    @Test
    void unreadableStateChangeTimeEndsTheWindowAtReceiptAndSaysSo() {
        Instant received = Instant.parse("2026-11-23T11:00:00Z");
        TimeWindow w = BreachWindow.of(
                alarm("Threshold Crossed: no datapoints were received for 2 periods", "date", 60, 2), SLACK, received);
        assertThat(w.end()).isEqualTo(received.plus(SLACK));
        assertThat(w.start()).isEqualTo(received.minusSeconds(120).minus(SLACK));
        assertThat(w.note())
                .contains(
                        "StateChangeTime 'date' is not a timestamp, so the window ends when Trailhound received the alarm");
    }

    @Test
    void windowSpansEveryDatapointPeriodWidenedBySlack() {
        TimeWindow w = BreachWindow.of(AlarmParser.parse(AlarmParserTest.ALARM), Duration.ofMinutes(10), Instant.EPOCH);
        assertThat(w.fromDatapoints()).isTrue();
        assertThat(w.start()).isEqualTo(Instant.parse("2026-11-23T10:05:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-11-23T10:35:00Z"));
    }

    @Test
    void windowFallsBackToStateChangeTimeWhenReasonHasNoDatapoints() {
        String noPoints = AlarmParserTest.ALARM.replaceAll("\\[.*?\\]", "[no data]");
        TimeWindow w = BreachWindow.of(AlarmParser.parse(noPoints), Duration.ofMinutes(5), Instant.EPOCH);
        assertThat(w.fromDatapoints()).isFalse();
        assertThat(w.start())
                .isEqualTo(Instant.parse("2026-11-23T10:26:08.412Z").minusSeconds(600 + 300));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-11-23T10:31:08.412Z"));
        assertThat(w.note()).contains("StateChangeTime minus Period x EvaluationPeriods");
    }
}
