package io.trailhound.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command in a fresh process and times it from start to exit (wall clock). */
public final class Proc {
    public static final Path ROOT = Path.of(System.getProperty("trailhound.root", ".."))
            .toAbsolutePath()
            .normalize();
    /** The java running this JVM: every process the tests and benchmarks start (CLI, Lambda runtime) uses it. */
    public static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    /** The JDK running this JVM, for launchers that pick their java by JAVA_HOME (bin/trailhound). */
    public static final String JAVA_HOME = Path.of(JAVA).getParent().getParent().toString();

    public record Result(int status, double seconds, String out, String err) {}

    private Proc() {}

    public static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("AWS_") || k.equals("ALERT_TOPIC_ARN") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("bench", ".out");
        Path err = Files.createTempFile("bench", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Result r = new Result(
                p.exitValue(),
                seconds,
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /** The median wall time of {@code runs} runs (after one unmeasured warm-up run for the file cache). */
    public static double median(int runs, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        check(run(command, env), command);
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = check(run(command, env), command).seconds();
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    public static Result check(Result r, List<String> command) {
        if (r.status() != 0) {
            throw new IllegalStateException("exit " + r.status() + " from " + command + "\n" + r.err());
        }
        return r;
    }

    public static List<String> java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(Arrays.asList(args));
        return command;
    }
}
