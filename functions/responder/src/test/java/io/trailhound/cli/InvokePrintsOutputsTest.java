package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `invoke --format chat|security-hub|eventbridge` without the setting: prints what that output would get. */
class InvokePrintsOutputsTest {
    static JsonNode run(String format, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InvokeCommand.run(
                List.of(
                        "--event",
                        "../../events/" + event,
                        "--cloudtrail",
                        "../../events/cloudtrail",
                        "--format",
                        format),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).as("one JSON document, nothing else").hasSize(1);
        return Json.parse(printed);
    }

    @Test
    void chatPrintsTheCustomNotification() throws Exception {
        JsonNode n = run("chat", "sns-alarm-kms-pending-deletion.json");
        assertThat(n.path("version").asText()).isEqualTo("1.0");
        assertThat(n.path("source").asText()).isEqualTo("custom");
        assertThat(n.at("/content/title").asText())
                .startsWith("Trailhound: KMS key 1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(n.at("/content/nextSteps/0").asText())
                .as("offline nothing is confirmed: the read-only check comes first")
                .isEqualTo(
                        "Check its state first (KMS has not confirmed it): `aws kms describe-key --key-id"
                                + " arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab --region us-east-1`");
        assertThat(n.at("/metadata/threadId").asText()).startsWith("trailhound-");
    }

    @Test
    void securityHubPrintsTheAsffFindingsOnePerResourceAndDetection() throws Exception {
        JsonNode n = run("security-hub", "sns-alarm-kms-pending-deletion.json");
        assertThat(n.path("Findings")).as("two callers, one key: one finding").hasSize(1);
        JsonNode f = n.at("/Findings/0");
        assertThat(f.path("SchemaVersion").asText()).isEqualTo("2018-10-08");
        assertThat(f.path("ProductArn").asText())
                .isEqualTo("arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default");
        assertThat(f.at("/Severity/Label").asText()).isEqualTo("HIGH");
        assertThat(f.at("/Resources/0/Type").asText()).isEqualTo("AwsKmsKey");
        assertThat(f.at("/ProductFields/Trailhound~1EventCount").asText()).isEqualTo("3");
        assertThat(f.at("/Network/SourceIpV4").asText()).isEqualTo("203.0.113.55");
        assertThat(f.at("/Workflow/Status").asText()).isEqualTo("NEW");
        assertThat(f.path("RecordState").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void eventBridgePrintsThePutEventsEntryWithTheAlertAsDetail() throws Exception {
        JsonNode n = run("eventbridge", "sns-alarm-root-usage.json");
        assertThat(n.path("Source").asText()).isEqualTo("trailhound");
        assertThat(n.path("DetailType").asText()).isEqualTo("Trailhound Alert");
        assertThat(n.path("EventBusName").asText()).isEqualTo("default");
        assertThat(Json.parse(n.path("Detail").asText()).path("detection").asText())
                .isEqualTo("ROOT_USAGE");
    }
}
