package io.trailhound.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Benchmark 6 (bench/run --only lambda): the function in the Lambda runtime harness ({@link LambdaRuntime})
 * against the sample world in moto, per sample alarm, in a fresh runtime each run: init (SnapStart: up to
 * /restore/next, so the priming hooks are included), restore, the first invocation after restore, the median of
 * 20 warm invocations (the baseline, measured in the same process), the ratio of the two, and peak RSS. Then the
 * same for on-demand init, and the JIT settings compared. moto's missing CloudTrail LookupEvents (HTTP 500,
 * retried by the SDK) is answered by {@link FaultProxy} with an empty page, so the numbers are the function's.
 */
public final class LambdaBenchmark {
    static final int WARM = 20;

    record Run(
            double initMs,
            double restoreMs,
            double firstMs,
            double warmMedianMs,
            long peakRssMb,
            double initCpuMs,
            double firstCpuMs,
            double warmCpuMs,
            long firstClasses) {}

    /** JIT settings compared: the java21 runtime's default (C1 only) and the JVM's own (C1 then C2). */
    static final Map<String, List<String>> JIT = Map.of(
            "C1 only (runtime default)",
            LambdaRuntime.RUNTIME_FLAGS,
            "C1 + C2 (JVM default)",
            LambdaRuntime.RUNTIME_FLAGS.stream()
                    .filter(f -> !f.startsWith("-XX:TieredStopAtLevel"))
                    .toList());

    private LambdaBenchmark() {}

    public static void run(int runs) throws Exception {
        System.out.println(
                "\n6. Lambda runtime harness: runtime interface client + Runtime API emulator, moto (median of " + runs
                        + " fresh runtimes per row; warm = median of " + WARM + " invocations)");
        MotoServer moto = new MotoServer();
        moto.beforeAll(null);
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            proxy.answer(OnlineBenchmark.LOOKUP_EVENTS, "application/x-amz-json-1.1", "{\"Events\":[]}");
            SampleWorld w = new SampleWorld(moto);
            Map<String, String> env = new HashMap<>(moto.env());
            env.put("AWS_ENDPOINT_URL", proxy.endpoint());
            FunctionConfig config = FunctionConfig.fromTemplate(w.resources());
            System.out.println("   JAVA_TOOL_OPTIONS from template.yaml: "
                    + config.environment().getOrDefault("JAVA_TOOL_OPTIONS", "(none)"));
            System.out.println(
                    "   wall-clock ms (this machine is shared: compare within a run), then the runtime process's own CPU ms and the"
                            + " classes the first invocation loaded");
            System.out.printf(
                    "   %-34s %-20s %7s %7s %7s %7s %7s %6s | %7s %7s %7s %7s | %7s%n",
                    "mode", "alarm", "init", "restore", "first", "warm", "first/w", "RSS MB", "cpu ini", "cpu 1st",
                    "cpu wrm", "1st/wrm", "classes");
            // -Dtrailhound.bench.jit=c1: the runtime's default only (a shorter run, for an older build to compare)
            List<String> settings = "c1".equals(System.getProperty("trailhound.bench.jit"))
                    ? List.of("C1 only (runtime default)")
                    : List.of("C1 only (runtime default)", "C1 + C2 (JVM default)");
            System.out.println("   function built from " + LambdaArtifact.MODULE);
            for (String jit : settings) {
                for (boolean snapStart : List.of(true, false)) {
                    for (Map.Entry<String, String> e : w.events().entrySet()) {
                        List<Run> results = new ArrayList<>();
                        for (int i = 0; i < runs; i++) {
                            results.add(once(config.withSnapStart(snapStart), env, JIT.get(jit), e.getValue()));
                            w.world.aws.sqs.purgeQueue(b -> b.queueUrl(w.world.queueUrl));
                        }
                        Run m = median(results);
                        System.out.printf(
                                "   %-34s %-20s %7.0f %7s %7.1f %7.1f %6.1fx %6d | %7.0f %7.0f %7.1f %6.1fx | %7d%n",
                                jit + (snapStart ? ", SnapStart" : ", on demand"),
                                e.getKey().replace("sns-alarm-", "").replace(".json", ""),
                                m.initMs(),
                                snapStart ? String.format("%.0f", m.restoreMs()) : "-",
                                m.firstMs(),
                                m.warmMedianMs(),
                                m.firstMs() / m.warmMedianMs(),
                                m.peakRssMb(),
                                m.initCpuMs(),
                                m.firstCpuMs(),
                                m.warmCpuMs(),
                                m.firstCpuMs() / Math.max(m.warmCpuMs(), 0.1),
                                m.firstClasses());
                    }
                }
            }
        } finally {
            moto.afterAll(null);
        }
    }

    private static Run once(FunctionConfig config, Map<String, String> env, List<String> flags, String event)
            throws Exception {
        Path classLog = Files.createTempFile("lambda-classes", ".log");
        List<String> withLog = new ArrayList<>(flags);
        withLog.add("-Xlog:class+load:file=" + classLog);
        try (LambdaRuntime fn = new LambdaRuntime(config, env, withLog)) {
            LambdaRuntime.Init init = fn.start();
            if (init.error() != null) {
                throw new IllegalStateException("init failed: " + init.error() + "\n" + fn.output());
            }
            double restore = config.snapStart() ? ms(fn.restore()) : 0;
            long cpuBefore = fn.cpuMillis();
            long classesBefore = lines(classLog);
            double first =
                    ms(check(fn, fn.invoke(SampleWorld.redelivered(event))).duration());
            long cpuFirst = fn.cpuMillis();
            long classesFirst = lines(classLog);
            if (System.getProperty("trailhound.bench.classes") != null) {
                try (Stream<String> l = Files.lines(classLog)) {
                    l.skip(classesBefore)
                            .limit(classesFirst - classesBefore)
                            .forEach(c -> System.out.println("      first invoke loaded: " + c));
                }
            }
            double[] warm = new double[WARM];
            for (int i = 0; i < WARM; i++) {
                warm[i] = ms(check(fn, fn.invoke(SampleWorld.redelivered(event)))
                        .duration()); // new deliveries: none is skipped
            }
            double warmCpu = (fn.cpuMillis() - cpuFirst) / (double) WARM;
            Arrays.sort(warm);
            return new Run(
                    ms(init.duration()),
                    restore,
                    first,
                    warm[WARM / 2],
                    fn.peakRssKb() / 1024,
                    cpuBefore,
                    cpuFirst - cpuBefore,
                    warmCpu,
                    classesFirst - classesBefore);
        } finally {
            Files.deleteIfExists(classLog);
        }
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static LambdaRuntime.Invocation check(LambdaRuntime fn, LambdaRuntime.Invocation r) throws Exception {
        if (r.status() != LambdaRuntime.Status.SUCCESS) {
            throw new IllegalStateException(r + "\n" + fn.output());
        }
        return r;
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** Each column's median over the runs. */
    private static Run median(List<Run> runs) {
        return new Run(
                med(runs, Run::initMs),
                med(runs, Run::restoreMs),
                med(runs, Run::firstMs),
                med(runs, Run::warmMedianMs),
                (long) med(runs, r -> r.peakRssMb()),
                med(runs, Run::initCpuMs),
                med(runs, Run::firstCpuMs),
                med(runs, Run::warmCpuMs),
                (long) med(runs, r -> r.firstClasses()));
    }

    private static double med(List<Run> runs, ToDoubleFunction<Run> column) {
        return med(runs.stream().mapToDouble(column).toArray());
    }

    private static double med(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
