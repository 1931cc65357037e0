package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.detect.Finding;
import io.trailhound.json.Json;
import io.trailhound.publish.SnsEnvelope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinuteHistogramTest {
    /** {@code n} reads of prod/db, {@code seconds[i]} after 10:15:00 each. */
    static List<Finding> reads(int... seconds) {
        List<Finding> out = new ArrayList<>();
        for (int s : seconds) {
            out.add(Fixtures.secretRead("prod/db", s));
        }
        return out;
    }

    @Test
    void oneLinePerMinuteWithEventsOneHashPerEventAndTheQuietMinutesBetween() {
        Alert a = Fixtures.alert(reads(0, 10, 59, 60, 420), Map.of(), List.of());
        assertThat(MinuteHistogram.lines(a.groups().get(0)))
                .containsExactly("10:15Z ### 3", "10:16Z #   1", "       (5 quiet minute(s))", "10:22Z #   1");
    }

    @Test
    void aBusyMinuteScalesTheBarsAndTheJsonHasEveryMinuteDense() throws Exception {
        int[] seconds = new int[125];
        for (int i = 0; i < 120; i++) {
            seconds[i] = i % 60; // 120 events at 10:15
        }
        for (int i = 120; i < 125; i++) {
            seconds[i] = 120; // 5 at 10:17
        }
        Alert a = Fixtures.alert(reads(seconds), Map.of(), List.of());
        assertThat(MinuteHistogram.lines(a.groups().get(0)))
                .containsExactly(
                        "10:15Z " + "#".repeat(MinuteHistogram.WIDTH) + " 120",
                        "       (1 quiet minute(s))",
                        "10:17Z #" + " ".repeat(MinuteHistogram.WIDTH) + "  5");
        JsonNode doc = Json.parse(new AlertRenderer(SnsEnvelope.SNS).render(a).json());
        assertThat(doc.at("/findings/0/perMinute").toString())
                .isEqualTo("{\"from\":\"2026-11-23T10:15:00Z\",\"counts\":[120,0,5]}");
    }

    @Test
    void beyondTheMinutesKeptTheEarliestStayWhateverTheArrivalOrderAndTheRestAreCounted() {
        int minutes = FindingAggregator.MAX_MINUTES + 20;
        List<Finding> all = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            all.add(Fixtures.secretRead("prod/db", m * 60));
        }
        List<Finding> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(18));
        FindingGroup inOrder = Fixtures.alert(all, Map.of(), List.of()).groups().get(0);
        FindingGroup anyOrder =
                Fixtures.alert(shuffled, Map.of(), List.of()).groups().get(0);
        assertThat(anyOrder.perMinute()).isEqualTo(inOrder.perMinute()).hasSize(FindingAggregator.MAX_MINUTES);
        assertThat(anyOrder.perMinute().firstKey()).isEqualTo(all.get(0).eventTime());
        assertThat(anyOrder.laterEvents()).isEqualTo(inOrder.laterEvents()).isEqualTo(20);
        assertThat(MinuteHistogram.lines(anyOrder))
                .hasSize(MinuteHistogram.LINES + 2)
                .endsWith(
                        "... and " + (FindingAggregator.MAX_MINUTES - MinuteHistogram.LINES)
                                + " more minute(s) with events (every minute is in the JSON document)",
                        "... and 20 event(s) in later minutes, counted but not drawn");
    }
}
