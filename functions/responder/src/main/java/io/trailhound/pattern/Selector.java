package io.trailhound.pattern;

import java.util.List;

/**
 * A property selector such as {@code $.users[0].email}: steps are field names ({@link String}) or array
 * indexes ({@link Integer}). {@code slot} is where the streaming reader stores the value it finds.
 */
record Selector(String text, List<Object> steps, int slot) {
    Selector {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return text;
    }
}
