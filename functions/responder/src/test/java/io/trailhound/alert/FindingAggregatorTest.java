package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.detect.Finding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingAggregatorTest {
    @Test
    void groupsByResourceCallerIpAndApiWithExactCounts() {
        FindingAggregator agg = new FindingAggregator(10);
        for (int i = 0; i < 5; i++) {
            agg.add(AlertRendererTest.secretFinding("prod/db", "app", "203.0.113.10", "ua", i));
        }
        agg.add(AlertRendererTest.secretFinding("prod/db", "app", "203.0.113.99", "ua", 9));
        List<FindingGroup> groups = agg.groups();
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).count()).isEqualTo(5);
        assertThat(groups.get(0).exampleEventIds()).containsExactly("id-0", "id-1", "id-2");
        assertThat(groups.get(0).firstSeen()).isEqualTo(Instant.parse("2026-11-23T10:15:00Z"));
        assertThat(groups.get(0).lastSeen()).isEqualTo(Instant.parse("2026-11-23T10:15:04Z"));
    }

    @Test
    void countsStayExactBeyondTheGroupCap() {
        FindingAggregator agg = new FindingAggregator(3);
        for (int i = 0; i < 10; i++) {
            agg.add(AlertRendererTest.secretFinding("s" + i, "app", "ip", "ua", i));
        }
        assertThat(agg.total()).isEqualTo(10);
        assertThat(agg.groups()).hasSize(3);
        assertThat(agg.ungrouped()).isEqualTo(7);
    }

    @Test
    void aWriteCallRanksAboveBusierReadsOfTheSameSeverity() {
        FindingAggregator agg = new FindingAggregator(10);
        for (int i = 0; i < 50; i++) {
            agg.add(AlertRendererTest.secretFinding("prod/decoy", "app", "203.0.113.10", "ua", i));
        }
        Finding write = AlertRendererTest.secretFinding("prod/db", "app", "203.0.113.10", "ua", 99);
        agg.add(new Finding(
                write.detection(),
                write.resource(),
                write.caller(),
                write.eventSource(),
                "PutSecretValue",
                write.eventTime(),
                write.eventId(),
                write.sourceIp(),
                write.userAgent(),
                write.errorCode(),
                write.errorMessage(),
                write.resources(),
                write.root(),
                write.origin()));
        assertThat(agg.groups())
                .extracting(g -> g.first().eventName())
                .containsExactly("PutSecretValue", "GetSecretValue");
    }

    @Test
    void theFirstOfAGroupIsItsEarliestEventWhateverTheOrderOfArrival() {
        FindingAggregator agg = new FindingAggregator(10);
        for (int i : new int[] {5, 2, 9, 0, 7}) {
            agg.add(AlertRendererTest.secretFinding("prod/db", "app", "ip", "ua", i));
        }
        FindingGroup g = agg.groups().get(0);
        assertThat(g.first().eventId()).isEqualTo("id-0");
        assertThat(g.exampleEventIds()).containsExactly("id-0", "id-2", "id-5");
        assertThat(g.count()).isEqualTo(5);
    }
}
