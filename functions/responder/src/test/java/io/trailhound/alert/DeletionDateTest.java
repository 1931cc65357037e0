package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeletionDateTest {
    static final Instant DATE = Instant.parse("2026-11-27T16:02:11Z");

    @Test
    void aDateAheadSaysHowManyDaysAreLeftAndOnePassedSaysSo() {
        assertThat(DeletionDate.describe(DATE, Instant.parse("2026-11-23T10:21:08Z")))
                .isEqualTo("2026-11-27T16:02:11Z (5 day(s) left)");
        assertThat(DeletionDate.describe(DATE, Instant.parse("2026-11-27T10:00:00Z")))
                .isEqualTo("2026-11-27T16:02:11Z (less than a day left)");
        assertThat(DeletionDate.describe(DATE, Instant.parse("2026-11-27T20:00:00Z")))
                .isEqualTo("2026-11-27T16:02:11Z (passed less than a day ago)");
        assertThat(DeletionDate.describe(DATE, Instant.parse("2026-12-02T03:00:00Z")))
                .isEqualTo("2026-11-27T16:02:11Z (passed 4 day(s) ago)");
        assertThat(DeletionDate.passed(DATE, DATE)).isTrue();
        assertThat(DeletionDate.passed(DATE, DATE.minusSeconds(1))).isFalse();
    }
}
