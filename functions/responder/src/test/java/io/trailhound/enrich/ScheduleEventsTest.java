package io.trailhound.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.detect.ResourceType;
import io.trailhound.json.Json;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleEventsTest {
    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            value = {
                "Nov 27, 2026, 4:02:11 PM => 2026-11-27T16:02:11Z",
                "Dec 1, 2026, 12:00:00 AM => 2026-12-01T00:00:00Z",
                "Dec 1, 2026, 12:30:00 PM => 2026-12-01T12:30:00Z",
                "2026-12-20T16:40:00Z     => 2026-12-20T16:40:00Z",
            })
    void readsTheDatesCloudTrailWrites(String text, String expected) {
        assertThat(ScheduleEvents.parseInstant(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void unknownFormatsAreNull() {
        assertThat(ScheduleEvents.parseInstant("Foo 31, 2026, 1:00:00 PM")).isNull();
        assertThat(ScheduleEvents.parseInstant("Feb 31, 2026, 1:00:00 PM")).isNull();
        assertThat(ScheduleEvents.parseInstant("tomorrow")).isNull();
    }

    @Test
    void deletionDateFallsBackToEventTimePlusWindow() throws Exception {
        var record = Json.parse("""
                {"eventName":"ScheduleKeyDeletion","eventTime":"2026-11-20T16:40:00Z","eventID":"s1",
                 "requestParameters":{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab","pendingWindowInDays":7},
                 "responseElements":{"keyId":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bob"}}""");
        Scheduling s = ScheduleEvents.read(record, ResourceType.KMS_KEY, Set.of("1234abcd-12ab-34cd-56ef-1234567890ab"))
                .orElseThrow();
        assertThat(s.deletionDate()).isEqualTo(Instant.parse("2026-11-27T16:40:00Z"));
        assertThat(s.by().principal()).isEqualTo("arn:aws:iam::111122223333:user/bob");
        assertThat(ScheduleEvents.read(record, ResourceType.KMS_KEY, Set.of("other")))
                .isEmpty();
    }
}
