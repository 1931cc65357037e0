package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.bench.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's offline demo, run as a user runs it: the shaded jar in a fresh JVM, the events/ samples,
 * no AWS credentials. Also the test-metric-filter contract that tools outside this repo rely on.
 */
class OfflineDemoTest {
    @TempDir
    Path dir;

    @Test
    void secretDemoNamesSecretCallerIpDeletionDateAndScheduler() throws Exception {
        CliJar.Result r = CliJar.run(
                Map.of(),
                "invoke",
                "--event",
                "events/sns-alarm-secret-deletion.json",
                "--cloudtrail",
                "events/cloudtrail");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith(
                        "Subject: Trailhound: secret prod/payments/db-password (scheduled for deletion) used by payments-api (+1 more)")
                .contains("Evidence:          4 matching event(s) of 50 scanned, in 2 group(s)")
                .contains(
                        "Caller:          arn:aws:iam::111122223333:role/service/payments-api (session app-7f3a) [AssumedRole]")
                .contains("Source IP:       203.0.113.10")
                .contains("Deletion date:   2026-11-27T16:02:11Z")
                .contains(
                        "Scheduled by:    arn:aws:iam::111122223333:user/alice at 2026-11-20T16:02:11Z from 198.51.100.7 (window 7 days)")
                .contains("Count:           3 (first 2026-11-23T10:15:42Z, last 2026-11-23T10:17:01Z)")
                .contains("Unknown:         current state: not asked (offline run, no AWS credentials)");
    }

    /** The launcher on this JDK (an AOT cache from JDK 25 on) and with the dynamic CDS archive JDK 21-24 get. */
    @ParameterizedTest
    @ValueSource(strings = {"this JDK", "dynamic"})
    void launcherGivesTheSameOutputAndKeepsOneArchivePerBuildAndKindOfSuccessfulRun(String mode) throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env =
                new HashMap<>(Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_HOME", Proc.JAVA_HOME));
        if (mode.equals("dynamic")) {
            env.put("TRAILHOUND_CDS", "dynamic");
        }
        String suffix = mode.equals("dynamic") || Runtime.version().feature() < 25 ? ".jsa" : ".aot";
        String launcher = CliJar.ROOT.resolve("bin/trailhound").toString();

        // a failed first run (no such event file) leaves no archive: it would hold too few classes
        CliJar.Result failed = CliJar.runCommand(
                env, launcher, "invoke", "--event", "no-such-file.json", "--cloudtrail", "events/cloudtrail");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.err()).isEqualTo("trailhound: no such file: no-such-file.json\n");
        assertThat(archives(cache)).isEmpty();

        String[] args = {
            "invoke",
            "--event",
            "events/sns-alarm-root-usage.json",
            "--cloudtrail",
            "events/cloudtrail",
            "--format",
            "json"
        };
        String plain = CliJar.run(Map.of(), args).out();
        for (int run = 0; run < 2; run++) { // the first run makes the archive, the second uses it
            CliJar.Result r = CliJar.runCommand(env, launcher, args);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out().replaceAll("\"generatedAt\":\"[^\"]+\"", ""))
                    .isEqualTo(plain.replaceAll("\"generatedAt\":\"[^\"]+\"", ""));
        }
        assertThat(archives(cache)).containsExactly("files" + suffix);

        // another kind of run gets its own archive rather than one made of the file run's classes
        Path messages = dir.resolve("messages.txt");
        Files.writeString(messages, "ERROR x\nINFO y\n");
        for (int run = 0; run < 2; run++) {
            CliJar.Result other = CliJar.runCommand(
                    env,
                    launcher,
                    "test-metric-filter",
                    "--filter-pattern",
                    "ERROR",
                    "--log-event-messages-file",
                    messages.toString());
            assertThat(other.status()).as(other.err()).isZero();
            assertThat(other.out())
                    .isEqualTo(
                            "{\"matches\":[{\"eventNumber\":1,\"eventMessage\":\"ERROR x\",\"extractedValues\":{}}]}\n");
        }
        assertThat(archives(cache)).containsExactly("files" + suffix, "other" + suffix);
    }

    /**
     * The machine this project is built on: JAVA_HOME unset and an older JDK's java first on PATH (here a stand-in
     * for JDK 17 that fails if run), a JDK 21+ installed beside it (named by JAVA21_HOME, one of the places the
     * build's toolchain discovery and jdk.sh look). The launcher must run the demo on the newer one.
     */
    @Test
    void launcherFindsAJdk21WhenTheJavaOnPathIsOlder() throws Exception {
        Path old = dir.resolve("jdk-17");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "IMPLEMENTOR=\"stand-in\"\nJAVA_VERSION=\"17.0.2\"\n");
        for (String tool : List.of("java", "javac")) {
            Path script = Files.writeString(
                    old.resolve("bin").resolve(tool), "#!/bin/sh\necho 'the JDK 17 stand-in ran' >&2\nexit 3\n");
            script.toFile().setExecutable(true);
        }
        Map<String, String> env = Map.of(
                "JAVA_HOME",
                "",
                "JAVA21_HOME",
                Proc.JAVA_HOME,
                "PATH",
                old.resolve("bin") + ":/usr/bin:/bin",
                "XDG_CACHE_HOME",
                dir.resolve("cache").toString());
        String[] args = {
            "invoke",
            "--event",
            "events/sns-alarm-root-usage.json",
            "--cloudtrail",
            "events/cloudtrail",
            "--format",
            "json"
        };

        CliJar.Result r =
                CliJar.runCommand(env, CliJar.ROOT.resolve("bin/trailhound").toString(), args);

        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out().replaceAll("\"generatedAt\":\"[^\"]+\"", ""))
                .isEqualTo(CliJar.run(Map.of(), args).out().replaceAll("\"generatedAt\":\"[^\"]+\"", ""));
    }

    /** The cache's files, by kind and type ("files.aot"), sorted; temporary files would show here too. */
    private static List<String> archives(Path cache) throws Exception {
        Path folder = cache.resolve("trailhound");
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString().replaceFirst("^responder-[^-]+-", ""))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void kmsAndRootDemosAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode kms = json.readTree(CliJar.run(
                        Map.of(),
                        "invoke",
                        "--event",
                        "events/sns-alarm-kms-pending-deletion.json",
                        "--cloudtrail",
                        "events/cloudtrail",
                        "--format",
                        "json")
                .out());
        assertThat(kms.path("detection").asText()).isEqualTo("KMS_KEY_PENDING_DELETION");
        assertThat(kms.at("/counts/matched").asLong()).isEqualTo(3);
        assertThat(kms.at("/findings/0/resource/arn").asText())
                .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(kms.at("/findings/0/resource/scheduledBy/caller/principal").asText())
                .isEqualTo("arn:aws:iam::111122223333:user/bob");
        assertThat(kms.at("/findings/0/resource/deletionDate").asText()).isEqualTo("2026-12-20T16:40:00Z");

        JsonNode root = json.readTree(CliJar.run(
                        Map.of(),
                        "invoke",
                        "--event",
                        "events/sns-alarm-root-usage.json",
                        "--cloudtrail",
                        "events/cloudtrail",
                        "--format",
                        "json")
                .out());
        assertThat(root.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(root.at("/counts/matched").asLong()).isEqualTo(2);
    }

    @Test
    void unknownMetricOfflineStillAlertsAndAsksForAPattern() throws Exception {
        Path event = dir.resolve("e.json");
        Files.writeString(
                event,
                Files.readString(CliJar.ROOT.resolve("events/sns-alarm-root-usage.json"))
                        .replace("RootAccountUsageCount", "SomethingElse"));
        CliJar.Result r =
                CliJar.run(Map.of(), "invoke", "--event", event.toString(), "--cloudtrail", "events/cloudtrail");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo(
                        "trailhound: no metric filter is known offline for CloudTrailMetrics/SomethingElse;"
                                + " pass --filter-pattern 'CloudTrailMetrics/SomethingElse=<pattern>' with the filter's pattern\n");
        assertThat(r.out()).as("an alarm always yields an alert").startsWith("Subject: Trailhound: ");
        CliJar.Result withPattern = CliJar.run(
                Map.of(),
                "invoke",
                "--event",
                event.toString(),
                "--cloudtrail",
                "events/cloudtrail",
                "--filter-pattern",
                "{ $.eventName = ConsoleLogin }",
                "--format",
                "json");
        assertThat(new ObjectMapper()
                        .readTree(withPattern.out())
                        .at("/counts/matched")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void testMetricFilterContract() throws Exception {
        Path lines = dir.resolve("lines.txt");
        Files.writeString(
                lines,
                "{\"eventName\":\"GetSecretValue\",\"errorMessage\":\"… because it was marked for deletion.\"}\nplain text\n");
        CliJar.Result ok = CliJar.run(
                Map.of(),
                "test-metric-filter",
                "--filter-pattern",
                "{ $.eventName = \"GetSecretValue\" && $.errorMessage = \"*secret because it was marked for deletion*\" }",
                "--log-event-messages-file",
                lines.toString());
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).isEqualTo("{\"matches\":[]}\n");
        CliJar.Result bad = CliJar.run(
                Map.of(),
                "test-metric-filter",
                "--filter-pattern",
                "{ $.eventName = ",
                "--log-event-messages-file",
                lines.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().lines().count()).isEqualTo(1);
        assertThat(bad.err())
                .startsWith("trailhound: invalid filter pattern at position 16:")
                .doesNotContain("Exception");
    }
}
