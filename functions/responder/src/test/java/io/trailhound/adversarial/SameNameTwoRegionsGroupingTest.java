package io.trailhound.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: two secrets named prod/db in two Regions were merged into one group, so only one was looked at and
 * restored. The Region is part of the grouping key (remediation of both is proven against moto in the
 * tests module: SameNameSecretsInTwoRegionsStandInTest).
 */
class SameNameTwoRegionsGroupingTest {
    @TempDir
    Path dir;

    @Test
    void sameNameInTwoRegionsMakesTwoGroups() throws Exception {
        OfflineRun run = new OfflineRun(dir);
        run.deletedSecretRead(1, "prod/db", "us-east-1");
        run.deletedSecretRead(2, "prod/db", "eu-west-1");

        OfflineRun.Result r = run.invoke(OfflineRun.alarm(OfflineRun.SECRETS, Map.of()), "--remediate", "dry-run");

        List<String> regions = new ArrayList<>();
        for (JsonNode f : r.doc().path("findings")) {
            regions.add(f.at("/resource/region").asText());
        }
        assertThat(regions).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
        assertThat(r.doc().path("remediation")).hasSize(2);
    }
}
