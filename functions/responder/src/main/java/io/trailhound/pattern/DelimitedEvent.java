package io.trailhound.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * An event split into space-delimited fields; text in [brackets] or "quotes" is one field, without them.
 * {@code starts} holds where each field begins in the message, so a field can also stand for the rest of it.
 */
record DelimitedEvent(String message, List<String> fields, int[] starts) {

    static DelimitedEvent split(String message) {
        List<String> fields = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int i = 0;
        int n = message.length();
        while (true) {
            while (i < n && Character.isWhitespace(message.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return new DelimitedEvent(
                        message,
                        fields,
                        starts.stream().mapToInt(Integer::intValue).toArray());
            }
            starts.add(i);
            char open = message.charAt(i);
            char close = open == '[' ? ']' : open == '"' ? '"' : 0;
            int end = close == 0 ? -1 : message.indexOf(close, i + 1);
            if (end > 0) {
                fields.add(message.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(message.charAt(i))) {
                    i++;
                }
                fields.add(message.substring(start, i));
            }
        }
    }

    int size() {
        return fields.size();
    }

    String field(int index) {
        return fields.get(index);
    }

    /** The message from field {@code from} to its end, as written (brackets and quotes kept), trailing blanks cut. */
    String rest(int from) {
        return message.substring(starts[from]).stripTrailing();
    }
}
