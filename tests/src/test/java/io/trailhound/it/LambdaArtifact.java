package io.trailhound.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The function's deployment package laid out as {@code sam build} lays out a Maven function: the compiled
 * classes and resources at the root, the runtime-scope dependency jars ({@code mvn dependency:copy-dependencies
 * -DincludeScope=runtime}, which the responder's package phase runs too) in {@code lib/}. Lambda unpacks it
 * in {@code /var/task}, the runtime's working directory, and loads classes from there.
 */
public final class LambdaArtifact {
    /** The responder module whose build output is laid out; another one (an older build, to compare) with -Dtrailhound.lambda.module. */
    static final Path MODULE = Path.of(System.getProperty(
            "trailhound.lambda.module",
            CliJar.ROOT.resolve("functions/responder").toString()));

    private static final Map<Path, Path> BUILT = new HashMap<>();

    private LambdaArtifact() {}

    /** Builds the layout once per test JVM under tests/target/lambda-artifact, from the responder's build output. */
    public static Path get() throws IOException {
        return get(MODULE);
    }

    /**
     * The layout of another build of the responder ({@code module}: a folder with its {@code target/classes} and
     * {@code target/dependency}), so a benchmark can run two builds in the same run; each has its own folder.
     */
    public static synchronized Path get(Path module) throws IOException {
        Path built = BUILT.get(module);
        if (built != null) {
            return built;
        }
        Path classes = module.resolve("target/classes");
        Path dependencies = module.resolve("target/dependency");
        if (!Files.isDirectory(classes.resolve("io/trailhound")) || !Files.isDirectory(dependencies)) {
            throw new IllegalStateException("the responder is not built (" + classes + ", " + dependencies
                    + "): run ./mvnw install -DskipTests first (./mvnw verify builds it before these tests)");
        }
        Path root = CliJar.ROOT.resolve("tests/target/lambda-artifact" + (BUILT.isEmpty() ? "" : "-" + BUILT.size()));
        delete(root);
        copyTree(classes, root);
        Path lib = Files.createDirectories(root.resolve("lib"));
        try (Stream<Path> jars = Files.list(dependencies)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName().toString()));
            }
        }
        BUILT.put(module, root);
        return root;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
