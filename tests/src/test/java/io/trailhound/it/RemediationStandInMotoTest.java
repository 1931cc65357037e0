package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Guarded cancellation of deletions against moto, with CloudTrail's LookupEvents (which moto lacks) answered
 * by a stand-in holding the events that happened; AccessDenied comes from the fault-injecting proxy.
 */
class RemediationStandInMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    CloudTrailStandIn cloudTrail;

    @BeforeEach
    void standIn() throws Exception {
        cloudTrail = new CloudTrailStandIn(MOTO);
    }

    @AfterEach
    void close() {
        cloudTrail.close();
    }

    JsonNode remediationOf(World w, Map<String, String> env) throws Exception {
        return remediationOf(w, cloudTrail, env);
    }

    static final String LOG_GROUP = "CloudTrail/MyCloudWatchLogGroup";

    /** A secret scheduled for deletion a day before it was used in the window; returns its ARN. */
    static String secretWorld(World w, CloudTrailStandIn cloudTrail, String name, boolean tagged) {
        w.alertTopicWithQueue();
        w.logGroupWithFilter(
                LOG_GROUP,
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        return scheduledSecret(w, cloudTrail, name, tagged, 30);
    }

    /** One more secret scheduled for deletion, then used {@code secondsAfterDatapoint}; returns its ARN. */
    static String scheduledSecret(
            World w, CloudTrailStandIn cloudTrail, String name, boolean tagged, int secondsAfterDatapoint) {
        var create = software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest.builder()
                .name(name)
                .secretString("v");
        if (tagged) {
            create.tags(
                    Tag.builder().key("trailhound:auto-cancel").value("true").build());
        }
        String arn = w.aws.secrets.createSecret(create.build()).arn();
        w.aws.secrets.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
        cloudTrail.happened(List.of(w.deleteSecretCall(-86_400, name, arn, MotoServer.REGION)));
        w.happened(cloudTrail, LOG_GROUP, List.of(w.record(secondsAfterDatapoint, World.deletedSecretRead(name))));
        return arn;
    }

    JsonNode remediationOf(World w, CloudTrailStandIn cloudTrail, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("AWS_ENDPOINT_URL", cloudTrail.endpoint());
        w.invokeWith(
                all,
                "--event",
                w.alarmEvent(
                                dir,
                                "AttemptsToAccessDeletedSecretsAlarm",
                                "CloudTrailLogMetrics",
                                "AttemptsToAccessDeletedSecrets")
                        .toString());
        return w.alerts().get(0).doc().path("remediation");
    }

    static boolean scheduled(World w, String arn) {
        return w.aws.secrets.describeSecret(b -> b.secretId(arn)).deletedDate() != null;
    }

    @Test
    void taggedSecretIsRestoredAndARepeatedDeliveryIsANoOp() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w, cloudTrail, "prod/tagged", true);
        JsonNode first = remediationOf(w, Map.of("REMEDIATION", "on"));
        assertThat(first).hasSize(1);
        assertThat(first.at("/0/action").asText()).isEqualTo("RestoreSecret");
        assertThat(first.at("/0/status").asText()).isEqualTo("DONE");
        assertThat(first.at("/0/resource").asText()).isEqualTo(arn);
        assertThat(scheduled(w, arn)).isFalse();

        JsonNode again = remediationOf(w, Map.of("REMEDIATION", "on"));
        assertThat(again.at("/0/status").asText()).isEqualTo("ALREADY_DONE");
        assertThat(again.at("/0/detail").asText()).contains("no longer scheduled for deletion");
    }

    @Test
    void inLambdaTheRemediationLineGoesThroughTheRuntimeLoggerWithTheRequestIdAndTheAlarm() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w, cloudTrail, "prod/logged", true);
        Map<String, String> env = new java.util.HashMap<>(MOTO.env());
        env.put("AWS_ENDPOINT_URL", cloudTrail.endpoint());
        FunctionConfig config = FunctionConfig.fromTemplate(
                        Map.of("AlertTopic", w.alertTopicArn, "IdempotencyTable", ""))
                .withSnapStart(false)
                .withEnvironment(Map.of("REMEDIATION", "on"));
        String alarm = "AttemptsToAccessDeletedSecretsAlarm";
        try (LambdaRuntime fn = new LambdaRuntime(config, env)) {
            LambdaRuntime.Invocation r = fn.invoke(java.nio.file.Files.readString(
                    w.alarmEvent(dir, alarm, "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets")));
            assertThat(r.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            assertThat(scheduled(w, arn)).as(fn.output()).isFalse();
            assertThat(LambdaRuntime.jsonLines(
                            fn.output().replaceAll("(?m)^Picked up JAVA_TOOL_OPTIONS: .*$", ""), fn.output()))
                    .as(fn.output())
                    .filteredOn(l -> l.path("message").asText().contains("remediation DONE"))
                    .singleElement()
                    .satisfies(l -> {
                        assertThat(l.path("message").asText())
                                .isEqualTo("alarm " + alarm + ": remediation DONE RestoreSecret " + arn
                                        + ": the deletion is cancelled; the secret is usable again");
                        assertThat(l.path("level").asText()).isEqualTo("INFO");
                        assertThat(l.path("AWSRequestId").asText()).isEqualTo(r.requestId());
                        assertThat(l.path("timestamp").asText()).isNotBlank();
                    });
        }
    }

    @Test
    void untaggedSecretIsLeftAloneUnderTaggedScope() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w, cloudTrail, "prod/untagged", false);
        JsonNode r = remediationOf(w, Map.of("REMEDIATION", "on"));
        assertThat(r.at("/0/status").asText()).isEqualTo("SKIPPED");
        assertThat(r.at("/0/detail").asText())
                .isEqualTo("it is not tagged trailhound:auto-cancel=true (scope: tagged)");
        assertThat(scheduled(w, arn)).isTrue();
        assertThat(cloudTrail.lookups())
                .as("only the schedule lookup: nothing to confirm")
                .isEqualTo(1);
    }

    @Test
    void scopeAllStillHonoursTheDenyList() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w, cloudTrail, "prod/denied", false);
        JsonNode r = remediationOf(
                w,
                Map.of(
                        "REMEDIATION",
                        "on",
                        "REMEDIATION_SCOPE",
                        "all",
                        "REMEDIATION_DENY",
                        "arn:aws:secretsmanager:*:*:secret:prod/denied*"));
        assertThat(r.at("/0/status").asText()).isEqualTo("SKIPPED");
        assertThat(r.at("/0/detail").asText()).isEqualTo("it matches the deny list");
        assertThat(scheduled(w, arn)).isTrue();
    }

    @Test
    void theCapLimitsActionsPerInvocation() throws Exception {
        World w = new World(MOTO);
        String first = secretWorld(w, cloudTrail, "prod/first", true);
        String second = scheduledSecret(w, cloudTrail, "prod/second", true, 60);
        JsonNode r = remediationOf(w, Map.of("REMEDIATION", "on", "REMEDIATION_MAX_ACTIONS", "1"));
        assertThat(r).hasSize(2);
        assertThat(r.findValuesAsText("status")).containsExactly("DONE", "SKIPPED");
        assertThat(r.at("/1/detail").asText()).isEqualTo("the cap of 1 action(s) per invocation is reached");
        assertThat(scheduled(w, first) != scheduled(w, second))
                .as("exactly one of the two was restored")
                .isTrue();
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w, cloudTrail, "prod/dry", true);
        JsonNode r = remediationOf(w, Map.of("REMEDIATION", "dry-run"));
        assertThat(r.at("/0/status").asText()).isEqualTo("WOULD_DO");
        assertThat(scheduled(w, arn)).isTrue();
    }

    @Test
    void offIsTheDefaultAndReportsNothing() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w, cloudTrail, "prod/off", true);
        assertThat(remediationOf(w, Map.of())).isEmpty();
        assertThat(scheduled(w, arn)).isTrue();
    }

    @Test
    void accessDeniedIsReportedAndTheAlertStillGoesOut() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w, cloudTrail, "prod/denied-by-iam", true);
        cloudTrail
                .proxy()
                .fail(
                        "secretsmanager.RestoreSecret",
                        100,
                        400,
                        "AccessDeniedException",
                        "User: arn:aws:sts::123456789012:assumed-role/trailhound/x is not authorized to perform: secretsmanager:RestoreSecret");
        JsonNode r = remediationOf(w, Map.of("REMEDIATION", "on"));
        assertThat(r.at("/0/status").asText()).isEqualTo("FAILED");
        assertThat(r.at("/0/detail").asText())
                .startsWith("secretsmanager:RestoreSecret failed: AccessDeniedException (User:");
        assertThat(cloudTrail.proxy().calls("secretsmanager.RestoreSecret"))
                .as("AccessDenied is not retried")
                .isEqualTo(1);
        assertThat(scheduled(w, arn)).isTrue();
    }

    @Test
    void keyDeletionIsCancelledAndTheKeyEnabledAgain() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        var key = w.aws.kms
                .createKey(b -> b.tags(software.amazon.awssdk.services.kms.model.Tag.builder()
                        .tagKey("trailhound:auto-cancel")
                        .tagValue("true")
                        .build()))
                .keyMetadata();
        w.aws.kms.scheduleKeyDeletion(b -> b.keyId(key.keyId()).pendingWindowInDays(7));
        cloudTrail.happened(List.of(w.record(
                -86_400,
                Map.of(
                        "eventSource",
                        "kms.amazonaws.com",
                        "eventName",
                        "ScheduleKeyDeletion",
                        "requestParameters",
                        Map.of("keyId", key.keyId(), "pendingWindowInDays", 7),
                        "responseElements",
                        Map.of("keyId", key.arn())))));
        w.logGroupWithFilter(
                LOG_GROUP, MetricFilterCatalog.KMS_PATTERN, "CloudTrailLogMetrics", "KMSKeyPendingDeletionErrorCount");
        w.happened(
                cloudTrail,
                LOG_GROUP,
                List.of(w.record(
                        30,
                        Map.of(
                                "eventSource",
                                "kms.amazonaws.com",
                                "eventName",
                                "Decrypt",
                                "errorCode",
                                "KMSInvalidStateException",
                                "errorMessage",
                                key.arn() + " is pending deletion."))));
        w.invokeWith(
                Map.of("REMEDIATION", "on", "REENABLE_KEYS", "true", "AWS_ENDPOINT_URL", cloudTrail.endpoint()),
                "--event",
                w.alarmEvent(
                                dir,
                                "KMSKeyPendingDeletionErrorAlarm",
                                "CloudTrailLogMetrics",
                                "KMSKeyPendingDeletionErrorCount")
                        .toString());
        JsonNode r = w.alerts().get(0).doc().path("remediation");
        assertThat(r).hasSize(2);
        assertThat(r.at("/0/action").asText() + " " + r.at("/0/status").asText())
                .isEqualTo("CancelKeyDeletion DONE");
        assertThat(r.at("/1/action").asText() + " " + r.at("/1/status").asText())
                .isEqualTo("EnableKey DONE");
        assertThat(w.aws.kms
                        .describeKey(b -> b.keyId(key.keyId()))
                        .keyMetadata()
                        .keyState())
                .isEqualTo(KeyState.ENABLED);
    }
}
