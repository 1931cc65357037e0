package io.trailhound.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.AlarmParseException;
import io.trailhound.alarm.AlarmParser;
import io.trailhound.alarm.BreachWindow;
import io.trailhound.cli.Cli;
import io.trailhound.evidence.CloudTrailFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code bad-input/*.json}): alarm messages, CLI event files and CloudTrail log files
 * that are empty, truncated, corrupt or of the wrong kind, each with its exact outcome: the error text,
 * or how many records survive and which problems are reported. Nothing else may happen (no other
 * exception, no stack trace, nothing lost that was readable).
 */
class BadInputCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<Arguments> load(String name) throws Exception {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + name)) {
            return StreamSupport.stream(JSON.readTree(in).spliterator(), false)
                    .map(c -> Arguments.of(c.get("name").asText(), c));
        }
    }

    static Stream<Arguments> alarmMessages() throws Exception {
        return load("alarm-messages.json");
    }

    static Stream<Arguments> eventFiles() throws Exception {
        return load("event-files.json");
    }

    static Stream<Arguments> logFiles() throws Exception {
        return load("log-files.json");
    }

    @Test
    void corpusHasAtLeastFortyCases() throws Exception {
        assertThat(alarmMessages().count() + eventFiles().count() + logFiles().count())
                .isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "alarm message: {0}")
    @MethodSource("alarmMessages")
    void alarmMessage(String name, JsonNode c) {
        if (c.has("accepted")) { // no longer refused: the alarm still yields an alert, which says what is missing
            AlarmNotification alarm = AlarmParser.parse(c.get("message").asText());
            assertThat(alarm.metrics().isEmpty() || alarm.unreadableTime() != null)
                    .as("what the alert will name as missing")
                    .isTrue();
            assertThat(BreachWindow.of(alarm, Duration.ofMinutes(10), Instant.EPOCH)
                            .note())
                    .isNotBlank();
            return;
        }
        AlarmParseException e = catchThrowableOfType(
                AlarmParseException.class,
                () -> AlarmParser.parse(c.get("message").asText()));
        assertThat(e).as("must be rejected").isNotNull();
        assertThat(e.getMessage()).isEqualTo(c.get("error").asText());
    }

    @ParameterizedTest(name = "event file: {0}")
    @MethodSource("eventFiles")
    void eventFile(String name, JsonNode c) throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, c.get("content").asText());
        Path trail = dir.resolve("trail.json");
        Files.writeString(trail, "{\"Records\":[]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                new String[] {"invoke", "--event", event.toString(), "--cloudtrail", trail.toString()},
                java.util.Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(c.get("status").asInt());
        assertThat(err.toString(StandardCharsets.UTF_8).replace(event.toString(), "{event}"))
                .isEqualTo(c.get("stderr").asText());
        assertThat(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""))
                .isEqualTo(c.get("stdoutSubject").asText());
    }

    @ParameterizedTest(name = "log file: {0}")
    @MethodSource("logFiles")
    void logFile(String name, JsonNode c) throws Exception {
        Path file = dir.resolve("log.json");
        Files.write(file, Base64.getDecoder().decode(c.get("base64").asText()));
        List<String> ids = new ArrayList<>();
        List<String> problems = CloudTrailFiles.at(file)
                .read(r -> ids.add(r.json().path("eventID").asText()));
        assertThat(ids).hasSize(c.get("records").asInt());
        List<String> expected = new ArrayList<>();
        c.get("problems").forEach(p -> expected.add(p.asText().replace("{file}", file.toString())));
        assertThat(problems).containsExactlyElementsOf(expected);
    }
}
