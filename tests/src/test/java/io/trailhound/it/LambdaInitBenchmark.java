package io.trailhound.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark 6b (bench/run --only lambda-init): on-demand init in the Lambda runtime harness, and the first
 * invocation after it, per sample alarm: wall and CPU ms of each and of both together, and the classes each
 * loaded, median of fresh runtimes. With {@code -Dtrailhound.bench.baseline=<folder>} (a copy of another
 * build's {@code target/classes} and {@code target/dependency} under {@code <folder>/target}) that build runs in
 * the same rounds, interleaved, as the baseline; the load average is printed before and after.
 */
public final class LambdaInitBenchmark {
    private LambdaInitBenchmark() {}

    record Run(double initMs, double initCpu, double firstMs, double firstCpu, long initClasses, long firstClasses) {}

    public static void run(int runs) throws Exception {
        System.out.println("\n6b. Lambda on-demand init and first invocation (median of " + runs
                + " fresh runtimes, interleaved; load " + load() + ")");
        Map<String, Path> builds = new LinkedHashMap<>();
        String baseline = System.getProperty("trailhound.bench.baseline");
        if (baseline != null) {
            builds.put("baseline " + Path.of(baseline).getFileName(), Path.of(baseline));
        }
        builds.put("this build", LambdaArtifact.MODULE);
        MotoServer moto = new MotoServer();
        moto.beforeAll(null);
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            proxy.answer(OnlineBenchmark.LOOKUP_EVENTS, "application/x-amz-json-1.1", "{\"Events\":[]}");
            SampleWorld w = new SampleWorld(moto);
            Map<String, String> env = new HashMap<>(moto.env());
            env.put("AWS_ENDPOINT_URL", proxy.endpoint());
            FunctionConfig config = FunctionConfig.fromTemplate(w.resources()).withSnapStart(false);
            System.out.printf(
                    "   %-22s %-20s %7s %7s %7s %7s %7s %7s | %7s %7s%n",
                    "build", "alarm", "init", "cpu ini", "first", "cpu 1st", "sum", "cpu sum", "cl init", "cl 1st");
            for (Map.Entry<String, String> e : w.events().entrySet()) {
                Map<String, List<Run>> results = new LinkedHashMap<>();
                for (int i = 0; i < runs; i++) {
                    for (Map.Entry<String, Path> b : builds.entrySet()) {
                        results.computeIfAbsent(b.getKey(), k -> new ArrayList<>())
                                .add(once(config, env, b.getValue(), e.getValue()));
                        w.world.aws.sqs.purgeQueue(q -> q.queueUrl(w.world.queueUrl));
                    }
                }
                for (Map.Entry<String, List<Run>> r : results.entrySet()) {
                    List<Run> l = r.getValue();
                    System.out.printf(
                            "   %-22s %-20s %7.0f %7.0f %7.0f %7.0f %7.0f %7.0f | %7.0f %7.0f%n",
                            r.getKey(),
                            e.getKey().replace("sns-alarm-", "").replace(".json", ""),
                            med(l, Run::initMs),
                            med(l, Run::initCpu),
                            med(l, Run::firstMs),
                            med(l, Run::firstCpu),
                            med(l, x -> x.initMs() + x.firstMs()),
                            med(l, x -> x.initCpu() + x.firstCpu()),
                            med(l, x -> x.initClasses()),
                            med(l, x -> x.firstClasses()));
                }
            }
        } finally {
            moto.afterAll(null);
        }
        System.out.println("   load after: " + load());
    }

    private static Run once(FunctionConfig config, Map<String, String> env, Path module, String event)
            throws Exception {
        Path classLog = Files.createTempFile("lambda-init-classes", ".log");
        List<String> flags = new ArrayList<>(LambdaRuntime.RUNTIME_FLAGS);
        flags.add("-Xlog:class+load:file=" + classLog);
        try (LambdaRuntime fn = new LambdaRuntime(config, env, flags, module)) {
            LambdaRuntime.Init init = fn.start();
            if (init.error() != null) {
                throw new IllegalStateException("init failed: " + init.error() + "\n" + fn.output());
            }
            long cpuInit = fn.cpuMillis();
            long classesInit = lines(classLog);
            LambdaRuntime.Invocation first = fn.invoke(SampleWorld.redelivered(event));
            if (first.status() != LambdaRuntime.Status.SUCCESS) {
                throw new IllegalStateException(first + "\n" + fn.output());
            }
            return new Run(
                    init.duration().toNanos() / 1e6,
                    cpuInit,
                    first.duration().toNanos() / 1e6,
                    fn.cpuMillis() - cpuInit,
                    classesInit,
                    lines(classLog) - classesInit);
        } finally {
            Files.deleteIfExists(classLog);
        }
    }

    private static long lines(Path file) throws java.io.IOException {
        try (Stream<String> l = Files.lines(file)) {
            return l.count();
        }
    }

    private static String load() throws java.io.IOException {
        return String.join(
                " ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    }

    private static double med(List<Run> runs, java.util.function.ToDoubleFunction<Run> column) {
        double[] v = runs.stream().mapToDouble(column).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
