package io.trailhound.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven conformance: every case in {@code patterns/conformance.json} (examples from the AWS filter
 * pattern page, the seed recipes, the CIS CloudWatch.1-14 patterns and our own documented semantics) and
 * every row of {@code patterns/known-divergences.json}, where we knowingly differ from the page's text.
 */
class FilterPatternConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> conformance() throws IOException {
        return load("/patterns/conformance.json");
    }

    static Stream<Arguments> divergences() throws IOException {
        return load("/patterns/known-divergences.json");
    }

    private static Stream<Arguments> load(String resource) throws IOException {
        try (InputStream in = FilterPatternConformanceTest.class.getResourceAsStream(resource)) {
            JsonNode cases = JSON.readTree(in);
            return StreamSupport.stream(cases.spliterator(), false)
                    .map(c -> Arguments.of(c.get("name").asText(), c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformance")
    void conformance(String name, JsonNode c) throws IOException {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void knownDivergence(String name, JsonNode c) throws IOException {
        assertThat(c.get("expect").asText())
                .as("a divergence states our behaviour")
                .isNotEqualTo(c.get("documented").asText());
        check(c);
    }

    @Test
    void suiteIsLargeEnough() throws IOException {
        assertThat(conformance().count())
                .isGreaterThanOrEqualTo(550); // 556 when issue 15 added the current page's examples
    }

    private static void check(JsonNode c) throws IOException {
        String pattern = c.get("pattern").asText();
        String expect = c.get("expect").asText();
        if (expect.equals("error")) {
            FilterPatternException e =
                    catchThrowableOfType(FilterPatternException.class, () -> FilterPattern.compile(pattern));
            assertThat(e).as("pattern should be rejected: %s", pattern).isNotNull();
            assertThat(e.position())
                    .as("error position in %s (%s)", pattern, e.getMessage())
                    .isEqualTo(c.get("errorPosition").asInt());
            if (c.has("errorContains")) {
                assertThat(e.getMessage()).contains(c.get("errorContains").asText());
            }
            return;
        }
        String message = c.has("event")
                ? JSON.writeValueAsString(c.get("event"))
                : c.get("message").asText();
        FilterPattern compiled = FilterPattern.compile(pattern);
        Map<String, String> extracted = compiled.match(message);
        JsonNode tree = asRecord(message);
        if (tree != null) { // the path CloudTrail files take: the parsed record must give the same answer
            assertThat(compiled.matches(tree))
                    .as("tree path for %s on %s", pattern, message)
                    .isEqualTo(expect.equals("match"));
        }
        if (expect.equals("match")) {
            assertThat(extracted).as("%s should match %s", pattern, message).isNotNull();
            if (c.has("extracted")) {
                Map<String, String> want = new LinkedHashMap<>();
                c.get("extracted")
                        .properties()
                        .forEach(e -> want.put(e.getKey(), e.getValue().asText()));
                assertThat(extracted).containsExactlyEntriesOf(want);
            }
        } else {
            assertThat(extracted).as("%s should not match %s", pattern, message).isNull();
        }
    }

    /** The message as CloudTrailFiles would parse it, or null when it is not one complete JSON object. */
    private static JsonNode asRecord(String message) {
        try {
            JsonNode node = RECORDS.readTree(message);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static final ObjectMapper RECORDS = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void invalidPatternHasTypedErrorWithCaret() {
        assertThatThrownBy(() -> FilterPattern.compile("{ $.a = }"))
                .isInstanceOfSatisfying(
                        FilterPatternException.class,
                        e -> assertThat(e.caretDiagram()).isEqualTo("{ $.a = }\n        ^"));
    }
}
