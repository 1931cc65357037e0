package io.trailhound.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.detect.ResourceType;
import io.trailhound.json.Json;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleEventsTest {
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
