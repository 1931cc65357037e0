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
 * Threat: four planted records with a 60 KB secretId fill the SNS message budget, and the three genuine
 * findings vanish from the e-mail and the JSON document ("see the JSON document"). Every string field is
 * capped before grouping, so no single record can crowd the others out.
 */
class OversizedFieldTest {
    @TempDir
    Path dir;

    @Test
    void genuineFindingsAreShownBesideRecordsWithA60KbSecretId() throws Exception {
        OfflineRun run = new OfflineRun(dir);
        for (int i = 0; i < 4; i++) {
            run.deletedSecretRead(i, "x".repeat(60 * 1024) + i, "us-east-1");
        }
        List<String> genuine = List.of("prod/payments/db", "prod/orders/db", "prod/users/db");
        for (int i = 0; i < genuine.size(); i++) {
            run.deletedSecretRead(30 + i, genuine.get(i), "us-east-1");
        }

        OfflineRun.Result r = run.invoke(OfflineRun.alarm(OfflineRun.SECRETS, Map.of()));

        for (String secret : genuine) {
            assertThat(r.text()).contains("  Resource:        " + secret + "\n");
        }
        assertThat(r.text()).doesNotContain("more group(s)");
        List<String> shown = new ArrayList<>();
        for (JsonNode f : r.doc().path("findings")) {
            shown.add(f.at("/resource/id").asText());
        }
        assertThat(shown).contains(genuine.toArray(String[]::new));
        // The four planted records, capped alike, make one group: four groups in all, every one shown.
        assertThat(r.doc().at("/counts/groupsShown").asInt())
                .isEqualTo(r.doc().at("/counts/groups").asInt())
                .isEqualTo(4);
        assertThat(r.doc().toString().length()).as("no field carries 60 KB").isLessThan(60 * 1024);
    }
}
