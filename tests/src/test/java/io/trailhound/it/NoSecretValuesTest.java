package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Trailhound must never read a secret value: no class of ours in the shipped jar refers to the SDK's
 * GetSecretValue or BatchGetSecretValue operations (method names and request types in the constant pool).
 */
class NoSecretValuesTest {
    static final List<String> FORBIDDEN = List.of(
            "getSecretValue",
            "batchGetSecretValue",
            "GetSecretValueRequest",
            "BatchGetSecretValueRequest",
            "getSecretValuePaginator",
            "batchGetSecretValuePaginator");

    @Test
    void noClassOfOursCallsGetSecretValue() throws Exception {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (JarFile jar = new JarFile(CliJar.JAR.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (!entry.getName().startsWith("io/trailhound/")
                        || !entry.getName().endsWith(".class")) {
                    continue;
                }
                scanned++;
                String bytes = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                for (String f : FORBIDDEN) {
                    if (bytes.contains(f)) {
                        offenders.add(entry.getName() + " refers to " + f);
                    }
                }
            }
        }
        assertThat(scanned).as("classes scanned").isGreaterThan(40);
        assertThat(offenders).isEmpty();
    }

    @Test
    void theScanWouldSeeAReference() throws Exception {
        // The check above reads constant pools; show it can see a method reference in a real class of the SDK.
        try (JarFile jar = new JarFile(CliJar.JAR.toFile())) {
            JarEntry client =
                    jar.getJarEntry("software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.class");
            String bytes = new String(jar.getInputStream(client).readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(bytes).contains("getSecretValue");
        }
    }
}
