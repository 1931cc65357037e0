package io.trailhound.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads CloudTrail records from files as CloudTrail delivers them to S3 ({@code {"Records":[…]}}) or as JSON
 * lines, plain or gzipped (detected by content, not name), one record at a time so memory stays flat. A
 * damaged file is reported by name with how many records were read before the damage; those still count.
 */
public final class CloudTrailFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final List<Path> files;

    private CloudTrailFiles(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /** A file, or a directory searched recursively for files (sorted by path for a stable order). */
    public static CloudTrailFiles at(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isDirectory(path)) {
            return new CloudTrailFiles(List.of(path));
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return new CloudTrailFiles(walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList());
        }
    }

    public List<Path> files() {
        return files;
    }

    /** Calls {@code sink} with every record (as parsed JSON and its origin); returns one line per damaged file. */
    public List<String> read(Consumer<Record> sink) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            int[] count = {0};
            try (InputStream in = open(file)) {
                readStream(in, file.toString(), record -> {
                    count[0]++;
                    sink.accept(record);
                });
            } catch (IOException | UncheckedIOException e) {
                String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
                problems.add(file + ": unreadable after " + count[0] + " record(s): " + oneLine(why));
            }
        }
        return problems;
    }

    /** One CloudTrail record and the file it came from. */
    public record Record(JsonNode json, String origin) {
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    private static void readStream(InputStream in, String origin, Consumer<Record> sink) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException("expected a JSON object at line " + p.currentLocation().getLineNr()
                            + " but found " + t);
                }
                readObject(p, origin, sink);
            }
        }
    }

    /**
     * At the start of an object: if it is a {@code {"Records":[…]}} envelope, stream its records; otherwise
     * read the object as one record (JSON lines).
     */
    private static void readObject(JsonParser p, String origin, Consumer<Record> sink) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.FIELD_NAME && "Records".equals(p.currentName())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("\"Records\" is not an array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                sink.accept(new Record(JSON.readTree(p), origin));
            }
            // skip anything after Records in the envelope
            while ((t = p.nextToken()) != JsonToken.END_OBJECT && t != null) {
                p.nextToken();
                p.skipChildren();
            }
            return;
        }
        // A record on its own (JSONL): rebuild it from the field we already consumed.
        com.fasterxml.jackson.databind.node.ObjectNode record = JSON.createObjectNode();
        while (t == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            record.set(name, JSON.readTree(p));
            t = p.nextToken();
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("malformed record");
        }
        sink.accept(new Record(record, origin));
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s+", " ");
    }
}
