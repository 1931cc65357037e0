package io.trailhound.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one sub-command; unknown or repeated options are usage errors. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    private Args() {
    }

    public static Args parse(List<String> argv, Set<String> known) {
        Args args = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String name = argv.get(i);
            if (!known.contains(name)) {
                throw new UsageException("unknown option '" + name + "' (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= argv.size()) {
                throw new UsageException("option " + name + " needs a value");
            }
            if (args.values.put(name, argv.get(++i)) != null) {
                throw new UsageException("option " + name + " is given twice");
            }
        }
        return args;
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("missing required option " + name);
        }
        return value;
    }

    public String optional(String name) {
        return values.get(name);
    }

    /** A command line that cannot be run as given. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
