package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.cli.Cli;
import io.trailhound.evidence.MetricFilterCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throttling, 5xx and AccessDenied from AWS, injected by {@link FaultProxy} in front of moto: retries are
 * bounded, and whatever still fails is named in the alert, which always goes out. Only a failed publish
 * fails the run.
 */
class FaultsMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    World world;
    FaultProxy proxy;

    @BeforeEach
    void world() throws Exception {
        world = new World(MOTO);
        world.alertTopicWithQueue();
        world.aws.secrets.createSecret(b -> b.name("prod/db").secretString("v"));
        world.aws.secrets.deleteSecret(b -> b.secretId("prod/db").recoveryWindowInDays(7L));
        world.logGroupWithFilter(
                "CloudTrail/MyCloudWatchLogGroup",
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        world.putEvents(
                "CloudTrail/MyCloudWatchLogGroup", List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        proxy = new FaultProxy(MOTO.endpoint());
    }

    @org.junit.jupiter.api.AfterEach
    void closeProxy() {
        proxy.close();
    }

    JsonNode alertThroughProxy() throws Exception {
        world.invokeWith(
                Map.of("AWS_ENDPOINT_URL", proxy.endpoint()),
                "--event",
                world.alarmEvent(
                                dir,
                                "AttemptsToAccessDeletedSecretsAlarm",
                                "CloudTrailLogMetrics",
                                "AttemptsToAccessDeletedSecrets")
                        .toString());
        return world.alerts().get(0).doc();
    }

    @Test
    void throttlingIsRetriedWithBackoffAndTheAlertIsComplete() throws Exception {
        proxy.fail("secretsmanager.DescribeSecret", 2, 400, "ThrottlingException", "Rate exceeded");
        JsonNode doc = alertThroughProxy();
        assertThat(doc.at("/findings/0/resource/state").asText()).isEqualTo("ScheduledForDeletion");
        assertThat(proxy.calls("secretsmanager.DescribeSecret")).isEqualTo(3);
    }

    @Test
    void throttlingThatPersistsIsBoundedAndNamedInTheAlert() throws Exception {
        proxy.fail("secretsmanager.DescribeSecret", 1_000, 400, "ThrottlingException", "Rate exceeded");
        JsonNode doc = alertThroughProxy();
        assertThat(doc.at("/findings/0/resource/unknown/0").asText())
                .isEqualTo("secretsmanager:DescribeSecret failed: ThrottlingException (Rate exceeded)");
        assertThat(proxy.calls("secretsmanager.DescribeSecret"))
                .as("standard retry mode: 3 attempts")
                .isEqualTo(3);
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(1);
    }

    @Test
    void serverErrorsWhileSearchingAreRetried() throws Exception {
        proxy.fail("Logs_20140328.FilterLogEvents", 2, 503, "ServiceUnavailableException", "try again");
        JsonNode doc = alertThroughProxy();
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(1);
        assertThat(doc.path("notes")).isEmpty();
    }

    @Test
    void accessDeniedOnDescribeMetricFiltersStillAlertsAndSaysWhy() throws Exception {
        proxy.fail("Logs_20140328.DescribeMetricFilters", 1_000, 400, "AccessDeniedException", "not authorized");
        JsonNode doc = alertThroughProxy();
        assertThat(doc.path("notes").toString())
                .contains("logs:DescribeMetricFilters failed: AccessDeniedException (not authorized)");
        assertThat(doc.at("/counts/matched").asLong()).isZero();
    }

    @Test
    void accessDeniedOnSearchIsANoteNotALostAlarm() throws Exception {
        proxy.fail("Logs_20140328.FilterLogEvents", 1_000, 400, "AccessDeniedException", "not authorized");
        JsonNode doc = alertThroughProxy();
        assertThat(doc.path("notes").toString())
                .contains("log group CloudTrail/MyCloudWatchLogGroup was not fully read (0 page(s),"
                        + " 0 event(s) read): logs:FilterLogEvents failed: AccessDeniedException (not authorized)");
        assertThat(doc.path("partial").asBoolean()).isTrue();
    }

    @Test
    void oneLookupByNameAndOneByEventServeEverySecretOfTheAlarmAndTheirFailureIsNamedForEach() throws Exception {
        world.aws.secrets.createSecret(b -> b.name("prod/cache").secretString("v"));
        world.aws.secrets.deleteSecret(b -> b.secretId("prod/cache").recoveryWindowInDays(10L));
        world.putEvents(
                "CloudTrail/MyCloudWatchLogGroup", List.of(world.record(40, World.deletedSecretRead("prod/cache"))));
        // AccessDenied is not retried, so the call count is the number of lookups made.
        proxy.fail(
                "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
                1_000,
                400,
                "AccessDeniedException",
                "not allowed");
        JsonNode doc = alertThroughProxy();
        assertThat(doc.at("/findings").size()).isEqualTo(2);
        for (JsonNode finding : doc.at("/findings")) {
            assertThat(finding.at("/resource/state").asText()).isEqualTo("ScheduledForDeletion");
            assertThat(finding.at("/resource/unknown").toString())
                    .contains(
                            "who scheduled the deletion: cloudtrail:LookupEvents failed: AccessDeniedException (not allowed)");
        }
        // the first secret by its ResourceName, the second (and any further) by one lookup of the event name.
        // The two start at once and share the Region's pacing slots: when the lookup by event name gets the
        // first slot, it serves the alert and the one by name reaches CloudTrail 500 ms later, possibly after
        // the alert is done, so the count is taken once that slot has passed.
        String lookupEvents = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (proxy.calls(lookupEvents) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(proxy.calls(lookupEvents)).isEqualTo(2);
        assertThat(proxy.calls("secretsmanager.DescribeSecret")).isEqualTo(2);
    }

    @Test
    void failedPublishIsExitOneWithOneLine() throws Exception {
        proxy.fail("Action=Publish", 1_000, 403, "AuthorizationError", "User is not authorized to perform SNS:Publish");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>(MOTO.env());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint());
        env.put("ALERT_TOPIC_ARN", world.alertTopicArn);
        int status = runCli(
                env,
                out,
                err,
                "invoke",
                "--event",
                world.alarmEvent(
                                dir,
                                "AttemptsToAccessDeletedSecretsAlarm",
                                "CloudTrailLogMetrics",
                                "AttemptsToAccessDeletedSecrets")
                        .toString());
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(stderr)
                .startsWith("trailhound: User is not authorized to perform SNS:Publish")
                .endsWith("\n");
        assertThat(stderr.lines().count()).isEqualTo(1);
        assertThat(world.alerts()).isEmpty();
    }

    static int runCli(Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Cli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
