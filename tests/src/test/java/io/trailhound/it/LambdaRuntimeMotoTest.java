package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The function as Lambda runs it ({@link LambdaRuntime}: the sam-build artifact, the real runtime interface
 * client, our Runtime API emulator) against moto, with the environment template.yaml gives it.
 */
class LambdaRuntimeMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static FunctionConfig config(SampleWorld w) throws Exception {
        return FunctionConfig.fromTemplate(w.resources());
    }

    /**
     * An on-demand init builds only the clients every alarm needs, and nothing on the way loads the SDK's
     * metadata of every Region and service; the root alarm then needs neither. Read from the JVM's class log.
     */
    @Test
    void onDemandInitBuildsOnlyTheClientsEveryAlarmNeedsAndNoRegionMetadata() throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        java.nio.file.Path classLog = java.nio.file.Files.createTempFile("on-demand-classes", ".log");
        List<String> flags = new java.util.ArrayList<>(LambdaRuntime.RUNTIME_FLAGS);
        flags.add("-Xlog:class+load:file=" + classLog);
        try (LambdaRuntime fn = new LambdaRuntime(config(w).withSnapStart(false), MOTO.env(), flags)) {
            assertThat(fn.start().error()).as(fn.output()).isNull();
            String init = java.nio.file.Files.readString(classLog);
            assertThat(init)
                    .as("built during init")
                    .contains(
                            "services.cloudwatchlogs.DefaultCloudWatchLogsClient ",
                            "services.cloudwatch.DefaultCloudWatchClient ",
                            "services.sns.DefaultSnsClient ")
                    .as("built when an alarm first needs them")
                    .doesNotContain(
                            "services.secretsmanager.DefaultSecretsManagerClient ",
                            "services.kms.DefaultKmsClient ",
                            "services.cloudtrail.DefaultCloudTrailClient ")
                    .as("the SDK's metadata of every Region and service")
                    .doesNotContain("regions.GeneratedServiceMetadataProvider ");
            String root = w.events().entrySet().stream()
                    .filter(e -> e.getKey().contains("root"))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            LambdaRuntime.Invocation r = fn.invoke(SampleWorld.redelivered(root));
            assertThat(r.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            assertThat(java.nio.file.Files.readString(classLog))
                    .as("the root alarm needs no secret or key client")
                    .doesNotContain(
                            "services.secretsmanager.DefaultSecretsManagerClient ", "services.kms.DefaultKmsClient ")
                    .as("nor the SDK's Region metadata, also when it names the account (Organizations)")
                    .doesNotContain("regions.GeneratedServiceMetadataProvider ");
        } finally {
            java.nio.file.Files.deleteIfExists(classLog);
        }
    }

    @Test
    void onDemandEverySampleEventAnswersAndItsAlertLandsWithTheOfflineCounts() throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        Map<String, String> events = w.events();
        assertThat(events).hasSize(3);
        try (LambdaRuntime fn = new LambdaRuntime(config(w).withSnapStart(false), MOTO.env())) {
            LambdaRuntime.Init init = fn.start();
            assertThat(init.error()).as(fn.output()).isNull();
            for (Map.Entry<String, String> e : events.entrySet()) {
                LambdaRuntime.Invocation r = fn.invoke(SampleWorld.redelivered(e.getValue()));
                assertThat(r.status()).as(e.getKey() + "\n" + fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
                assertThat(r.body())
                        .as(e.getKey() + ": the handler says where the alert went")
                        .contains("sns:" + w.world.alertTopicArn);

                List<World.Alert> alerts = w.world.alerts();
                assertThat(alerts).as(e.getKey()).hasSize(1);
                JsonNode doc = alerts.get(0).doc();
                JsonNode offline = World.JSON.readTree(w.world
                        .invokeWith(
                                Map.of("ALERT_TOPIC_ARN", ""),
                                "--event",
                                SampleWorld.EVENTS.resolve(e.getKey()).toString(),
                                "--cloudtrail",
                                SampleWorld.EVENTS.resolve("cloudtrail").toString(),
                                "--format",
                                "json")
                        .out());
                assertThat(doc.at("/alarm/name").asText())
                        .isEqualTo(offline.at("/alarm/name").asText());
                assertThat(doc.at("/counts/matched").asLong())
                        .as(e.getKey() + ": the same events as the offline run over the same records")
                        .isPositive()
                        .isEqualTo(offline.at("/counts/matched").asLong());
                w.world.aws.sqs.purgeQueue(b -> b.queueUrl(w.world.queueUrl));
            }
            assertThat(fn.alive()).isTrue();
        }
    }

    @Test
    void snapStartRunsTheCheckpointHooksBeforeRestoreNextThenAnswersAfterRestore() throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        try (LambdaRuntime fn = new LambdaRuntime(config(w), MOTO.env())) {
            LambdaRuntime.Init init = fn.start();
            assertThat(init.error()).as(fn.output()).isNull();
            assertThat(fn.output())
                    .as("beforeCheckpoint ran before /restore/next")
                    .contains("SnapStart priming: ");
            assertThat(fn.output()).doesNotContain("SnapStart restore: ");
            fn.restore();
            assertThat(fn.output()).contains("SnapStart restore: ");

            LambdaRuntime.Invocation r =
                    fn.invoke(SampleWorld.redelivered(w.events().get("sns-alarm-root-usage.json")));

            assertThat(r.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            assertThat(w.world.alerts())
                    .singleElement()
                    .satisfies(
                            a -> assertThat(a.doc().at("/alarm/name").asText()).isEqualTo("RootAccountUsage"));
        }
    }

    @Test
    void everyLineTheFunctionWritesIsAJsonLogEntryWithTimeLevelRequestIdAndAlarmAndTheAlertIsLoggedInFull()
            throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        try (LambdaRuntime fn = new LambdaRuntime(config(w), MOTO.env())) {
            assertThat(fn.start().error()).as(fn.output()).isNull();
            fn.restore();
            // the JVM's own notice of the template's JAVA_TOOL_OPTIONS comes before the function runs
            List<JsonNode> init = LambdaRuntime.jsonLines(
                    fn.output().replaceFirst("^Picked up JAVA_TOOL_OPTIONS: .*\n", ""), fn.output());
            assertThat(init)
                    .as("init: the priming line and the restore line, outside any invocation")
                    .extracting(l -> l.path("message").asText().replaceAll(":.*", ""))
                    .contains("SnapStart priming", "SnapStart restore");

            int before = fn.output().length();
            LambdaRuntime.Invocation root =
                    fn.invoke(SampleWorld.redelivered(w.events().get("sns-alarm-root-usage.json")));
            assertThat(root.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            String rootLines = fn.output().substring(before);
            List<JsonNode> lines = LambdaRuntime.jsonLines(rootLines, fn.output());
            assertThat(lines).as(rootLines).isNotEmpty().allSatisfy(l -> {
                assertThat(java.time.Instant.parse(l.path("timestamp").asText()))
                        .isAfter(java.time.Instant.now().minusSeconds(600));
                assertThat(l.path("level").asText()).isIn("INFO", "WARN", "ERROR");
                assertThat(l.path("AWSRequestId").asText()).isEqualTo(root.requestId());
                assertThat(l.path("message").asText()).startsWith("alarm RootAccountUsage: ");
            });
            String alertLine = lines.stream()
                    .map(l -> l.path("message").asText())
                    .filter(m -> m.startsWith("alarm RootAccountUsage: alert: "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no alert line in\n" + rootLines));
            assertThat(World.JSON.readTree(alertLine.substring("alarm RootAccountUsage: alert: ".length())))
                    .as("the alert is logged in full: the document published")
                    .isEqualTo(w.world.alerts().get(0).doc());

            before = fn.output().length();
            LambdaRuntime.Invocation bad = fn.invoke("{\"Records\": [ this is not JSON");
            assertThat(bad.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            String badLines = fn.output().substring(before);
            assertThat(LambdaRuntime.jsonLines(badLines, fn.output()))
                    .as(badLines)
                    .isNotEmpty()
                    .allSatisfy(l -> {
                        assertThat(l.path("AWSRequestId").asText()).isEqualTo(bad.requestId());
                        assertThat(l.path("message").asText()).startsWith("alarm (none): ");
                    })
                    .anySatisfy(l -> assertThat(l.path("level").asText()).isEqualTo("ERROR"));
        }
    }

    /**
     * The SDK's own warnings reach the log as the function's lines do (SdkLogProvider). The trigger is a real
     * one: an {@code AWS_SDK_UA_APP_ID} longer than the SDK's recommended 50 characters makes the SDK warn for
     * each client it builds; on demand, the Secrets Manager client is built when the secret alarm first needs it,
     * inside that invocation.
     */
    @Test
    void anSdkWarningIsAJsonLogEntryWithLevelWarnAndTheInvocationsRequestId() throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        String appId = "security-operations-trailhound-responder-production-org";
        assertThat(appId.length()).isGreaterThan(50);
        String warning = "alarm (none): software.amazon.awssdk.core.internal.useragent.SdkUserAgentBuilder: The"
                + " configured appId '" + appId + "' is longer than the recommended maximum length of 50.";
        try (LambdaRuntime fn = new LambdaRuntime(
                config(w).withSnapStart(false).withEnvironment(Map.of("AWS_SDK_UA_APP_ID", appId)), MOTO.env())) {
            assertThat(fn.start().error()).as(fn.output()).isNull();
            String init = fn.output().replaceFirst("^Picked up JAVA_TOOL_OPTIONS: .*\n", "");
            assertThat(LambdaRuntime.jsonLines(init, fn.output()))
                    .as("init: the clients every alarm needs warn too, outside any invocation")
                    .anySatisfy(l -> {
                        assertThat(l.path("level").asText()).isEqualTo("WARN");
                        assertThat(l.path("message").asText()).startsWith(warning);
                        assertThat(l.has("AWSRequestId")).isFalse();
                    });

            int before = fn.output().length();
            LambdaRuntime.Invocation secret =
                    fn.invoke(SampleWorld.redelivered(w.events().get("sns-alarm-secret-deletion.json")));
            assertThat(secret.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            String lines = fn.output().substring(before);
            assertThat(LambdaRuntime.jsonLines(lines, fn.output()))
                    .as(lines)
                    .filteredOn(l -> l.path("message").asText().startsWith(warning))
                    .isNotEmpty()
                    .allSatisfy(l -> {
                        assertThat(l.path("level").asText()).isEqualTo("WARN");
                        assertThat(java.time.Instant.parse(l.path("timestamp").asText()))
                                .isAfter(java.time.Instant.now().minusSeconds(600));
                    })
                    // those built on the invocation's thread; the runtime client keeps the request id per thread,
                    // so the CloudTrail lookups' own threads log without it (docs/DESIGN.md, Logging)
                    .anySatisfy(l -> assertThat(l.path("AWSRequestId").asText()).isEqualTo(secret.requestId()));
            assertThat(fn.output())
                    .as("SLF4J found its provider: no fallback notice")
                    .doesNotContain("SLF4J");
        }
    }

    @Test
    void malformedEventStillReachesPeopleAsAnUnreadableNotificationAndTheRuntimeServesTheNextOne() throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        try (LambdaRuntime fn = new LambdaRuntime(config(w).withSnapStart(false), MOTO.env())) {
            // The handler reads the raw event itself (a stream handler), so even broken JSON is not lost.
            LambdaRuntime.Invocation bad = fn.invoke("{\"Records\": [ this is not JSON");

            assertThat(bad.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            assertThat(w.world.alerts())
                    .singleElement()
                    .satisfies(
                            a -> assertThat(a.doc().path("detection").asText()).isEqualTo("UNREADABLE_NOTIFICATION"));

            String notAnAlarm =
                    "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"MessageId\":\"m-1\",\"Subject\":\"hello\","
                            + "\"Message\":\"this is not an alarm\"}}]}";
            LambdaRuntime.Invocation unreadable = fn.invoke(notAnAlarm);
            assertThat(unreadable.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            assertThat(w.world.alerts())
                    .singleElement()
                    .satisfies(
                            a -> assertThat(a.doc().path("detection").asText()).isEqualTo("UNREADABLE_NOTIFICATION"));
            assertThat(fn.alive()).isTrue();
        }
    }

    @Test
    void hungRuntimeTimesTheInvocationOutAndTheNextInvocationGetsAFreshRuntime() throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        try (LambdaRuntime fn =
                new LambdaRuntime(config(w).withSnapStart(false).withTimeout(Duration.ofSeconds(5)), MOTO.env())) {
            assertThat(fn.start().error()).isNull();
            fn.hang();
            String event = SampleWorld.redelivered(w.events().get("sns-alarm-root-usage.json"));

            LambdaRuntime.Invocation hung = fn.invoke(event);

            assertThat(hung.status()).isEqualTo(LambdaRuntime.Status.TIMED_OUT);
            assertThat(hung.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            assertThat(fn.alive()).as("Lambda stops a timed-out environment").isFalse();
            assertThat(w.world.alerts()).isEmpty();

            LambdaRuntime.Invocation next = fn.invoke(SampleWorld.redelivered(event));
            assertThat(next.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
            assertThat(w.world.alerts())
                    .singleElement()
                    .satisfies(
                            a -> assertThat(a.doc().at("/alarm/name").asText()).isEqualTo("RootAccountUsage"));
        }
    }

    @Test
    void stalledAwsCallStillAnswersBeforeTheDeadlineTheRuntimeGaveWithAnAlert() throws Exception {
        SampleWorld w = new SampleWorld(MOTO);
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint())) {
            Map<String, String> env = new HashMap<>(MOTO.env());
            env.put("AWS_ENDPOINT_URL", proxy.endpoint());
            proxy.delay("Logs_20140328.DescribeMetricFilters", Duration.ofSeconds(60));
            // The deadline reaches the handler as the Lambda-Runtime-Deadline-Ms header, through the runtime client.
            try (LambdaRuntime fn =
                    new LambdaRuntime(config(w).withSnapStart(false).withTimeout(Duration.ofSeconds(15)), env)) {
                LambdaRuntime.Invocation r =
                        fn.invoke(SampleWorld.redelivered(w.events().get("sns-alarm-root-usage.json")));

                assertThat(r.status()).as(fn.output()).isEqualTo(LambdaRuntime.Status.SUCCESS);
                assertThat(fn.alive()).isTrue();
                assertThat(w.world.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.doc().at("/alarm/name").asText()).isEqualTo("RootAccountUsage");
                    assertThat(a.doc().path("partial").asBoolean())
                            .as(a.doc().toString())
                            .isTrue();
                });
            }
        }
    }
}
