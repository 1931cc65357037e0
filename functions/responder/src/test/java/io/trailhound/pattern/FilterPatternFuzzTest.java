package io.trailhound.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the parser: random and mutated patterns either compile (and then match any message
 * without throwing) or fail with our typed error at a position inside the pattern. Seeds are fixed so a
 * failure reproduces; the failing input is in the assertion message.
 */
class FilterPatternFuzzTest {
    private static final String[] PIECES = {
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        "$",
        ".",
        "$.a",
        "$.b[0]",
        "$.c.d",
        "=",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "&&",
        "||",
        "IS",
        "NULL",
        "TRUE",
        "FALSE",
        "NOT",
        "EXISTS",
        "\"",
        "\"x y\"",
        "*",
        "%",
        "%a.b%",
        "%(%",
        "1",
        "-2.5e3",
        "+",
        "?",
        "-",
        "...",
        ",",
        " ",
        " ",
        "ERROR",
        "w1",
        "\\",
        "é",
        "\u202e",
        "\n",
        "'",
        "’",
        "[]",
        "{}",
        // the syntax of issue 15: wildcard selectors, bracket keys, {,n}, unquoted punctuation in terms
        "[*]",
        ".*",
        "$.*",
        "$.a[*]",
        "$.*.b",
        "['a.b']",
        "$.['c.d']",
        "['",
        "{,2}",
        "%a{,2}b%",
        "{2,}",
        "Token=",
        "?@",
        "\"m\":\"x\"",
        "Runtime.ExitError"
    };
    private static final String[] MESSAGES = {
        "",
        " ",
        "ERROR x",
        "{\"a\":1,\"b\":[\"x\"],\"c\":{\"d\":null}}",
        "{\"a\":",
        "[1,2]",
        "a b c d e f g",
        "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET / HTTP/1.0\" 200 1534",
        "{\"a\":\"" + "z".repeat(5000) + "\"}",
        "{" + "\"a\":{".repeat(300) + "}".repeat(301),
        "{\"a\":[{\"b\":1},{\"b\":[null,true]}],\"c.d\":{\"a\":\"x\"}}",
        "{\"a\":[" + "[".repeat(200) + "]".repeat(200) + "]}",
        "ERROR Token=1 x@y \"m\":\"x\" w1 w2 w3 w4"
    };

    @Test
    void randomPatternsOnlyCompileOrFailWithPosition() {
        SplittableRandom random = new SplittableRandom(20261124L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder pattern = new StringBuilder();
            int pieces = random.nextInt(1, 14);
            for (int p = 0; p < pieces; p++) {
                pattern.append(PIECES[random.nextInt(PIECES.length)]);
            }
            exercise(pattern.toString());
        }
    }

    @Test
    void mutatedConformancePatternsOnlyCompileOrFailWithPosition() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/patterns/conformance.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in)) {
                seeds.add(c.get("pattern").asText());
            }
        }
        SplittableRandom random = new SplittableRandom(42L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder pattern = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = random.nextInt(1, 4);
            for (int e = 0; e < edits && pattern.length() > 0; e++) {
                int at = random.nextInt(pattern.length());
                switch (random.nextInt(3)) {
                    case 0 -> pattern.deleteCharAt(at);
                    case 1 -> pattern.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    default -> pattern.setCharAt(at, (char) random.nextInt(32, 127));
                }
            }
            exercise(pattern.toString());
        }
    }

    private static void exercise(String pattern) {
        FilterPattern compiled;
        try {
            compiled = FilterPattern.compile(pattern);
        } catch (FilterPatternException e) {
            assertThat(e.position()).as("position for %s", pattern).isBetween(0, pattern.length());
            assertThat(e.getMessage())
                    .as("message for %s", pattern)
                    .doesNotContain("\n")
                    .contains("position " + e.position());
            return;
        } catch (RuntimeException e) {
            fail("pattern %s threw %s instead of FilterPatternException", pattern, e);
            return;
        }
        for (String message : MESSAGES) {
            try {
                compiled.match(message);
            } catch (RuntimeException e) {
                fail("pattern %s on message %.60s threw %s", pattern, message, e);
            }
        }
    }
}
