package io.trailhound.alert;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one sanitiser for everything a person reads (e-mail text, subject, chat): text that came from
 * CloudTrail or from the notification (attacker-controlled: user agents, names, alarm fields, error
 * messages). Control characters (newlines inside a value too), ANSI escapes, bidirectional overrides and
 * invisible characters (and the markup brackets {@code < >}) become visible {@code \\uXXXX} escapes, links are
 * defanged ({@code hxxps://evil[.]example}) so no mail client makes them clickable, and long values are cut
 * with a note. The JSON document is not passed through it: it stays exact.
 */
public final class Sanitize {
    /** A URL's scheme and host: {@code https://evil.example} and {@code www.evil.example}. */
    private static final Pattern LINK =
            Pattern.compile("(?i)\\b(?:([a-z][a-z0-9+.-]{1,15})://|(?=www\\.))([^\\s/?#\\[\\]()<>\"']+)");

    public static final int DEFAULT_MAX = 512;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Sanitize() {}

    public static String text(String s) {
        return text(s, DEFAULT_MAX);
    }

    public static String text(String s, int max) {
        if (s == null) {
            return null;
        }
        s = defang(s);
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 16);
        int i = 0;
        for (; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && out.length() + 1 >= max) {
                break; // never cut a character in two
            }
            if (isHidden(c) || c == '<' || c == '>') { // < > too: no markup reaches a mail client or a log viewer
                out.append("\\u")
                        .append(HEX[(c >> 12) & 15])
                        .append(HEX[(c >> 8) & 15])
                        .append(HEX[(c >> 4) & 15])
                        .append(HEX[c & 15]);
            } else {
                out.append(c);
            }
        }
        if (i < s.length()) {
            out.append("…(").append(s.length() - i).append(" more chars)");
        }
        return out.toString();
    }

    /** Links made unclickable and still readable: {@code hxxps://evil[.]example/path}, other schemes {@code s[:]//}. */
    static String defang(String s) {
        if (s.indexOf("://") < 0 && s.toLowerCase(Locale.ROOT).indexOf("www.") < 0) {
            return s;
        }
        Matcher m = LINK.matcher(s);
        StringBuilder out = new StringBuilder(s.length() + 16);
        while (m.find()) {
            String scheme = m.group(1);
            String shown = scheme == null
                    ? ""
                    : scheme.toLowerCase(Locale.ROOT).matches("https?|ftps?")
                            ? scheme.replace('t', 'x').replace('T', 'X') + "://"
                            : scheme + "[:]//";
            m.appendReplacement(out, Matcher.quoteReplacement(shown + m.group(2).replace(".", "[.]")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** For an SNS subject: {@link #text} made printable ASCII, one line, at most {@code max} characters. */
    public static String subject(String s, int max) {
        s = text(s, Integer.MAX_VALUE);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : c == '\u2019' ? '\'' : Character.isWhitespace(c) ? ' ' : '?');
        }
        String one = out.toString().replaceAll(" {2,}", " ").trim();
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    static boolean isHidden(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f) // C0, DEL, C1 (ESC starts ANSI sequences)
                || (c >= 0x200b && c <= 0x200f)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x061c
                || c == 0x2028
                || c == 0x2029
                || c == 0xfeff;
    }
}
