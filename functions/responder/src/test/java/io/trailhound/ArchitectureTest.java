package io.trailhound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The boundaries docs/DESIGN.md describes, checked on the compiled main classes: the pipeline's stages
 * depend only on earlier stages, SDK types appear only in adapters, and no two packages depend on each
 * other. A new package must be placed in {@link #STAGES}, {@link #SUPPORT} or {@link #ENTRY} first.
 */
class ArchitectureTest {
    private static final String ROOT = "io.trailhound";

    /** The pipeline's stages in the order data flows through them: each may use those before it only. */
    static final List<String> STAGES = List.of(
            "alarm",
            "evidence",
            "detect",
            "verify",
            "enrich",
            "remediate",
            "alert",
            "publish",
            "idempotency",
            "subscription");

    /** Used by any stage, and using none: JSON, configuration, time budgets, threads, filter patterns, AWS plumbing. */
    static final List<String> SUPPORT = List.of("json", "config", "budget", "concurrent", "pattern", "aws");

    /** The entry points, which assemble the stages: the root package (Handler, Responder, Wiring) and the CLI. */
    static final List<String> ENTRY = List.of("", "cli");

    /**
     * An adapter talks to one AWS service and is named after it ({@code AwsRemediator},
     * {@code CloudWatchAlarmVerifier}, {@code CloudTrailScheduleLookup}, {@code DynamoDbIdempotencyStore},
     * {@code SnsPublisher}, {@code SecurityHubPublisher}, {@code EventBridgePublisher}), or is the shared AWS plumbing in {@code io.trailhound.aws} (clients, errors,
     * timeouts, pacing, Regions). Only adapters may use {@code software.amazon} types.
     */
    static final Pattern ADAPTER_NAME =
            Pattern.compile("(Aws|CloudWatch|CloudTrail|DynamoDb|Sns|SecurityHub|EventBridge)[A-Z]\\w*");

    static final DescribedPredicate<JavaClass> ADAPTER = DescribedPredicate.describe(
            "adapters (named Aws*, CloudWatch*, CloudTrail*, DynamoDb*, Sns*, SecurityHub*, EventBridge*, or in " + ROOT
                    + ".aws)",
            c -> c.getPackageName().equals(ROOT + ".aws")
                    || ADAPTER_NAME.matcher(topLevelName(c)).matches());

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageIsAStageASupportPackageOrAnEntryPoint() {
        List<String> known = new ArrayList<>(STAGES);
        known.addAll(SUPPORT);
        known.addAll(ENTRY);
        assertThat(CLASSES.stream().map(ArchitectureTest::packageOf).collect(Collectors.toSet()))
                .isSubsetOf(known);
    }

    @Test
    void eachStageDependsOnlyOnEarlierStagesAndSupport() {
        for (int i = 0; i < STAGES.size(); i++) {
            List<String> later = new ArrayList<>(STAGES.subList(i + 1, STAGES.size()));
            later.addAll(ENTRY);
            noClasses()
                    .that()
                    .resideInAPackage(packages(List.of(STAGES.get(i)))[0])
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(packages(later))
                    .because("the pipeline runs one way: " + String.join(" -> ", STAGES))
                    .check(CLASSES);
        }
    }

    @Test
    void supportPackagesDependOnNoStage() {
        List<String> stagesAndEntry = new ArrayList<>(STAGES);
        stagesAndEntry.addAll(ENTRY);
        noClasses()
                .that()
                .resideInAnyPackage(packages(SUPPORT))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages(stagesAndEntry))
                .check(CLASSES);
    }

    @Test
    void sdkTypesAppearOnlyInAdapters() {
        noClasses()
                .that(DescribedPredicate.not(ADAPTER))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon..")
                .because("the core speaks in its own records; an adapter translates SDK types and failures")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        SlicesRuleDefinition.slices()
                .assignedFrom(new SliceAssignment() {
                    @Override
                    public String getDescription() {
                        return "the packages of " + ROOT;
                    }

                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass c) {
                        return c.getPackageName().startsWith(ROOT)
                                ? SliceIdentifier.of(packageOf(c).isEmpty() ? "(root)" : packageOf(c))
                                : SliceIdentifier.ignore();
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    /** The first package under io.trailhound ("" for the root package itself). */
    private static String packageOf(JavaClass c) {
        String p = c.getPackageName();
        return p.equals(ROOT) ? "" : p.substring(ROOT.length() + 1).split("\\.")[0];
    }

    /** Package patterns: {@code io.trailhound.x..} for a package, {@code io.trailhound} for the root alone. */
    private static String[] packages(List<String> names) {
        return names.stream()
                .map(n -> n.isEmpty() ? ROOT : ROOT + "." + n + "..")
                .toArray(String[]::new);
    }

    /** The name of the top-level class a (nested, anonymous or lambda) class belongs to. */
    private static String topLevelName(JavaClass c) {
        String name = c.getName().substring(c.getPackageName().length() + 1);
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
