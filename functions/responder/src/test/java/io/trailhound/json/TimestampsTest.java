package io.trailhound.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            value = {
                // CloudTrail's eventTime
                "2026-12-20T16:40:00Z          => 2026-12-20T16:40:00Z",
                // CloudWatch alarm notifications' StateChangeTime (offset without a colon)
                "2026-11-23T10:20:33.123+0000  => 2026-11-23T10:20:33.123Z",
                "2026-11-23T12:20:33.123+0200  => 2026-11-23T10:20:33.123Z",
                "2026-11-23T10:20:33.123+00:00 => 2026-11-23T10:20:33.123Z",
                // CloudTrail's deletionDate (UTC)
                "Nov 27, 2026, 4:02:11 PM      => 2026-11-27T16:02:11Z",
                "Dec 1, 2026, 12:00:00 AM      => 2026-12-01T00:00:00Z",
                "Dec 1, 2026, 12:30:00 PM      => 2026-12-01T12:30:00Z",
            })
    void readsTheTimestampsAwsWrites(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "tomorrow",
                "Foo 31, 2026, 1:00:00 PM",
                "Feb 31, 2026, 1:00:00 PM",
                "2026-13-01T00:00:00Z"
            })
    void anythingElseIsEmpty(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @Test
    void nullIsEmpty() {
        assertThat(Timestamps.parse(null)).isEmpty();
    }
}
