package io.trailhound.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudTrailFilesTest {
    @TempDir
    Path dir;

    static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static String envelope(int n) {
        StringBuilder s = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("{\"eventID\":\"e").append(i).append("\",\"eventName\":\"X\"}");
        }
        return s.append("]}").toString();
    }

    private List<String> ids(CloudTrailFiles files, List<String> problems) {
        List<String> ids = new ArrayList<>();
        problems.addAll(files.read(r -> ids.add(r.json().path("eventID").asText())));
        return ids;
    }

    @Test
    void readsEnvelopesJsonLinesAndGzipDetectedByContent() throws Exception {
        Files.writeString(dir.resolve("a.json"), envelope(2));
        Files.write(dir.resolve("b.bin"), gzip(envelope(3).replace(":\"e", ":\"g")));
        Files.writeString(dir.resolve("c.jsonl"), "{\"eventID\":\"l1\"}\n{\"eventID\":\"l2\",\"x\":{\"y\":[1]}}\n");
        List<String> problems = new ArrayList<>();
        assertThat(ids(CloudTrailFiles.at(dir), problems)).containsExactly("e0", "e1", "g0", "g1", "g2", "l1", "l2");
        assertThat(problems).isEmpty();
    }

    @Test
    void truncatedGzipKeepsTheRecordsBeforeTheDamageAndNamesTheFile() throws Exception {
        byte[] whole = gzip(envelope(2000));
        Path cut = dir.resolve("cut.json.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        List<String> problems = new ArrayList<>();
        List<String> ids = ids(CloudTrailFiles.at(cut), problems);
        assertThat(ids).isNotEmpty().hasSizeLessThan(2000).startsWith("e0", "e1");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains(cut.toString())
                .contains("unreadable after " + ids.size() + " record(s)");
    }

    @Test
    void truncatedJsonIsReportedToo() throws Exception {
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, envelope(3).substring(0, envelope(3).length() - 12));
        List<String> problems = new ArrayList<>();
        assertThat(ids(CloudTrailFiles.at(cut), problems)).containsExactly("e0", "e1");
        assertThat(problems).singleElement().asString().contains("cut.json");
    }

    @Test
    void missingPathIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CloudTrailFiles.at(dir.resolve("nope")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aLineLongerThanTheCapIsRefusedWithOneLineAndTheNextLinesStillCount() throws Exception {
        Path file = dir.resolve("lines.json");
        String huge = "{\"eventID\":\"" + "x".repeat(CloudTrailFiles.MAX_RECORD_BYTES + 10) + "\"}";
        Files.writeString(file, "{\"eventID\":\"a\"}\n" + huge + "\n{\"eventID\":\"b\"}\n");
        List<String> problems = new ArrayList<>();
        assertThat(ids(CloudTrailFiles.at(file), problems)).containsExactly("a", "b");
        assertThat(problems)
                .singleElement()
                .asString()
                .isEqualTo(file + ": line 2 is longer than 1 MiB (" + huge.length()
                        + " bytes; a CloudTrail event is at most 256 KB); skipped");
    }

    @Test
    void aDecompressionBombIsRefusedWithOneLine() throws Exception {
        Path file = dir.resolve("bomb.json.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros); // 64 MiB of zeros in about 64 KB
            }
        }
        Files.write(file, bytes.toByteArray());
        List<String> problems = new ArrayList<>();
        assertThat(ids(CloudTrailFiles.at(file), problems)).isEmpty();
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith(file + ": unreadable after 0 record(s): ")
                .contains("decompresses to more than 100 times its size")
                .contains("decompression bomb");
    }

    @Test
    void invalidUtf8InAJsonLineIsReportedNotReplaced() throws Exception {
        Path file = dir.resolve("latin1.json");
        byte[] bad = "{\"eventID\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write("{\"eventID\":\"a\"}\n".getBytes(StandardCharsets.UTF_8));
        content.write(bad);
        content.write("\n{\"eventID\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, content.toByteArray());
        List<String> problems = new ArrayList<>();
        assertThat(ids(CloudTrailFiles.at(file), problems)).containsExactly("a", "b");
        assertThat(problems).containsExactly(file + ": line 2 is not valid UTF-8 (byte 16 of the line); skipped");
    }

    @Test
    void symbolicLinksToDirectoriesAreFollowedAndALoopIsReported() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real/2026/11"));
        Files.writeString(real.resolve("a.json"), "{\"eventID\":\"a\"}\n");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("b.json"), "{\"eventID\":\"b\"}\n");
        Files.createSymbolicLink(dir.resolve("real/linked"), other);
        Files.createSymbolicLink(real.resolve("loop"), dir.resolve("real"));
        List<String> problems = new ArrayList<>();
        assertThat(ids(CloudTrailFiles.at(dir.resolve("real")), problems)).containsExactlyInAnyOrder("a", "b");
        assertThat(problems)
                .containsExactly(real.resolve("loop")
                        + ": skipped, a symbolic link back to a directory already being searched (a loop)");
    }
}
