package io.trailhound.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line of the corpus of filter patterns written by others ({@code patterns/corpus/}, see its README
 * for where each came from). A pattern that is deployed (infrastructure code, a test run against AWS, a
 * CDK rendering, a tool's docs) or documented by AWS must compile; one the page says AWS rejects must be
 * refused; for the rest (doubtful catalog templates, documentation typos, mock tests) our decision is
 * recorded in {@code patterns/corpus-choices.json}, each with its reason.
 */
class FilterPatternCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MUST_COMPILE =
            Set.of("doc", "iac", "iac-unnamed", "aws-validated-test", "library-rendering", "tool-doc");
    private static final String MUST_REFUSE = "doc-rule-reject";
    private static final List<String> MESSAGES = List.of(
            "",
            "ERROR x Token=abc",
            "{\"a\":[1,{\"b\":null}],\"c.d\":\"e\"}",
            "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534");

    record Line(int number, String pattern, String category, String note) {}

    static List<Line> lines() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = FilterPatternCorpusTest.class.getResourceAsStream("/patterns/corpus/patterns.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                JsonNode line = JSON.readTree(text);
                String note = line.get("note").asText();
                lines.add(new Line(
                        lines.size() + 1, line.get("pattern").asText(), note.substring(1, note.indexOf(':')), note));
            }
        }
        return lines;
    }

    static Map<String, JsonNode> choices() throws IOException {
        Map<String, JsonNode> byPattern = new HashMap<>();
        try (InputStream in = FilterPatternCorpusTest.class.getResourceAsStream("/patterns/corpus-choices.json")) {
            for (JsonNode choice : JSON.readTree(in)) {
                byPattern.put(choice.get("pattern").asText(), choice);
            }
        }
        return byPattern;
    }

    static Stream<Arguments> corpus() throws IOException {
        return lines().stream().map(l -> Arguments.of(l.number() + " [" + l.category() + "] " + l.pattern(), l));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusPatternIsDecidedAsItsEvidenceSays(String name, Line line) throws IOException {
        boolean compiles = expectedToCompile(line);
        if (!compiles) {
            FilterPatternException e =
                    catchThrowableOfType(FilterPatternException.class, () -> FilterPattern.compile(line.pattern()));
            assertThat(e)
                    .as("line %d should be refused (%s): %s", line.number(), line.note(), line.pattern())
                    .isNotNull();
            return;
        }
        FilterPattern compiled = compile(line);
        for (String message : MESSAGES) {
            assertThatCode(() -> compiled.match(message))
                    .as("%s on %s", line.pattern(), message)
                    .doesNotThrowAnyException();
        }
    }

    private static boolean expectedToCompile(Line line) throws IOException {
        if (MUST_COMPILE.contains(line.category())) {
            return true;
        }
        if (line.category().equals(MUST_REFUSE)) {
            return false;
        }
        JsonNode choice = choices().get(line.pattern());
        assertThat(choice)
                .as("corpus-choices.json must decide line %d (%s): %s", line.number(), line.note(), line.pattern())
                .isNotNull();
        return choice.get("expect").asText().equals("compiles");
    }

    private static FilterPattern compile(Line line) {
        try {
            return FilterPattern.compile(line.pattern());
        } catch (FilterPatternException e) {
            throw new AssertionError(
                    "line " + line.number() + " (" + line.note() + ") should compile: " + e.getMessage(), e);
        }
    }

    @Test
    void refusedPatternsAreExactlyTheDocumentedRejectAndOurRecordedRefusals() throws IOException {
        Set<String> refused = new LinkedHashSet<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (Line line : lines()) {
            distinct.add(line.pattern());
            try {
                FilterPattern.compile(line.pattern());
            } catch (FilterPatternException e) {
                refused.add(line.pattern());
            }
        }
        Set<String> expected = new LinkedHashSet<>();
        choices().values().stream()
                .filter(c -> c.get("expect").asText().equals("refused"))
                .forEach(c -> expected.add(c.get("pattern").asText()));
        lines().stream().filter(l -> l.category().equals(MUST_REFUSE)).forEach(l -> expected.add(l.pattern()));
        assertThat(distinct).hasSize(284);
        assertThat(refused).containsExactlyInAnyOrderElementsOf(expected).hasSize(7);
    }
}
