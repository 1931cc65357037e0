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
        assertThat(problems).singleElement().asString().contains(cut.toString()).contains("unreadable after " + ids.size() + " record(s)");
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
}
