package io.trailhound.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.concurrent.Await;
import io.trailhound.json.ExpansionLimit;
import io.trailhound.json.Json;
import io.trailhound.json.JsonErrors;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads CloudTrail records from files as CloudTrail delivers them to S3 ({@code {"Records":[…]}}) or as JSON
 * lines (one record per line), plain or gzipped (detected by content, not name), one record at a time so
 * memory stays flat. A damaged file is reported by name with how many records were read before the damage;
 * those still count. In JSON lines a bad line is reported and skipped, and the lines after it still count.
 */
public final class CloudTrailFiles {
    /** Below this much input, starting threads costs more than reading on one. */
    static final long PARALLEL_FROM_BYTES = 1 << 20;

    private static final JsonFactory FACTORY = Json.FACTORY;

    /**
     * The longest record or line read: four times CloudTrail's own limit of 256 KB per event, so no genuine
     * record is refused and no single one can exhaust memory.
     */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private final List<Path> files;
    private final List<String> skipped;

    private CloudTrailFiles(List<Path> files, List<String> skipped) {
        this.files = List.copyOf(files);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * A file, or a directory searched recursively for files (sorted by path for a stable order). Symbolic
     * links to directories are followed; one that leads back into a directory being searched is reported
     * and skipped.
     */
    public static CloudTrailFiles at(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isDirectory(path)) {
            return new CloudTrailFiles(List.of(path), List.of());
        }
        List<Path> found = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Files.walkFileTree(
                path,
                java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS),
                Integer.MAX_VALUE,
                new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult visitFile(
                            Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()
                                && !file.getFileName().toString().startsWith(".")) {
                            found.add(file);
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                        skipped.add(file + ": skipped, "
                                + (e instanceof java.nio.file.FileSystemLoopException
                                        ? "a symbolic link back to a directory already being searched (a loop)"
                                        : "cannot be read: " + e.getMessage()));
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
        found.sort(null);
        return new CloudTrailFiles(found, skipped);
    }

    /** One CloudTrail record and the file it came from. */
    public record Record(JsonNode json, String origin) {}

    /** Calls {@code sink} with every record; returns one line per problem (damaged file, skipped entry). */
    public List<String> read(Consumer<Record> sink) {
        return read(sink, 1);
    }

    /**
     * As {@link #read(Consumer)}, decompressing and parsing up to {@code threads} files at once; the sink must
     * then be thread-safe. Problems are returned in file order. A RuntimeException from the sink stops the
     * read and is rethrown.
     */
    public List<String> read(Consumer<Record> sink, int threads) {
        List<List<String>> perFile = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            perFile.add(new ArrayList<>());
        }
        if (threads <= 1 || files.size() <= 1 || totalBytes() < PARALLEL_FROM_BYTES) {
            for (int i = 0; i < files.size(); i++) {
                readFile(files.get(i), sink, perFile.get(i));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
                Thread t = new Thread(r, "trailhound-file-reader");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    int index = i;
                    tasks.add(pool.submit(() -> readFile(files.get(index), sink, perFile.get(index))));
                }
                for (Future<?> task : tasks) {
                    Await.result(task, "reading CloudTrail files");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<String> problems = new ArrayList<>(skipped);
        perFile.forEach(problems::addAll);
        return problems;
    }

    private long totalBytes() {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                return Long.MAX_VALUE; // let readFile report it
            }
        }
        return total;
    }

    private static void readFile(Path file, Consumer<Record> sink, List<String> problems) {
        int[] count = {0};
        Consumer<Record> counting = r -> {
            count[0]++;
            sink.accept(r);
        };
        try (StopAtDamage damage = open(file);
                InputStream in = new BufferedInputStream(damage, 1 << 16)) {
            Exception failure = null;
            try {
                if (isEnvelope(in)) {
                    readEnvelopes(in, file.toString(), counting, problems);
                } else {
                    readLines(in, file.toString(), counting, problems, () -> damage.damage != null);
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            // A decompression error explains the parser's "unexpected end" better than the parser does.
            Exception cause = damage.damage != null ? damage.damage : failure;
            if (cause != null) {
                problems.add(file + ": unreadable after " + count[0] + " record(s): " + JsonErrors.describe(cause));
            }
        } catch (IOException e) {
            problems.add(file + ": cannot be opened: " + JsonErrors.describe(e));
        }
    }

    private static StopAtDamage open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return new StopAtDamage(b0 == 0x1f && b1 == 0x8b ? ExpansionLimit.gunzip(raw, Files.size(file), 1 << 16) : raw);
    }

    /** CloudTrail's S3 files start with {@code {"Records":}; anything else is read as JSON lines. */
    private static boolean isEnvelope(InputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        return ENVELOPE_START.matcher(new String(head, StandardCharsets.UTF_8)).lookingAt();
    }

    private static final int PEEK = 256;
    private static final Pattern ENVELOPE_START = Pattern.compile("\\uFEFF?\\s*\\{\\s*\"Records\"\\s*:");

    /** JSON lines; the last line, when the file's damage cut it short, is left to the damage report. */
    private static void readLines(
            InputStream in,
            String origin,
            Consumer<Record> sink,
            List<String> problems,
            java.util.function.BooleanSupplier damaged)
            throws IOException {
        BoundedLines lines = new BoundedLines(in, MAX_RECORD_BYTES);
        int number = 0;
        int bad = 0;
        for (BoundedLines.Line next = lines.next(); next != null; next = lines.next()) {
            number++;
            if (lines.lastWasCut() && damaged.getAsBoolean()) {
                break;
            }
            String why = next.problem() != null
                    ? next.problem()
                    : next.text().isBlank() ? null : accept(next.text(), origin, sink);
            if (why == null) {
                continue;
            }
            if (++bad <= MAX_LINE_PROBLEMS) {
                problems.add(origin + ": line " + number + " " + why + "; skipped");
            }
        }
        if (bad > MAX_LINE_PROBLEMS) {
            problems.add(origin + ": " + (bad - MAX_LINE_PROBLEMS) + " more bad line(s) skipped");
        }
    }

    /** Hands on one JSON line as a record; returns why it is not one, or null. */
    private static String accept(String line, String origin, Consumer<Record> sink) {
        try {
            JsonNode record = Json.parse(line);
            if (record != null && record.isObject()) {
                sink.accept(new Record(record, origin));
                return null;
            }
            return "is not a JSON object";
        } catch (JsonProcessingException e) {
            return "is not a JSON record ("
                    + JsonErrors.describe(e).replaceFirst(" \\(line 1, column (\\d+)\\)$", " at column $1") + ")";
        }
    }

    /** Bad lines listed one by one per file; the rest are counted. */
    static final int MAX_LINE_PROBLEMS = 5;

    private static void readEnvelopes(InputStream in, String origin, Consumer<Record> sink, List<String> problems)
            throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException("expected a JSON object at line "
                            + p.currentLocation().getLineNr() + " but found " + t);
                }
                readObject(p, origin, sink, problems);
            }
        }
    }

    /**
     * At the start of an object: if it is a {@code {"Records":[…]}} envelope, stream its records; otherwise
     * read the object as one record (JSON lines).
     */
    private static void readObject(JsonParser p, String origin, Consumer<Record> sink, List<String> problems)
            throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.FIELD_NAME && "Records".equals(p.currentName())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("\"Records\" is not an array");
            }
            int index = 0;
            for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                if (t == JsonToken.START_OBJECT) {
                    long start = p.currentLocation().getByteOffset();
                    JsonNode record = Json.read(p, t);
                    if (p.currentLocation().getByteOffset() - start > MAX_RECORD_BYTES) {
                        problems.add(origin + ": Records[" + index + "] is larger than " + (MAX_RECORD_BYTES >> 20)
                                + " MiB (a CloudTrail event is at most 256 KB); skipped");
                    } else {
                        sink.accept(new Record(record, origin));
                    }
                } else {
                    p.skipChildren();
                    problems.add(origin + ": Records[" + index + "] is " + t + ", not a record object; skipped");
                }
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) { // anything after Records in the envelope
                p.nextToken();
                p.skipChildren();
            }
            return;
        }
        ObjectNode record = Json.object(); // a record on its own; its first field is already read
        while (t == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            record.set(name, Json.read(p, p.currentToken()));
            t = p.nextToken();
        }
        sink.accept(new Record(record, origin));
    }

    /**
     * Ends the stream at the first read error instead of throwing it, so the parser still gets every byte
     * decompressed before the damage; the error is kept for the report.
     */
    private static final class StopAtDamage extends FilterInputStream {
        IOException damage;

        StopAtDamage(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (damage != null) {
                return -1;
            }
            try {
                return super.read();
            } catch (IOException e) {
                damage = e;
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (damage != null) {
                return -1;
            }
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                damage = e;
                return -1;
            }
        }
    }
}
