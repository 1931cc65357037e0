package io.trailhound.it;

import io.trailhound.bench.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shaded {@code responder.jar} in a fresh JVM, as the README tells a user to. */
final class CliJar {
    static final Path ROOT = Proc.ROOT;
    static final Path JAR = ROOT.resolve("functions/responder/target/responder.jar");

    record Result(int status, String out, String err) {}

    static Result run(Map<String, String> env, String... args) throws Exception {
        return runCommand(env, Proc.JAVA, prepend("-jar", JAR.toString(), args));
    }

    private static String[] prepend(String a, String b, String[] rest) {
        List<String> all = new ArrayList<>(List.of(a, b));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** Runs {@code program args} from the repository root with the AWS variables of this process removed. */
    static Result runCommand(Map<String, String> env, String program, String... args) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: build it first (./mvnw verify builds it before these tests)");
        }
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("ALERT_TOPIC_ARN"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the CLI did not finish in 120 s: " + command);
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
