package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alarm.AlarmReader;
import io.trailhound.alarm.Delivery;
import io.trailhound.config.Config;
import io.trailhound.evidence.CloudTrailFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The e-mail text of the three sample alarms in events/, with their next steps and per-minute histograms,
 * exactly as recorded in src/test/resources/golden/. The clock is fixed (five minutes after the alarm), so
 * days left and the generation time do not move. After an intended change, regenerate with
 * {@code -Dgolden.update=true} and read the diff.
 */
class GoldenAlertTextTest {
    static final Path EVENTS = Path.of("../../events");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:26:08Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"sns-alarm-secret-deletion", "sns-alarm-kms-pending-deletion", "sns-alarm-root-usage"})
    void theEmailTextWithNextStepsAndHistogramIsAsRecorded(String sample) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Config config = Config.from(Map.of());
        Responder responder = new Responder(
                config,
                Wiring.cli(
                        config,
                        false,
                        CloudTrailFiles.at(EVENTS.resolve("cloudtrail")),
                        List.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        "text"),
                CLOCK);
        for (Delivery d : AlarmReader.read(Files.readString(EVENTS.resolve(sample + ".json")))) {
            responder.respond(((Delivery.Alarm) d).alarm());
        }
        String text = out.toString(StandardCharsets.UTF_8);
        Path golden = Path.of("src/test/resources/golden/" + sample + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, text);
        }
        assertThat(text).isEqualTo(Files.readString(golden));
    }
}
