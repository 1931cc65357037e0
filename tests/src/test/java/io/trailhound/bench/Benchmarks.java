package io.trailhound.bench;

import io.trailhound.it.LambdaBenchmark;
import io.trailhound.it.OnlineBenchmark;
import io.trailhound.it.OrgScaleBenchmark;
import io.trailhound.it.RetryBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark runner (bench/run). Every number is printed beside a baseline measured in the same run:
 * cold start vs an empty JVM, scale vs jq, the filter engine vs plain JSON parsing, footprint, and the
 * online path vs the awslabs Node.js Lambda on the same moto world.
 */
public final class Benchmarks {
    static final String JAR =
            Proc.ROOT.resolve("functions/responder/target/responder.jar").toString();

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        String awslabs = option(args, "--awslabs");
        System.out.println("Trailhound benchmarks (" + (quick ? "quick" : "full") + "), java " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        String only = option(args, "--only"); // cold, scale, engine, footprint, online, lambda or retries
        if (only == null || only.equals("cold")) {
            coldStart(quick ? 3 : 9);
        }
        if (only == null || only.equals("scale")) {
            scale(
                    quick ? new int[] {10_000, 50_000} : new int[] {10_000, 100_000, 1_000_000},
                    quick ? 50_000 : 200_000);
        }
        if (only == null || only.equals("engine")) {
            engine(quick ? 50_000 : 200_000);
        }
        if (only == null || only.equals("footprint")) {
            footprint();
        }
        if (only == null || only.equals("online")) {
            OnlineBenchmark.run(quick ? 3 : 7, awslabs == null ? null : Path.of(awslabs));
        }
        if (only == null || only.equals("lambda")) {
            LambdaBenchmark.run(quick ? 1 : 3);
        }
        if (only == null || only.equals("lambda-init")) {
            io.trailhound.it.LambdaInitBenchmark.run(quick ? 3 : 7);
        }
        if (only == null || only.equals("org")) {
            OrgScaleBenchmark.run(quick ? 1 : 3, quick ? 100 : 400);
        }
        if (only == null || only.equals("retries")) {
            RetryBenchmark.run(quick ? 10 : 30);
        }
    }

    static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    static void coldStart(int runs) throws Exception {
        System.out.println("\n1. Cold start: fresh JVM, offline invoke on events/ sample (median of " + runs + ")");
        String classes = Proc.ROOT.resolve("tests/target/test-classes").toString();
        double floor = Proc.median(runs, Proc.java("-cp", classes, EmptyMain.class.getName()), Map.of());
        List<String> invoke = List.of(
                "invoke", "--event", "events/sns-alarm-secret-deletion.json", "--cloudtrail", "events/cloudtrail");
        double plain = Proc.median(runs, cat(Proc.java("-jar", JAR), invoke), Map.of());
        // bin/trailhound itself; its first (unmeasured) run creates the archive in this fresh cache
        Map<String, String> cache = Map.of(
                "XDG_CACHE_HOME",
                Files.createTempDirectory("trailhound-cache").toString(),
                "JAVA_HOME",
                Proc.JAVA_HOME);
        double cds = Proc.median(
                runs, cat(List.of(Proc.ROOT.resolve("bin/trailhound").toString()), invoke), cache);
        System.out.printf("   empty main (floor)                 %6.3f s%n", floor);
        System.out.printf("   java -jar responder.jar invoke     %6.3f s   %5.1fx the floor%n", plain, plain / floor);
        System.out.printf(
                "   bin/trailhound (archive + C1)      %6.3f s   %5.1fx the floor (target <= 5x)%n", cds, cds / floor);
    }

    static void scale(int[] sizes, int jqSize) throws Exception {
        System.out.println("\n2. Scale: invoke over gzipped CloudTrail files (5,000 records a file), -Xmx96m");
        Path base = Proc.ROOT.resolve("tests/target/bench-data");
        double previousPerRecord = 0;
        for (int size : sizes) {
            Path dir = data(base, size);
            Run r = invokeScale(dir);
            double perRecordUs = r.seconds / size * 1e6;
            System.out.printf(
                    "   %,9d records  %6.2f s  %,9.0f records/s  %6.2f us/record  peak heap %3d MB  matched %,d%s%n",
                    size,
                    r.seconds,
                    size / r.seconds,
                    perRecordUs,
                    r.peakHeapMb,
                    r.matched,
                    previousPerRecord == 0
                            ? ""
                            : String.format(
                                    "  (per-record time %.2fx the previous size)", perRecordUs / previousPerRecord));
            previousPerRecord = perRecordUs;
        }
        Path dir = data(base, jqSize);
        Run ours = invokeScale(dir);
        String filter =
                ".Records[] | select(.eventName == \"GetSecretValue\" and ((.errorMessage // \"\") | contains(\"secret because it was marked for deletion\")))";
        List<String> jq = List.of(
                "bash",
                "-c",
                "for f in " + dir.resolve("cloudtrail") + "/*.gz; do gzip -dc \"$f\"; done | jq -c '" + filter
                        + "' | wc -l");
        Proc.check(Proc.run(jq, Map.of()), jq); // warm the file cache
        Proc.Result jqRun = Proc.check(Proc.run(jq, Map.of()), jq);
        System.out.printf(
                "   %,d records: Trailhound %.2f s (matched %,d) vs jq bare filter %.2f s (matched %s) = %.2fx jq's time (target <= 0.5x)%n",
                jqSize,
                ours.seconds,
                ours.matched,
                jqRun.seconds(),
                jqRun.out().trim(),
                ours.seconds / jqRun.seconds());
    }

    record Run(double seconds, int peakHeapMb, long matched) {}

    static Path data(Path base, int size) throws Exception {
        Path dir = base.resolve(String.valueOf(size));
        if (!Files.exists(dir.resolve("alarm.json"))) {
            GenerateTrail.write(dir, size, 5_000);
        }
        return dir;
    }

    static Run invokeScale(Path dir) throws Exception {
        Path gcLog = Files.createTempFile("gc", ".log");
        List<String> command = Proc.java(
                "-Xmx96m",
                "-Xlog:gc:file=" + gcLog,
                "-jar",
                JAR,
                "invoke",
                "--event",
                dir.resolve("alarm.json").toString(),
                "--cloudtrail",
                dir.resolve("cloudtrail").toString(),
                "--format",
                "json");
        Proc.check(Proc.run(command, Map.of()), command); // warm the file cache
        Proc.Result r = Proc.check(Proc.run(command, Map.of()), command);
        int peak = 0;
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(").matcher(Files.readString(gcLog));
        while (m.find()) {
            peak = Math.max(peak, Integer.parseInt(m.group(1)));
        }
        Matcher matched = Pattern.compile("\"matched\":(\\d+)").matcher(r.out());
        return new Run(r.seconds(), peak, matched.find() ? Long.parseLong(matched.group(1)) : -1);
    }

    static void engine(int records) throws Exception {
        System.out.println("\n3. Filter engine: the secret pattern over synthetic CloudTrail records, in one JVM");
        FilterPatternBenchmark.run(records);
        System.out.println("\n3b. Hostile regular expressions: RE2/J vs java.util.regex (capped at "
                + HostileRegexBenchmark.CAP_SECONDS + " s a case), in one JVM");
        HostileRegexBenchmark.run(true);
    }

    static void footprint() throws Exception {
        System.out.println("\n4. Footprint");
        Path jar = Path.of(JAR);
        int entries;
        try (JarFile j = new JarFile(jar.toFile())) {
            entries = j.size();
        }
        System.out.printf("   shaded jar: %.1f MB, %,d entries%n", Files.size(jar) / 1e6, entries);
        Path log = Files.createTempFile("classes", ".log");
        List<String> command = Proc.java(
                "-Xlog:class+load:file=" + log,
                "-jar",
                JAR,
                "invoke",
                "--event",
                "events/sns-alarm-secret-deletion.json",
                "--cloudtrail",
                "events/cloudtrail");
        Proc.check(Proc.run(command, Map.of()), command);
        List<String> lines = Files.readAllLines(log);
        long fromJar = lines.stream().filter(l -> l.contains("responder.jar")).count();
        long fromJdk = lines.size() - fromJar;
        System.out.printf(
                "   classes loaded by one offline invoke: %,d (%,d from the jar, %,d from the JDK)%n",
                lines.size(), fromJar, fromJdk);
        Path emptyLog = Files.createTempFile("classes", ".log");
        Proc.check(
                Proc.run(
                        Proc.java(
                                "-Xlog:class+load:file=" + emptyLog,
                                "-cp",
                                Proc.ROOT.resolve("tests/target/test-classes").toString(),
                                EmptyMain.class.getName()),
                        Map.of()),
                List.of("empty"));
        System.out.printf(
                "   classes loaded by an empty main: %,d%n",
                Files.readAllLines(emptyLog).size());
    }

    static List<String> cat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
