package io.trailhound.pattern;

import java.util.List;

/**
 * A property selector such as {@code $.users[0].email}, {@code $.['cluster.name']} or {@code $.arrayKey[*]}:
 * steps are field names ({@link String}), array indexes ({@link Integer}) or a {@link Wildcard}.
 * {@code slot} is where the reader stores the values it finds; a selector with a wildcard can find many.
 */
record Selector(String text, List<Object> steps, int slot) {
    /** {@code .*} selects every field of an object, {@code [*]} every element of an array. */
    enum Wildcard {
        ANY_FIELD,
        ANY_ELEMENT
    }

    Selector {
        steps = List.copyOf(steps);
    }

    boolean hasWildcard() {
        return steps.stream().anyMatch(step -> step instanceof Wildcard);
    }

    @Override
    public String toString() {
        return text;
    }
}
