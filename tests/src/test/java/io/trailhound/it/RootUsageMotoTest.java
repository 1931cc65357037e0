package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Root usage end to end against moto: console sign-in without MFA and a long-term root access key. */
class RootUsageMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @Test
    void alertSeparatesConsoleSignInFromLongTermKeyUse() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        w.logGroupWithFilter(
                "CloudTrail/MyCloudWatchLogGroup",
                MetricFilterCatalog.ROOT_PATTERN,
                "CloudTrailMetrics",
                "RootAccountUsageCount");
        Map<String, Object> root =
                Map.of("type", "Root", "arn", "arn:aws:iam::123456789012:root", "accountId", "123456789012");
        w.putEvents(
                "CloudTrail/MyCloudWatchLogGroup",
                List.of(
                        w.record(
                                10,
                                Map.of(
                                        "eventSource",
                                        "signin.amazonaws.com",
                                        "eventName",
                                        "ConsoleLogin",
                                        "eventType",
                                        "AwsConsoleSignIn",
                                        "userIdentity",
                                        root,
                                        "sourceIPAddress",
                                        "198.51.100.23",
                                        "additionalEventData",
                                        Map.of("MFAUsed", "No"))),
                        w.record(
                                20,
                                Map.of(
                                        "eventSource",
                                        "iam.amazonaws.com",
                                        "eventName",
                                        "CreateAccessKey",
                                        "sourceIPAddress",
                                        "198.51.100.23",
                                        "userIdentity",
                                        Map.of(
                                                "type",
                                                "Root",
                                                "arn",
                                                "arn:aws:iam::123456789012:root",
                                                "accessKeyId",
                                                "AKIAEXAMPLEROOT"))),
                        w.record(
                                30,
                                Map.of(
                                        "eventSource",
                                        "iam.amazonaws.com",
                                        "eventName",
                                        "ListUsers",
                                        "userIdentity",
                                        Map.of("type", "Root", "invokedBy", "support.amazonaws.com"))),
                        w.record(
                                40,
                                Map.of(
                                        "eventSource",
                                        "kms.amazonaws.com",
                                        "eventName",
                                        "Decrypt",
                                        "eventType",
                                        "AwsServiceEvent",
                                        "userIdentity",
                                        root))));

        w.invoke(
                "--event",
                w.alarmEvent(dir, "RootAccountUsage", "CloudTrailMetrics", "RootAccountUsageCount")
                        .toString());

        World.Alert alert = w.alerts().get(0);
        JsonNode doc = alert.doc();
        assertThat(doc.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(doc.at("/counts/matched").asLong())
                .as("service-invoked and AwsServiceEvent records are not root usage")
                .isEqualTo(2);
        assertThat(doc.path("findings").findValuesAsText("eventName"))
                .as("a long-term root key is the most severe case: first")
                .containsExactly("CreateAccessKey", "ConsoleLogin");
        for (JsonNode f : doc.path("findings")) {
            boolean console = f.path("eventName").asText().equals("ConsoleLogin");
            assertThat(f.at("/root/consoleSignIn").asBoolean()).isEqualTo(console);
            assertThat(f.at("/root/longTermAccessKey").asBoolean()).isEqualTo(!console);
            assertThat(f.path("sourceIPAddress").asText()).isEqualTo("198.51.100.23");
        }
        assertThat(alert.attributes()).containsEntry("severity", "CRITICAL").containsEntry("detection", "ROOT_USAGE");
    }
}
