package io.trailhound.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one sub-command; unknown or repeated options are usage errors. */
public final class Args {
    private final Map<String, List<String>> values = new HashMap<>();

    private Args() {}

    public static Args parse(List<String> argv, Set<String> known) {
        return parse(argv, known, Set.of());
    }

    /** As {@link #parse(List, Set)}; the options in {@code repeatable} may be given more than once. */
    public static Args parse(List<String> argv, Set<String> known, Set<String> repeatable) {
        Args args = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String name = argv.get(i);
            if (!known.contains(name)) {
                throw new UsageException("unknown option '" + name + "' (expected one of "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= argv.size()) {
                throw new UsageException("option " + name + " needs a value");
            }
            List<String> given = args.values.computeIfAbsent(name, n -> new ArrayList<>());
            if (!given.isEmpty() && !repeatable.contains(name)) {
                throw new UsageException("option " + name + " is given twice");
            }
            given.add(argv.get(++i));
        }
        return args;
    }

    public String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw new UsageException("missing required option " + name);
        }
        return value;
    }

    public String optional(String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.get(0);
    }

    /** Every value of a repeatable option, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** A command line that cannot be run as given. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
