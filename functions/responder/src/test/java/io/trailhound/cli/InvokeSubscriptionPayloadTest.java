package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alarm.LogsSubscriptionReaderTest;
import io.trailhound.json.Json;
import io.trailhound.subscription.SuppressionTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `invoke --event` with a CloudWatch Logs subscription payload: the batch's own event is the evidence; a CONTROL_MESSAGE alerts nobody. */
class InvokeSubscriptionPayloadTest {
    @TempDir
    Path dir;

    String run(String payload, ByteArrayOutputStream err) throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, payload);
        Path trail = Files.createDirectories(dir.resolve("trail"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = InvokeCommand.run(
                List.of("--event", event.toString(), "--cloudtrail", trail.toString(), "--format", "json"),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDataMessageIsInvestigatedWithTheEventsItCarries() throws Exception {
        var data = Json.object()
                .put("messageType", "DATA_MESSAGE")
                .put("owner", "111122223333")
                .put("logGroup", "CloudTrail/G")
                .put("logStream", "s");
        data.putArray("subscriptionFilters").add("trailhound");
        data.putArray("logEvents")
                .addObject()
                .put("id", "1")
                .put("timestamp", 1764633600000L)
                .put("message", SuppressionTest.read("prod/db", "app"));
        String alert = run(LogsSubscriptionReaderTest.payload(Json.write(data)), new ByteArrayOutputStream());
        assertThat(alert)
                .contains("prod/db")
                .contains("GetSecretValue")
                .contains("subscription filter trailhound on CloudTrail/G");
    }

    @Test
    void aControlMessagePrintsNoAlert() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(LogsSubscriptionReaderTest.payload(LogsSubscriptionReaderTest.CONTROL), err))
                .isBlank();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("CONTROL_MESSAGE")
                .contains("no alert");
    }
}
