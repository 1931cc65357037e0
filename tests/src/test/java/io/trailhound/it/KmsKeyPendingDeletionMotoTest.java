package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** End to end against moto for a KMS key pending deletion: DescribeKey state and date, ListAliases, invokedBy. */
class KmsKeyPendingDeletionMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @Test
    void alertNamesTheKeyStateAliasesAndTheServiceThatCalled() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        var key = w.aws.kms.createKey(b -> b.description("reporting data key")).keyMetadata();
        w.aws.kms.createAlias(b -> b.aliasName("alias/reporting").targetKeyId(key.keyId()));
        Instant deletion = w.aws.kms
                .scheduleKeyDeletion(b -> b.keyId(key.keyId()).pendingWindowInDays(9))
                .deletionDate();

        w.logGroupWithFilter(
                "CloudTrail/MyCloudWatchLogGroup",
                MetricFilterCatalog.KMS_PATTERN,
                "CloudTrailLogMetrics",
                "KMSKeyPendingDeletionErrorCount");
        String pending = key.arn() + " is pending deletion.";
        var viaS3 = w.record(
                20,
                Map.of(
                        "eventSource",
                        "kms.amazonaws.com",
                        "eventName",
                        "GenerateDataKey",
                        "errorCode",
                        "KMSInvalidStateException",
                        "errorMessage",
                        pending,
                        "sourceIPAddress",
                        "s3.amazonaws.com",
                        "userIdentity",
                        Map.of(
                                "type",
                                "AssumedRole",
                                "arn",
                                "arn:aws:sts::123456789012:assumed-role/uploader/s1",
                                "invokedBy",
                                "s3.amazonaws.com",
                                "sessionContext",
                                Map.of("sessionIssuer", Map.of("arn", "arn:aws:iam::123456789012:role/uploader")))));
        var direct = w.record(
                45,
                Map.of(
                        "eventSource",
                        "kms.amazonaws.com",
                        "eventName",
                        "Decrypt",
                        "errorCode",
                        "KMSInvalidStateException",
                        "errorMessage",
                        pending));
        var disabledNoise = w.record(
                50,
                Map.of(
                        "eventSource",
                        "kms.amazonaws.com",
                        "eventName",
                        "Decrypt",
                        "errorCode",
                        "DisabledException",
                        "errorMessage",
                        key.arn() + " is disabled."));
        var otherServiceNoise = w.record(
                55,
                Map.of(
                        "eventSource",
                        "secretsmanager.amazonaws.com",
                        "eventName",
                        "GetSecretValue",
                        "errorMessage",
                        pending));
        w.putEvents("CloudTrail/MyCloudWatchLogGroup", List.of(viaS3, direct, disabledNoise, otherServiceNoise));

        w.invoke(
                "--event",
                w.alarmEvent(
                                dir,
                                "KMSKeyPendingDeletionErrorAlarm",
                                "CloudTrailLogMetrics",
                                "KMSKeyPendingDeletionErrorCount")
                        .toString());

        JsonNode doc = w.alerts().get(0).doc();
        assertThat(doc.path("detection").asText()).isEqualTo("KMS_KEY_PENDING_DELETION");
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(2);
        assertThat(doc.path("findings")).hasSize(2);
        for (JsonNode f : doc.path("findings")) {
            assertThat(f.at("/resource/arn").asText()).isEqualTo(key.arn());
            assertThat(f.at("/resource/state").asText()).isEqualTo("PendingDeletion");
            assertThat(f.at("/resource/aliases").toString()).contains("alias/reporting");
            assertThat(f.at("/resource/description").asText()).isEqualTo("reporting data key");
            assertThat(Instant.parse(f.at("/resource/deletionDate").asText())).isEqualTo(deletion);
            assertThat(f.at("/resource/daysLeft").asLong()).isEqualTo(9);
        }
        JsonNode s3 = java.util.stream.StreamSupport.stream(doc.path("findings").spliterator(), false)
                .filter(f -> f.path("eventName").asText().equals("GenerateDataKey"))
                .findFirst()
                .orElseThrow();
        assertThat(s3.at("/caller/invokedBy").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(s3.at("/caller/principal").asText()).isEqualTo("arn:aws:iam::123456789012:role/uploader");
    }
}
