package io.trailhound.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A CloudWatch Logs filter pattern, compiled once and matched against many events. The syntax is the one
 * documented in "Filter pattern syntax for metric filters, subscription filters, filter log events, and
 * Live Tail" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 * a pattern starting with {@code {} is a JSON pattern, one starting with {@code [} is space-delimited, and
 * anything else is a list of terms. Instances are immutable and thread-safe.
 */
public final class FilterPattern {
    /** The API's limit on the length of {@code filterPattern}. */
    public static final int MAX_LENGTH = 1024;

    public enum Kind {
        TERMS,
        JSON,
        SPACE_DELIMITED
    }

    private final String text;
    private final Kind kind;
    private final CompiledPattern compiled;

    private FilterPattern(String text, Kind kind, CompiledPattern compiled) {
        this.text = text;
        this.kind = kind;
        this.compiled = compiled;
    }

    /** Parses a pattern; throws {@link FilterPatternException} with the position of the first error. */
    public static FilterPattern compile(String text) {
        if (text == null) {
            throw new FilterPatternException("no pattern given", "", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterPatternException(
                    "a filter pattern is at most " + MAX_LENGTH + " characters, this one has " + text.length(),
                    text,
                    MAX_LENGTH);
        }
        Scanner s = new Scanner(text, 0);
        s.skipWhitespace();
        return switch (s.peek()) {
            case '{' -> new FilterPattern(text, Kind.JSON, JsonPattern.parse(s));
            case '[' -> new FilterPattern(text, Kind.SPACE_DELIMITED, DelimitedPattern.parse(s));
            default -> new FilterPattern(text, Kind.TERMS, TermPattern.parse(s));
        };
    }

    public boolean matches(String message) {
        return compiled.match(message) != null;
    }

    /**
     * Whether an event that was already parsed matches, without rendering it as text for JSON patterns.
     * Numbers are compared as the tree holds them: parse floats as BigDecimal to keep their digits.
     */
    public boolean matches(JsonNode event) {
        return compiled.matches(event, () -> io.trailhound.json.Json.write(event));
    }

    /**
     * The values extracted from a matching event, keyed as {@code aws logs test-metric-filter} keys them
     * ({@code $name} or {@code $N}; empty for term and JSON patterns), or null when it does not match.
     */
    public Map<String, String> match(String message) {
        return compiled.match(message);
    }

    public String text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    /** The canonical form: fully bracketed and normalised spacing, for tests and diagnostics. */
    public String canonical() {
        return compiled.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
