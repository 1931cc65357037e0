package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.Notifications;
import io.trailhound.alarm.AlarmParserTest;
import io.trailhound.alarm.OwnMessage;
import io.trailhound.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `invoke` follows the Lambda's per-record rules ({@link Notifications}): skips its own messages, alerts on unreadable ones. */
class InvokeCommandTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int invoke(String event) throws Exception {
        Path file = dir.resolve("event.json");
        Files.writeString(file, event);
        Path trail = Files.createDirectories(dir.resolve("trail"));
        return InvokeCommand.run(
                List.of("--event", file.toString(), "--cloudtrail", trail.toString()),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** An SNS event with one record per message; {@code own} marks a record with Trailhound's attribute. */
    static String event(boolean own, String... messages) {
        var event = Json.object();
        var records = event.putArray("Records");
        for (String m : messages) {
            var sns = records.addObject()
                    .put("EventSource", "aws:sns")
                    .putObject("Sns")
                    .put("Type", "Notification")
                    .put("MessageId", "m" + records.size())
                    .put("Message", m);
            if (own) {
                sns.putObject("MessageAttributes")
                        .putObject(OwnMessage.ORIGIN_ATTRIBUTE)
                        .put("Type", "String")
                        .put("Value", "trailhound");
            }
        }
        return Json.write(event);
    }

    @Test
    void anUnreadableRecordIsPublishedAsAnUnreadableNotificationAndTheOthersStillAlert() throws Exception {
        int status = invoke(event(false, AlarmParserTest.ALARM, "hello from SNS"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("an unreadable record is still an input problem").isEqualTo(1);
        assertThat(printed.lines().filter(l -> l.startsWith("Subject: Trailhound")))
                .containsExactly(
                        "Subject: Trailhound: AttemptsToAccessDeletedSecretsAlarm in ALARM, no matching events found",
                        "Subject: " + Notifications.UNREADABLE_SUBJECT);
        assertThat(printed).contains("Reason: a message in plain text").contains("hello from SNS");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("trailhound: record 2: a message in plain text, not a CloudWatch alarm notification\n");
    }

    @Test
    void itsOwnMessagesAreSkippedWithoutAnAlert() throws Exception {
        int status = invoke(event(true, AlarmParserTest.ALARM));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("trailhound: ignored: Trailhound published this message itself\n");
    }
}
