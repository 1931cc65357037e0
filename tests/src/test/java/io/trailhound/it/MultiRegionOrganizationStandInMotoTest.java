package io.trailhound.it;

import static io.trailhound.it.MotoAccounts.CENTRAL;
import static io.trailhound.it.MotoAccounts.MEMBER_A;
import static io.trailhound.it.MotoAccounts.MEMBER_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * A multi-Region organization trail: one log group receives the records of every account and Region. One
 * alarm's records from three accounts and three Regions are handled in one invocation, each resource in its
 * own account and Region (LookupEvents stand-in per account and Region); a multi-Region key's replica is
 * described and remediated in the replica's Region, leaving the primary alone.
 */
class MultiRegionOrganizationStandInMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @Test
    void recordsOfEveryRegionAreHandledInOneInvocationEachInItsOwnAccountAndRegion() throws Exception {
        try (OrgWorld org = new OrgWorld(MOTO, dir)) {
            String central = org.scheduledSecretRead(CENTRAL, "us-east-1", "prod/central-db", 20);
            String a = org.scheduledSecretRead(MEMBER_A, "us-west-2", "prod/db", 30);
            String b = org.scheduledSecretRead(MEMBER_B, "eu-west-1", "prod/db", 40);

            JsonNode alert = org.invoke("REMEDIATION_ACCOUNTS", MEMBER_A + "," + MEMBER_B);

            Map<String, JsonNode> findings = OrgWorld.findings(alert);
            assertThat(findings)
                    .containsOnlyKeys(
                            CENTRAL + " prod/central-db us-east-1",
                            MEMBER_A + " prod/db us-west-2",
                            MEMBER_B + " prod/db eu-west-1");
            assertThat(findings.get(MEMBER_A + " prod/db us-west-2").path("arn").asText())
                    .isEqualTo(a);
            assertThat(findings.get(MEMBER_B + " prod/db eu-west-1").path("arn").asText())
                    .isEqualTo(b);
            findings.values()
                    .forEach(r -> assertThat(r.at("/scheduledBy/at").asText())
                            .as("found in the event history of its own account and Region")
                            .isNotEmpty());
            assertThat(OrgWorld.remediation(alert))
                    .containsExactlyInAnyOrder("DONE " + central, "DONE " + a, "DONE " + b);
            assertThat(org.scheduled(MEMBER_A, "us-west-2", a)).isFalse();
            assertThat(org.scheduled(MEMBER_B, "eu-west-1", b)).isFalse();
        }
    }

    @Test
    void aMultiRegionKeysReplicaIsDescribedAndRemediatedInTheReplicasRegion() throws Exception {
        try (OrgWorld org = new OrgWorld(MOTO, dir)) {
            org.w.aws.logs.putMetricFilter(f -> f.logGroupName(OrgWorld.LOG_GROUP)
                    .filterName("KMSKeyPendingDeletionErrorCount-filter")
                    .filterPattern(MetricFilterCatalog.KMS_PATTERN)
                    .metricTransformations(t -> t.metricNamespace("CloudTrailLogMetrics")
                            .metricName("KMSKeyPendingDeletionErrorCount")
                            .metricValue("1")));
            KmsClient east = org.kms(MEMBER_A, "us-east-1");
            KmsClient west = org.kms(MEMBER_A, "eu-west-1");
            String keyId = east.createKey(k -> k.multiRegion(true).description("payments"))
                    .keyMetadata()
                    .keyId();
            String replica = east.replicateKey(r -> r.keyId(keyId).replicaRegion("eu-west-1"))
                    .replicaKeyMetadata()
                    .arn();
            west.scheduleKeyDeletion(s -> s.keyId(keyId).pendingWindowInDays(7));
            ObjectNode scheduled = OrgWorld.inAccount(
                    org.w.record(
                            -86_400,
                            Map.of(
                                    "eventSource", "kms.amazonaws.com",
                                    "eventName", "ScheduleKeyDeletion",
                                    "awsRegion", "eu-west-1",
                                    "requestParameters", Map.of("keyId", replica, "pendingWindowInDays", 7),
                                    "responseElements", Map.of("keyId", replica, "keyState", "PendingDeletion"))),
                    MEMBER_A);
            ObjectNode used = OrgWorld.inAccount(
                    org.w.record(
                            30,
                            Map.of(
                                    "eventSource", "kms.amazonaws.com",
                                    "eventName", "Decrypt",
                                    "awsRegion", "eu-west-1",
                                    "errorCode", "KMSInvalidStateException",
                                    "errorMessage", replica + " is pending deletion.")),
                    MEMBER_A);
            org.cloudTrail.happened(List.of(scheduled));
            org.w.happened(org.cloudTrail, OrgWorld.LOG_GROUP, List.of(used));

            JsonNode alert = org.standIn.invoke(
                    org.w.alarmEvent(
                            dir,
                            "KMSKeyPendingDeletionAlarm",
                            "CloudTrailLogMetrics",
                            "KMSKeyPendingDeletionErrorCount"),
                    "REMEDIATION_ACCOUNTS",
                    MEMBER_A);

            JsonNode r = alert.at("/findings/0/resource");
            assertThat(r.path("region").asText()).isEqualTo("eu-west-1");
            assertThat(r.path("account").asText()).isEqualTo(MEMBER_A);
            assertThat(r.path("arn").asText())
                    .as("DescribeKey in the replica's Region")
                    .isEqualTo(replica);
            assertThat(r.path("state").asText()).isEqualTo("PendingDeletion");
            assertThat(OrgWorld.remediation(alert)).containsExactly("DONE " + replica);
            assertThat(west.describeKey(d -> d.keyId(keyId)).keyMetadata().keyState())
                    .isEqualTo(KeyState.DISABLED);
            assertThat(east.describeKey(d -> d.keyId(keyId)).keyMetadata().keyState())
                    .as("the primary was never pending deletion and is left alone")
                    .isEqualTo(KeyState.ENABLED);
        }
    }
}
