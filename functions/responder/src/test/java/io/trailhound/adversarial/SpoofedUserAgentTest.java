package io.trailhound.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: a caller adds Trailhound's user agent (AWS_SDK_UA_APP_ID, botocore's user_agent_extra) to disappear
 * from its alerts. A user agent is the caller's to choose: it is an ordinary finding, marked as a claim.
 */
class SpoofedUserAgentTest {
    @TempDir
    Path dir;

    @Test
    void aRootCreateAccessKeyClaimingToBeTrailhoundIsStillReported() throws Exception {
        OfflineRun run = new OfflineRun(dir);
        String spoofed = "aws-cli/2.22.0 md/command#iam.create-access-key app/trailhound/0.1.0";
        String eventId = run.rootCall(5, "iam.amazonaws.com", "CreateAccessKey", "198.51.100.66", spoofed)
                .get("eventID")
                .asText();

        OfflineRun.Result r = run.invoke(OfflineRun.alarm(OfflineRun.ROOT, Map.of()));

        assertThat(r.subject()).contains("root account used: CreateAccessKey").doesNotContain("no matching events");
        assertThat(r.text())
                .doesNotContain("caused by Trailhound itself")
                .contains("claims to be Trailhound (user agent), but the caller is not Trailhound's own identity");
        assertThat(r.doc().at("/findings/0/eventName").asText()).isEqualTo("CreateAccessKey");
        assertThat(r.doc().at("/findings/0/exampleEventIds/0").asText()).isEqualTo(eventId);
        assertThat(r.doc().at("/findings/0/claimsToBeTrailhound").asBoolean()).isTrue();
    }
}
