package io.trailhound.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.alert.Alert;
import io.trailhound.alert.AlertRenderer;
import io.trailhound.alert.Fixtures;
import io.trailhound.detect.Finding;
import io.trailhound.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHubPublisherTest {
    @Test
    void theResourceAccountsNameIsAProductFieldWhenOrganizationsGaveIt() throws Exception {
        Finding inMember = Fixtures.inAccount(Fixtures.secretRead("prod/db", 0), "222222222222");
        Alert plain = Fixtures.alert(List.of(inMember), Map.of(), List.of());
        Alert named = plain.withAccountNames(Map.of("222222222222", "Payments prod"));

        assertThat(fields(named).path("Trailhound/ResourceAccountName").asText())
                .isEqualTo("Payments prod");
        assertThat(fields(plain).has("Trailhound/ResourceAccountName")).isFalse();
    }

    private static JsonNode fields(Alert alert) throws Exception {
        SecurityHubPublisher hub = new SecurityHubPublisher(null, FindingHistory.NONE, Clock.systemUTC());
        String doc = hub.document(alert, new AlertRenderer(SnsEnvelope.SNS).render(alert));
        JsonNode findings = Json.parse(doc);
        JsonNode first =
                findings.isArray() ? findings.get(0) : findings.path("Findings").get(0);
        return first.path("ProductFields");
    }
}
