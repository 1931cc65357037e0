package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.config.Config;
import io.trailhound.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every payload of the corpus (src/test/resources/alarm-payloads, sources in its SOURCES.md) run through
 * {@code invoke} offline, checked against the outcome written for it in {@code expected.json}: an alert
 * (alarm, Region, window, metrics, composite rule and triggering children), no alert (the transition carries
 * no breach), or an unreadable notification named for what it is.
 */
class AlarmPayloadCorpusTest {
    static final Path DIR = Path.of("src/test/resources/alarm-payloads");
    /** A harmless pattern for the metrics the offline catalog does not know (none of the corpus's metrics). */
    static final String PATTERN = "{ $.eventName = \"NeverCalledByAnyone\" }";

    @TempDir
    static Path emptyTrail;

    static Stream<Arguments> payloads() throws IOException {
        JsonNode expected = Json.parse(Files.readString(DIR.resolve("expected.json")));
        List<Arguments> out = new ArrayList<>();
        expected.forEach(e -> out.add(Arguments.of(e.path("file").asText(), e)));
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("expected.json"))
                            .count())
                    .as("every corpus file has an expected outcome")
                    .isEqualTo(out.size());
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void handledAsExpected(String file, JsonNode expected) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Instant before = Instant.now();
        InvokeCommand.run(
                List.of(
                        "--event",
                        DIR.resolve(file).toString(),
                        "--cloudtrail",
                        emptyTrail.toString(),
                        "--filter-pattern",
                        PATTERN,
                        "--format",
                        "json"),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Instant after = Instant.now();
        List<JsonNode> alerts = out.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .map(AlarmPayloadCorpusTest::parse)
                .toList();
        String errors = err.toString(StandardCharsets.UTF_8);
        JsonNode records = expected.path("records");
        int nextAlert = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode want = records.get(i);
            String prefix = "trailhound: " + (records.size() > 1 ? "record " + (i + 1) + ": " : "");
            String because = want.path("because").asText();
            boolean said = errors.lines().anyMatch(l -> l.startsWith(prefix) && l.contains(because));
            switch (want.path("outcome").asText()) {
                case "alert" -> {
                    assertThat(alerts).as("alerts printed; stderr: " + errors).hasSizeGreaterThan(nextAlert);
                    checkAlert(alerts.get(nextAlert++), want, before, after);
                }
                case "no alert" -> assertThat(said).as(errors).isTrue();
                case "unreadable" -> { // said on stderr, and published as the Lambda publishes it
                    assertThat(said).as(errors).isTrue();
                    assertThat(alerts).as("alerts printed; stderr: " + errors).hasSizeGreaterThan(nextAlert);
                    JsonNode unreadable = alerts.get(nextAlert++);
                    assertThat(unreadable.path("detection").asText()).isEqualTo("UNREADABLE_NOTIFICATION");
                    assertThat(unreadable.path("reason").asText()).contains(because);
                }
                default -> throw new IllegalStateException("unknown outcome in expected.json: " + want);
            }
        }
        assertThat(alerts).as("no alert beyond those expected").hasSize(nextAlert);
    }

    private static void checkAlert(JsonNode alert, JsonNode want, Instant before, Instant after) {
        JsonNode alarm = alert.path("alarm");
        JsonNode window = alert.path("window");
        assertThat(alarm.path("name").asText()).isEqualTo(want.path("alarm").asText());
        assertThat(
                        alarm.path("region").isNull() || alarm.path("region").isMissingNode()
                                ? null
                                : alarm.path("region").asText())
                .as("region")
                .isEqualTo(
                        want.path("region").isNull()
                                ? null
                                : want.path("region").asText());
        assertThat(window.path("fromDatapoints").asBoolean())
                .as("window from datapoints; " + window)
                .isEqualTo(want.path("fromDatapoints").asBoolean());
        if (want.path("window").asText().equals("ends-at-receipt")) {
            Instant end = Instant.parse(window.path("end").asText());
            assertThat(end)
                    .as("ends when received, plus the slack")
                    .isBetween(before.plus(Config.DEFAULT_SLACK), after.plus(Config.DEFAULT_SLACK));
        } else {
            assertThat(window.path("start").asText() + "/" + window.path("end").asText())
                    .as("window; " + window)
                    .isEqualTo(want.path("window").asText());
        }
        if (want.has("windowNote")) {
            assertThat(window.path("note").asText())
                    .contains(want.path("windowNote").asText());
        }
        want.path("notes")
                .forEach(n -> assertThat(alert.path("notes").toString()).contains(n.asText()));
        if (want.has("metrics")) {
            List<String> metrics = new ArrayList<>();
            alarm.path("metrics")
                    .forEach(m -> metrics.add(
                            m.path("namespace").asText() + "/" + m.path("name").asText()));
            List<String> expected = new ArrayList<>();
            want.path("metrics").forEach(m -> expected.add(m.asText()));
            assertThat(metrics).isEqualTo(expected);
        }
        if (want.has("rule")) {
            assertThat(alarm.at("/composite/rule").asText())
                    .isEqualTo(want.path("rule").asText());
        }
        if (want.has("triggeringChildren")) {
            List<String> children = new ArrayList<>();
            alarm.at("/composite/triggeringChildren").forEach(c -> children.add(c.asText()));
            List<String> expected = new ArrayList<>();
            want.path("triggeringChildren").forEach(c -> expected.add(c.asText()));
            assertThat(children).isEqualTo(expected);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout line is not an alert document: " + line, e);
        }
    }
}
