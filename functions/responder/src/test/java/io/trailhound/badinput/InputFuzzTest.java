package io.trailhound.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.trailhound.alarm.AlarmParseException;
import io.trailhound.alarm.AlarmParser;
import io.trailhound.alarm.AlarmParserTest;
import io.trailhound.alarm.BreachWindow;
import io.trailhound.evidence.CloudTrailFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing with fixed seeds: a mutated alarm either parses or is an AlarmParseException; a mutated
 * or truncated log file never throws, and when a file is damaged, the problem names it.
 */
class InputFuzzTest {
    @TempDir
    Path dir;

    static byte[] mutate(byte[] input, SplittableRandom random) {
        byte[] out = input.clone();
        int edits = random.nextInt(1, 6);
        for (int e = 0; e < edits && out.length > 0; e++) {
            switch (random.nextInt(3)) {
                case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
                default -> {
                    int at = random.nextInt(out.length);
                    byte[] grown = new byte[out.length + 1];
                    System.arraycopy(out, 0, grown, 0, at);
                    grown[at] = (byte) "{}[]\",:\\ 0".charAt(random.nextInt(10));
                    System.arraycopy(out, at, grown, at + 1, out.length - at);
                    out = grown;
                }
            }
        }
        return out;
    }

    @Test
    void mutatedAlarmsParseOrFailWithAlarmParseException() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] alarm = AlarmParserTest.ALARM.getBytes(StandardCharsets.UTF_8);
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            String message = new String(mutate(alarm, random), StandardCharsets.UTF_8);
            try {
                BreachWindow.of(AlarmParser.parse(message), Duration.ofMinutes(10), java.time.Instant.EPOCH);
            } catch (AlarmParseException e) {
                rejected++;
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            } catch (RuntimeException e) {
                fail("alarm %s threw %s", message, e);
            }
        }
        assertThat(rejected).as("the fuzzer does produce bad input").isGreaterThan(1_000);
    }

    @Test
    void mutatedLogFilesNeverThrowAndNameTheFile() throws Exception {
        StringBuilder envelope = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 40; i++) {
            envelope.append(i == 0 ? "" : ",")
                    .append("{\"eventID\":\"e")
                    .append(i)
                    .append("\",\"eventTime\":\"2026-11-23T10:15:00Z\"}");
        }
        byte[] plain = envelope.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[][] seeds = {plain, gz.toByteArray()};
        SplittableRandom random = new SplittableRandom(11);
        Path file = dir.resolve("fuzz.json.gz");
        for (int i = 0; i < 3_000; i++) {
            Files.write(file, mutate(seeds[i % 2], random));
            List<String> ids = new ArrayList<>();
            List<String> problems;
            try {
                problems = CloudTrailFiles.at(file)
                        .read(r -> ids.add(r.json().path("eventID").asText()));
            } catch (RuntimeException e) {
                fail("iteration %d threw %s", i, e);
                return;
            }
            assertThat(problems).allSatisfy(p -> assertThat(p).startsWith(file.toString()));
            assertThat(ids.size()).isLessThanOrEqualTo(41);
        }
    }
}
