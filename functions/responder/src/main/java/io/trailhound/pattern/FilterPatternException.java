package io.trailhound.pattern;

/**
 * An invalid filter pattern, with the zero-based character position where parsing failed.
 * CloudWatch Logs answers such a pattern with {@code InvalidParameterException}; this is our equivalent.
 */
public final class FilterPatternException extends IllegalArgumentException {
    private final String pattern;
    private final int position;
    private final String reason;

    public FilterPatternException(String reason, String pattern, int position) {
        super("invalid filter pattern at position " + position + ": " + reason);
        this.pattern = pattern;
        this.position = position;
        this.reason = reason;
    }

    public String pattern() {
        return pattern;
    }

    /** Zero-based offset into {@link #pattern()}. */
    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }

    /** The pattern with a caret under the failing position, for multi-line diagnostics. */
    public String caretDiagram() {
        return pattern + "\n" + " ".repeat(Math.max(0, position)) + "^";
    }
}
