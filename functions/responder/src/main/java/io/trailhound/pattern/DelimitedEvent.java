package io.trailhound.pattern;

import java.util.ArrayList;
import java.util.List;

/** Splits an event into space-delimited fields; text in [brackets] or "quotes" is one field, without them. */
final class DelimitedEvent {
    private DelimitedEvent() {
    }

    static List<String> split(String message) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = message.length();
        while (true) {
            while (i < n && Character.isWhitespace(message.charAt(i))) i++;
            if (i >= n) return fields;
            char open = message.charAt(i);
            char close = open == '[' ? ']' : open == '"' ? '"' : 0;
            int end = close == 0 ? -1 : message.indexOf(close, i + 1);
            if (end > 0) {
                fields.add(message.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(message.charAt(i))) i++;
                fields.add(message.substring(start, i));
            }
        }
    }
}
