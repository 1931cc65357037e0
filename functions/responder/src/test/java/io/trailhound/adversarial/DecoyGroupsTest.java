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
 * Threat: 25 groups of harmless root List* calls (each busier than the one that matters) push a single root
 * CreateAccessKey out of the e-mail and the JSON document. Groups are ranked by risk, not by count, and the
 * document lists every group.
 */
class DecoyGroupsTest {
    @TempDir
    Path dir;

    @Test
    void theOneWriteCallIsFirstAndEveryGroupIsInTheDocument() throws Exception {
        OfflineRun run = new OfflineRun(dir);
        for (int g = 0; g < 25; g++) {
            for (int i = 0; i < 3; i++) { // three calls each: busier than the real one
                run.rootCall(
                        g,
                        "iam.amazonaws.com",
                        "List" + (char) ('A' + g) + "Things",
                        "198.51.100." + (10 + g),
                        "aws-cli/2.22.0");
            }
        }
        run.rootCall(40, "iam.amazonaws.com", "CreateAccessKey", "203.0.113.66", "aws-cli/2.22.0");

        OfflineRun.Result r = run.invoke(OfflineRun.alarm(OfflineRun.ROOT, Map.of()));

        assertThat(r.subject()).contains("CreateAccessKey");
        assertThat(r.text()).contains("Finding 1: Root account used\n");
        assertThat(r.text().substring(r.text().indexOf("Finding 1:"), r.text().indexOf("Finding 2:")))
                .contains("CreateAccessKey");
        assertThat(r.doc().at("/findings/0/eventName").asText()).isEqualTo("CreateAccessKey");
        List<String> listed = new ArrayList<>();
        for (JsonNode g : r.doc().path("groups")) {
            listed.add(g.path("eventName").asText());
        }
        assertThat(listed).hasSize(26).contains("CreateAccessKey", "ListAThings", "ListYThings");
        assertThat(r.doc().at("/counts/groups").asInt()).isEqualTo(26);
    }
}
