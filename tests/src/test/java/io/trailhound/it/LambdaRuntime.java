package io.trailhound.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The function run the way the Lambda java21 runtime runs it, for tests and benchmarks: the artifact as
 * {@code sam build} lays it out ({@link LambdaArtifact}) as the working directory, the real runtime interface
 * client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client}) started in a fresh JVM with the
 * runtime's JVM flags and the environment Lambda sets (plus the function's own, {@link FunctionConfig}),
 * talking to a Runtime API of our own ({@link RuntimeApiEmulator}).
 *
 * <pre>{@code
 * try (LambdaRuntime fn = new LambdaRuntime(FunctionConfig.fromTemplate(Map.of("AlertTopic", topicArn)), moto.env())) {
 *     LambdaRuntime.Init init = fn.start();          // on demand: until the first /next; SnapStart: until /restore/next
 *     fn.restore();                                   // SnapStart only: lets /restore/next answer (afterRestore hooks run)
 *     LambdaRuntime.Invocation r = fn.invoke(eventJson);  // SUCCESS, ERROR or TIMED_OUT, with the duration
 * }
 * }</pre>
 *
 * As in Lambda, an invocation that outlives the function's timeout gets {@code TIMED_OUT} and the process is
 * killed; the next invoke starts (and, for SnapStart, restores) a fresh one. The JVM is the one running the
 * tests (Lambda's java21 runtime runs Corretto 21). SnapStart is emulated without a snapshot: the process
 * that ran the beforeCheckpoint hooks is the one "restored", so the first invoke after restore is measured
 * without the page faults of a real restore.
 */
public final class LambdaRuntime implements AutoCloseable {
    /** The java21 runtime's own flags (from its bootstrap), before JAVA_TOOL_OPTIONS is applied by the JVM. */
    static final List<String> RUNTIME_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
            "-Djava.net.preferIPv4Stack=true",
            "-XX:+ErrorFileToStderr");

    static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String FUNCTION_NAME = "trailhound-responder";
    static final String FUNCTION_ARN =
            "arn:aws:lambda:us-east-1:" + MotoServer.ACCOUNT + ":function:" + FUNCTION_NAME + ":live";
    static final Duration INIT_LIMIT =
            Duration.ofSeconds(60); // Lambda's own init limit is 10 s; this machine is shared

    public enum Status {
        SUCCESS,
        ERROR,
        TIMED_OUT
    }

    /** Init: how long it took (on demand: to the first /next; SnapStart: to /restore/next, hooks included). */
    public record Init(Duration duration, RuntimeApiEmulator.Posted error) {}

    public record Invocation(String requestId, Status status, String body, String errorType, Duration duration) {}

    private final FunctionConfig config;
    private final Map<String, String> awsEnvironment;
    private final List<String> jvmFlags;
    private final Path module;
    private final RuntimeApiEmulator api;
    private final Path log;
    private Process process;
    private boolean restored;

    /** {@code awsEnvironment}: credentials, region and endpoint (for moto) that Lambda would provide. */
    public LambdaRuntime(FunctionConfig config, Map<String, String> awsEnvironment) throws IOException {
        this(config, awsEnvironment, RUNTIME_FLAGS);
    }

    /** With other JVM flags in place of the runtime's (benchmarks compare JIT settings with this). */
    public LambdaRuntime(FunctionConfig config, Map<String, String> awsEnvironment, List<String> jvmFlags)
            throws IOException {
        this(config, awsEnvironment, jvmFlags, LambdaArtifact.MODULE);
    }

    /** Another build of the responder ({@link LambdaArtifact#get(Path)}), to compare two builds in one run. */
    public LambdaRuntime(FunctionConfig config, Map<String, String> awsEnvironment, List<String> jvmFlags, Path module)
            throws IOException {
        this.module = module;
        this.config = config;
        this.awsEnvironment = Map.copyOf(awsEnvironment);
        this.jvmFlags = List.copyOf(jvmFlags);
        this.api = new RuntimeApiEmulator(FUNCTION_ARN);
        this.log = Files.createTempFile("lambda-runtime", ".log");
    }

    /** Starts a fresh runtime process and waits for its init to finish (or fail). */
    public Init start() throws Exception {
        stopProcess();
        api.reset();
        restored = false;
        Path task = LambdaArtifact.get(module);
        List<String> command = new ArrayList<>(
                List.of(io.trailhound.bench.Proc.JAVA, "-XX:MaxHeapSize=" + config.memoryMb() * 1024 * 85 / 100 + "k"));
        command.addAll(jvmFlags);
        // JDK 24+ (the test JVM; not java21's Corretto 21) warns on stderr when the runtime client loads its
        // native library; java21 prints nothing there, so neither does the harness.
        if (Runtime.version().feature() >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-classpath", runtimeClasspath(), MAIN, config.handler()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(task.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(task));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long t0 = System.nanoTime();
        process = pb.start();
        CompletableFuture<Long> done = config.snapStart() ? api.restoreRequested() : api.firstNext();
        CompletableFuture<Object> first = CompletableFuture.anyOf(done, api.initError(), process.onExit());
        try {
            first.get(INIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stopProcess();
            throw new IllegalStateException("the runtime did not finish init in " + INIT_LIMIT + ":\n" + output());
        }
        if (api.initError().isDone()) {
            return new Init(
                    Duration.ofNanos(System.nanoTime() - t0), api.initError().get());
        }
        if (!done.isDone()) {
            throw new IllegalStateException(
                    "the runtime exited during init with status " + process.exitValue() + ":\n" + output());
        }
        return new Init(Duration.ofNanos(done.get() - t0), null);
    }

    /** SnapStart: answers /restore/next and waits for the runtime to ask for its first invocation; returns that time. */
    public Duration restore() throws Exception {
        if (!config.snapStart()) {
            throw new IllegalStateException("not a SnapStart function");
        }
        long t0 = System.nanoTime();
        api.releaseRestore();
        CompletableFuture.anyOf(api.firstNext(), api.initError(), process.onExit())
                .get(INIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!api.firstNext().isDone()) {
            throw new IllegalStateException("the runtime did not ask for an invocation after restore:\n" + output());
        }
        restored = true;
        return Duration.ofNanos(api.firstNext().get() - t0);
    }

    /** Invokes the function once with the function's timeout, starting a fresh runtime first if there is none. */
    public Invocation invoke(String payload) throws Exception {
        if (process == null || !process.isAlive()) {
            Init init = start();
            if (init.error() != null) {
                throw new IllegalStateException("init failed: " + init.error());
            }
        }
        if (config.snapStart() && !restored) {
            restore();
        }
        long t0 = System.nanoTime();
        RuntimeApiEmulator.Pending p = api.enqueue(payload, config.timeout());
        try {
            RuntimeApiEmulator.Posted r = p.result().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Invocation(
                    p.requestId(),
                    r.error() ? Status.ERROR : Status.SUCCESS,
                    r.body(),
                    r.errorType(),
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (TimeoutException e) {
            stopProcess(); // Lambda stops the environment of a timed-out invocation
            return new Invocation(
                    p.requestId(), Status.TIMED_OUT, null, null, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** Peak resident memory of the current runtime process (VmHWM), in kB. */
    public long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** CPU time (user + system) the current runtime process has used so far, in ms (10 ms resolution). */
    public long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime in clock ticks (100 Hz)
    }

    /**
     * Stops the runtime process (SIGSTOP) as a hung function would be: nothing it does answers any more. Its next
     * invocation times out, and the harness then kills it, as Lambda does.
     */
    public void hang() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Everything the runtime processes wrote to stdout and stderr so far (Lambda sends both to the log group). */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private Map<String, String> environment(Path task) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("_HANDLER", config.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", config.snapStart() ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(config.memoryMb()));
        env.put("AWS_LAMBDA_LOG_FORMAT", config.logFormat().toUpperCase());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/23/[1]harness");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.snapStart() ? "snap-start" : "on-demand");
        env.put("AWS_DEFAULT_REGION", MotoServer.REGION);
        env.put("AWS_REGION", MotoServer.REGION);
        env.putAll(awsEnvironment);
        env.putAll(config.environment());
        return env;
    }

    /** The runtime's own jars (in Lambda, /var/runtime/lib): the client, serialization, core, utils-lite. */
    static String runtimeClasspath() {
        List<String> jars = new ArrayList<>();
        for (String marker : List.of(
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "com.amazonaws.services.lambda.runtime.Context",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")) {
            try {
                jars.add(Path.of(Class.forName(marker)
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
                throw new IllegalStateException(
                        marker + " is not on the test class path (aws-lambda-java-runtime-interface-client)", e);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Each line of {@code text} as JSON; a line that is not a JSON object fails the test. */
    static List<com.fasterxml.jackson.databind.JsonNode> jsonLines(String text, String all) {
        List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode node = World.JSON.readTree(line);
                if (!node.isObject()) {
                    throw new AssertionError("not a JSON object log line: " + line);
                }
                out.add(node);
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON log line: " + line + "\nin\n" + all, e);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        stopProcess();
        api.close();
    }
}
