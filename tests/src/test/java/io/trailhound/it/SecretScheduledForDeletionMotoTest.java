package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.bench.Proc;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * End to end against moto: DescribeMetricFilters finds the filters in two log groups, FilterLogEvents
 * returns every event (moto ignores JSON patterns), our engine keeps only the real matches, DescribeSecret
 * gives the deletion date, and the alert arrives on the alert topic's SQS subscriber.
 */
class SecretScheduledForDeletionMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final String SECRET = "prod/payments/db-password";

    @TempDir
    Path dir;

    @Test
    void alertNamesTheSecretCallerIpCountAndDeletionDate() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        String arn = w.aws.secrets
                .createSecret(b -> b.name(SECRET)
                        .secretString("s3cr3t")
                        .tags(Tag.builder().key("team").value("payments").build()))
                .arn();
        w.aws.secrets.deleteSecret(b -> b.secretId(SECRET).recoveryWindowInDays(7L));
        Instant scheduled = Instant.now();

        w.logGroupWithFilter(
                "CloudTrail/MyCloudWatchLogGroup",
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        w.logGroupWithFilter(
                "CloudTrail/SecondTrail",
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        var failure = World.deletedSecretRead(SECRET);
        var hits = List.of(w.record(30, failure), w.record(75, failure), w.record(140, failure));
        var noise = List.of(
                w.record(
                        40,
                        Map.of(
                                "eventSource",
                                "secretsmanager.amazonaws.com",
                                "eventName",
                                "GetSecretValue",
                                "requestParameters",
                                Map.of("secretId", "prod/other"))),
                w.record(
                        50,
                        Map.of(
                                "eventSource",
                                "secretsmanager.amazonaws.com",
                                "eventName",
                                "DescribeSecret",
                                "errorMessage",
                                World.GONE)),
                w.record(
                        60,
                        Map.of(
                                "eventSource",
                                "secretsmanager.amazonaws.com",
                                "eventName",
                                "GetSecretValue",
                                "errorCode",
                                "ResourceNotFoundException",
                                "errorMessage",
                                "Secrets Manager can't find the specified secret.")),
                w.record(-3600, failure)); // an hour before the window
        w.putEvents("CloudTrail/MyCloudWatchLogGroup", concat(hits, noise));
        // The second trail delivers the same three events (same eventIDs) and one more from another IP.
        var other = w.record(200, World.deletedSecretRead(arn)).put("sourceIPAddress", "198.51.100.77");
        w.putEvents("CloudTrail/SecondTrail", concat(hits, List.of(other)));

        World.Run run = w.invoke(
                "--event",
                w.alarmEvent(
                                dir,
                                "AttemptsToAccessDeletedSecretsAlarm",
                                "CloudTrailLogMetrics",
                                "AttemptsToAccessDeletedSecrets")
                        .toString());
        assertThat(run.err()).contains("published to sns:" + w.alertTopicArn);

        List<World.Alert> alerts = w.alerts();
        assertThat(alerts).hasSize(1);
        JsonNode doc = alerts.get(0).doc();
        assertThat(doc.path("detection").asText()).isEqualTo("SECRET_MARKED_FOR_DELETION");
        assertThat(doc.path("severity").asText()).isEqualTo("HIGH");
        assertThat(doc.at("/counts/matched").asLong())
                .as("noise removed by our engine, duplicates counted once")
                .isEqualTo(4);
        assertThat(doc.at("/counts/scanned").asLong())
                .as("moto returned every event in the window of both groups")
                .isEqualTo(10);
        JsonNode main = doc.at("/findings/0");
        assertThat(main.path("count").asLong()).isEqualTo(3);
        assertThat(main.path("sourceIPAddress").asText()).isEqualTo("203.0.113.10");
        assertThat(main.at("/caller/principal").asText()).isEqualTo("arn:aws:iam::123456789012:role/payments-api");
        assertThat(main.at("/caller/sessionName").asText()).isEqualTo("app-7f3a");
        assertThat(main.at("/resource/arn").asText()).isEqualTo(arn);
        assertThat(main.at("/resource/state").asText()).isEqualTo("ScheduledForDeletion");
        assertThat(main.at("/resource/tags/team").asText()).isEqualTo("payments");
        assertThat(Instant.parse(main.at("/resource/deletionDate").asText()))
                .isCloseTo(scheduled.plus(Duration.ofDays(7)), within(Duration.ofMinutes(2)));
        assertThat(main.at("/resource/daysLeft").asLong()).isEqualTo(7);
        assertThat(main.at("/resource/unknown").toString())
                .as("moto has no LookupEvents: the alert says so instead of omitting it")
                .contains("who scheduled the deletion")
                .contains("cloudtrail:LookupEvents failed");
        JsonNode second = doc.at("/findings/1");
        assertThat(second.path("sourceIPAddress").asText()).isEqualTo("198.51.100.77");
        assertThat(second.at("/resource/arn").asText()).isEqualTo(arn);
        assertThat(alerts.get(0).attributes())
                .containsEntry("detection", "SECRET_MARKED_FOR_DELETION")
                .containsEntry("severity", "HIGH")
                .containsEntry("account", "123456789012")
                .containsEntry("region", "us-east-1")
                .containsEntry("trailhound.origin", "trailhound");
    }

    @Test
    void everyPageOfFilterLogEventsIsRead() throws Exception {
        // moto pages FilterLogEvents at 10,000 events: the first and the last event are on different pages.
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        w.logGroupWithFilter(
                "CloudTrail/MyCloudWatchLogGroup",
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        var failure = World.deletedSecretRead(SECRET);
        var noise = Map.<String, Object>of("eventSource", "kms.amazonaws.com", "eventName", "Decrypt");
        int total = 12_000;
        List<com.fasterxml.jackson.databind.node.ObjectNode> records = new java.util.ArrayList<>();
        for (int i = 0; i < total; i++) {
            records.add(w.record(10 + i / 50, i == 0 || i == total - 1 ? failure : noise));
        }
        for (int from = 0; from < total; from += 5_000) {
            w.putEvents("CloudTrail/MyCloudWatchLogGroup", records.subList(from, Math.min(total, from + 5_000)));
        }
        w.invoke(
                "--event",
                w.alarmEvent(
                                dir,
                                "AttemptsToAccessDeletedSecretsAlarm",
                                "CloudTrailLogMetrics",
                                "AttemptsToAccessDeletedSecrets")
                        .toString());
        JsonNode doc = w.alerts().get(0).doc();
        assertThat(doc.at("/counts/scanned").asLong()).isEqualTo(total);
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(2);
    }

    @Test
    void okTransitionPublishesNothing() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        Path event = w.alarmEvent(
                dir, "AttemptsToAccessDeletedSecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
        java.nio.file.Files.writeString(
                event,
                java.nio.file.Files.readString(event)
                        .replace("\\\"NewStateValue\\\":\\\"ALARM\\\"", "\\\"NewStateValue\\\":\\\"OK\\\""));
        World.Run run = w.invoke("--event", event.toString());
        assertThat(run.err()).contains("went to OK: no alert");
        assertThat(w.alerts()).isEmpty();
    }

    @Test
    void metricWithoutFilterStillAlertsAndSaysWhy() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        w.invoke(
                "--event",
                w.alarmEvent(dir, "Mystery", "Custom", "NothingFeedsMe").toString());
        JsonNode doc = w.alerts().get(0).doc();
        assertThat(doc.at("/counts/matched").asLong()).isZero();
        assertThat(doc.path("notes").toString()).contains("no metric filter publishes to Custom/NothingFeedsMe");
    }

    @Test
    void launcherAgainstAwsPublishesTheSameAlertAndKeepsAnArchiveOfItsOwn() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        w.aws.secrets.createSecret(b -> b.name(SECRET).secretString("s3cr3t"));
        w.aws.secrets.deleteSecret(b -> b.secretId(SECRET).recoveryWindowInDays(7L));
        w.logGroupWithFilter(
                "CloudTrail/MyCloudWatchLogGroup",
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        w.putEvents("CloudTrail/MyCloudWatchLogGroup", List.of(w.record(30, World.deletedSecretRead(SECRET))));
        Path event = w.alarmEvent(
                dir, "AttemptsToAccessDeletedSecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
        Path cache = dir.resolve("cache");
        Map<String, String> env = new java.util.HashMap<>(MOTO.env());
        env.put("ALERT_TOPIC_ARN", w.alertTopicArn);
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("JAVA_HOME", Proc.JAVA_HOME);

        for (int run = 0; run < 2; run++) { // the first run makes the archive, the second starts from it
            CliJar.Result r = CliJar.runCommand(
                    env, CliJar.ROOT.resolve("bin/trailhound").toString(), "invoke", "--event", event.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("trailhound: published to sns:" + w.alertTopicArn + " message ");
            List<World.Alert> alerts = w.alerts(); // a received message stays hidden for 30 s: each run sees its own
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).doc().at("/findings/0/resource/state").asText())
                    .isEqualTo("ScheduledForDeletion");
        }
        try (var files = java.nio.file.Files.list(cache.resolve("trailhound"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .singleElement()
                    .asString()
                    .matches("responder-.*-aws\\.(aot|jsa)");
        }
    }

    @SafeVarargs
    static <T> List<T> concat(List<? extends T>... lists) {
        return java.util.Arrays.stream(lists)
                .flatMap(List::stream)
                .map(x -> (T) x)
                .toList();
    }
}
