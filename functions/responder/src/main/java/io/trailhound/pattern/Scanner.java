package io.trailhound.pattern;

/** A cursor over the pattern text shared by the three sub-language parsers; every error carries its offset. */
final class Scanner {
    private final String src;
    private int pos;

    Scanner(String src, int start) {
        this.src = src;
        this.pos = start;
    }

    String source() {
        return src;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= src.length();
    }

    char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    char next() {
        return src.charAt(pos++);
    }

    void skipWhitespace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    boolean tryConsume(String s) {
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    /** Consumes a keyword (case-insensitive) only when it is not followed by a word character. */
    boolean tryKeyword(String word) {
        if (src.regionMatches(true, pos, word, 0, word.length())) {
            int end = pos + word.length();
            if (end >= src.length() || !isWordChar(src.charAt(end))) {
                pos = end;
                return true;
            }
        }
        return false;
    }

    void expect(String s, String what) {
        if (!tryConsume(s)) {
            throw error("expected " + what + (atEnd() ? " but the pattern ended" : " but found " + show(peek())));
        }
    }

    FilterPatternException error(String reason) {
        return new FilterPatternException(reason, src, pos);
    }

    FilterPatternException errorAt(String reason, int at) {
        return new FilterPatternException(reason, src, at);
    }

    /**
     * Reads a double-quoted string starting at the opening quote and returns its raw content with escapes
     * left in place ({@code \"} does not end the string); callers decide what escapes mean.
     */
    String quotedRaw() {
        return enclosedRaw('"', "unterminated quoted string");
    }

    /** Reads a {@code %regex%} starting at the opening percent sign; returns the body. */
    String regexBody() {
        return enclosedRaw('%', "unterminated regular expression (missing closing '%')");
    }

    /** Reads from an opening {@code delimiter} to the next unescaped one; a backslash keeps the next char. */
    private String enclosedRaw(char delimiter, String unterminated) {
        int start = pos;
        expect(String.valueOf(delimiter), "'" + delimiter + "'");
        StringBuilder raw = new StringBuilder();
        while (!atEnd()) {
            char c = next();
            if (c == '\\' && !atEnd()) {
                raw.append(c).append(next());
            } else if (c == delimiter) {
                return raw.toString();
            } else {
                raw.append(c);
            }
        }
        throw errorAt(unterminated, start);
    }

    /** Reads characters while {@code allowed} says so. */
    String readWhile(CharPredicate allowed) {
        int start = pos;
        while (pos < src.length() && allowed.test(src.charAt(pos))) {
            pos++;
        }
        return src.substring(start, pos);
    }

    /** A character as it can be shown inside a one-line message: quoted, or as a \\uXXXX escape. */
    static String show(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    static boolean isWordChar(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }

    @FunctionalInterface
    interface CharPredicate {
        boolean test(char c);
    }
}
