package io.trailhound.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhound.pattern.FilterPattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code test-metric-filter}: the offline twin of {@code aws logs test-metric-filter}. One log event message
 * per line in; {@code {"matches":[{"eventNumber":N,"eventMessage":"…","extractedValues":{…}}]}} out, with
 * eventNumber counting lines from 1.
 */
public final class TestMetricFilterCommand {
    static final Set<String> OPTIONS = Set.of("--filter-pattern", "--log-event-messages-file");

    private TestMetricFilterCommand() {}

    public static void run(List<String> argv, OutputStream out) throws IOException {
        Args args = Args.parse(argv, OPTIONS);
        FilterPattern pattern = FilterPattern.compile(args.required("--filter-pattern"));
        Path file = Path.of(args.required("--log-event-messages-file"));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeArrayFieldStart("matches");
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                Map<String, String> extracted = pattern.match(line);
                if (extracted != null) {
                    json.writeStartObject();
                    json.writeNumberField("eventNumber", number);
                    json.writeStringField("eventMessage", line);
                    json.writeObjectFieldStart("extractedValues");
                    for (Map.Entry<String, String> e : extracted.entrySet()) {
                        json.writeStringField(e.getKey(), e.getValue());
                    }
                    json.writeEndObject();
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
