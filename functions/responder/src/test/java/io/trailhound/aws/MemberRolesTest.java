package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberRolesTest {
    @Test
    void theSessionIsNamedAfterTheAlarmWithinWhatStsAccepts() {
        assertThat(MemberRoles.sessionName("AttemptsToAccessDeletedSecretsAlarm"))
                .isEqualTo("trailhound-AttemptsToAccessDeletedSecretsAlarm");
        assertThat(MemberRoles.sessionName("prod alarm: secrets (eu)"))
                .isEqualTo("trailhound-prod-alarm--secrets--eu-");
        assertThat(MemberRoles.sessionName("x".repeat(300))).hasSize(64).matches("[\\w+=,.@-]{2,64}");
    }
}
