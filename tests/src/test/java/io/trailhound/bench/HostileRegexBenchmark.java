package io.trailhound.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailhound.pattern.FilterPattern;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code %regex%} inputs of issue 15 that made {@code java.util.regex} (the engine before RE2/J)
 * backtrack for minutes, timed with today's engine and, in the same run, with {@code java.util.regex} on
 * the same value. The old engine's run is capped: its matcher reads the value through a sequence that
 * gives up after {@link #CAP_SECONDS}, so a capped time means "at least that long". Part of bench/run.
 */
public final class HostileRegexBenchmark {
    static final double CAP_SECONDS = 5;

    record Case(String pattern, String regex, String field, String value) {
        String describe() {
            return pattern + " on " + value.length() + " characters";
        }
    }

    static List<Case> cases() {
        String agent = "abc"; // a, b and c everywhere, never an x: every split of the value is tried
        return List.of(
                new Case("{ $.userAgent = %.*a.*b.*c.*x% }", ".*a.*b.*c.*x", "userAgent", agent.repeat(50)),
                new Case("{ $.userAgent = %.*a.*b.*c.*x% }", ".*a.*b.*c.*x", "userAgent", agent.repeat(100)),
                new Case("{ $.userAgent = %.*a.*b.*c.*x% }", ".*a.*b.*c.*x", "userAgent", agent.repeat(200)),
                new Case("{ $.userAgent = %.*a.*b.*c.*x% }", ".*a.*b.*c.*x", "userAgent", agent.repeat(300)),
                new Case(
                        "{ $.requestParameters.secretId = %a*a*a*a*a*a*b% }",
                        "a*a*a*a*a*a*b", "requestParameters.secretId", "a".repeat(40)),
                new Case(
                        "{ $.requestParameters.secretId = %a*a*a*a*a*a*b% }",
                        "a*a*a*a*a*a*b", "requestParameters.secretId", "a".repeat(3000)),
                new Case("%a*a*a*a*a*a*b%", "a*a*a*a*a*a*b", null, "a".repeat(3000)));
    }

    public static void main(String[] args) {
        run(!List.of(args).contains("--new-only"));
    }

    public static void run(boolean withOldEngine) {
        for (Case c : cases()) {
            String message = message(c);
            FilterPattern pattern = FilterPattern.compile(c.pattern());
            pattern.matches(message); // one warm-up call, then the best of five
            double ours = Double.MAX_VALUE;
            boolean matched = false;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                matched = pattern.matches(message);
                ours = Math.min(ours, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("   %-70s RE2/J %8.3f ms (match: %s)%n", c.describe(), ours * 1e3, matched);
            if (withOldEngine) {
                Old old = oldEngine(c.regex(), c.value());
                System.out.printf(
                        "   %-70s java.util.regex %s%s s; ratio old/new %s%,.0fx%n",
                        "",
                        old.capped ? ">" : "",
                        String.format("%.3f", old.seconds),
                        old.capped ? ">" : "",
                        old.seconds / ours);
            }
        }
    }

    private static String message(Case c) {
        if (c.field() == null) {
            return c.value();
        }
        var root = JsonNodeFactory.instance.objectNode();
        var node = root;
        String[] path = c.field().split("\\.");
        for (int i = 0; i < path.length - 1; i++) {
            node = node.putObject(path[i]);
        }
        node.put(path[path.length - 1], c.value());
        root.put("eventName", "GetSecretValue");
        return root.toString();
    }

    record Old(double seconds, boolean capped) {}

    /** What {@code RegexTerm} did before RE2/J: {@code Pattern.compile(body).matcher(value).find()}, capped. */
    static Old oldEngine(String regex, String value) {
        Pattern compiled = Pattern.compile(regex);
        long deadline = System.nanoTime() + (long) (CAP_SECONDS * 1e9);
        long t0 = System.nanoTime();
        try {
            compiled.matcher(new Capped(value, deadline)).find();
            return new Old((System.nanoTime() - t0) / 1e9, false);
        } catch (Capped.OutOfTime e) {
            return new Old((System.nanoTime() - t0) / 1e9, true);
        }
    }

    /** The value, readable until a deadline; checked every 4,096 reads to stay cheap. */
    private static final class Capped implements CharSequence {
        static final class OutOfTime extends RuntimeException {
            OutOfTime() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long deadline;
        private int reads;

        Capped(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 4095) == 0 && System.nanoTime() > deadline) {
                throw new OutOfTime();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Capped(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
