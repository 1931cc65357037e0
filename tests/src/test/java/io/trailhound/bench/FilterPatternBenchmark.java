package io.trailhound.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.pattern.FilterPattern;
import java.util.List;

/**
 * Prints how many CloudTrail records per second each pattern decides (the secret pattern; one with a
 * {@code %regex%}; one with a wildcard selector), beside how many the same machine merely parses into a
 * Jackson tree, measured in the same run. Part of bench/run.
 */
public final class FilterPatternBenchmark {
    static final String SECRET_PATTERN =
            "{ $.eventName = \"GetSecretValue\" && $.errorMessage = \"*secret because it was marked for deletion*\" }";

    /** A regular expression on every Secrets Manager record: the regex engine's share of the time. */
    static final String REGEX_PATTERN =
            "{ $.eventSource = \"secretsmanager.amazonaws.com\" && $.userAgent = %^aws-sdk-java/2\\.[0-9]+% }";
    /** A wildcard selector: every element of the resources array is read and compared. */
    static final String WILDCARD_PATTERN = "{ $.resources[*].ARN = \"*:key/1234abcd-*\" }";

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 200_000);
    }

    public static void run(int count) throws Exception {
        run(count, List.of(SECRET_PATTERN, REGEX_PATTERN, WILDCARD_PATTERN));
    }

    public static void run(int count, List<String> patterns) throws Exception {
        List<String> records = SyntheticTrail.records(count, 7);
        long bytes = records.stream().mapToLong(String::length).sum();
        System.out.printf(
                "   records: %,d (%.1f MB, %,d bytes/record on average)%n", count, bytes / 1e6, bytes / count);
        for (String text : patterns) {
            System.out.println("   pattern: " + text);
            measure(records, FilterPattern.compile(text));
        }
    }

    private static void measure(List<String> records, FilterPattern pattern) throws Exception {
        int count = records.size();
        ObjectMapper mapper = new ObjectMapper();

        double bestParse = 0;
        double bestMatch = 0;
        long matched = 0;
        for (int round = 0; round < 7; round++) { // the first rounds warm up the JIT; best of the rest counts
            long t0 = System.nanoTime();
            long sink = 0;
            for (String r : records) {
                sink += mapper.readTree(r).size();
            }
            long t1 = System.nanoTime();
            matched = 0;
            for (String r : records) {
                if (pattern.matches(r)) {
                    matched++;
                }
            }
            long t2 = System.nanoTime();
            if (round >= 2) {
                bestParse = Math.max(bestParse, count / ((t1 - t0) / 1e9));
                bestMatch = Math.max(bestMatch, count / ((t2 - t1) / 1e9));
            }
            if (sink == 42) {
                System.out.print(""); // keep the parse from being optimised away
            }
        }
        System.out.printf("   jackson readTree (baseline):  %,10.0f records/s%n", bestParse);
        System.out.printf("   filter pattern match:         %,10.0f records/s (%,d matched)%n", bestMatch, matched);
        System.out.printf("   ratio match/parse:            %.2fx%n", bestMatch / bestParse);
    }
}
