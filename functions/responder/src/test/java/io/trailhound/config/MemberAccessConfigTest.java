package io.trailhound.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberAccessConfigTest {
    @Test
    void defaultsToTheTrailhoundMemberRoleAndNoMemberAccountForRemediation() {
        Config.MemberAccess m = Config.from(Map.of()).members();
        assertThat(m.roleName()).isEqualTo("TrailhoundMember");
        assertThat(m.externalId()).isNull();
        assertThat(m.remediationAccounts()).isEmpty();
    }

    @Test
    void readsTheRoleTheExternalIdAndTheAccounts() {
        Config.MemberAccess m = Config.from(Map.of(
                        "MEMBER_ROLE_NAME", "SecurityResponder",
                        "MEMBER_ROLE_EXTERNAL_ID", "ext-1",
                        "REMEDIATION_ACCOUNTS", "222222222222, 333333333333"))
                .members();
        assertThat(m)
                .isEqualTo(
                        new Config.MemberAccess("SecurityResponder", "ext-1", List.of("222222222222", "333333333333")));
    }

    @Test
    void refusesWhatCannotNameARoleOrAnAccount() {
        assertThatThrownBy(() -> Config.from(Map.of("MEMBER_ROLE_NAME", "role/with/path")))
                .hasMessageStartingWith("MEMBER_ROLE_NAME must be an IAM role name");
        assertThatThrownBy(() -> Config.from(Map.of("REMEDIATION_ACCOUNTS", "222222222222,all")))
                .hasMessage("REMEDIATION_ACCOUNTS must list 12-digit account IDs, not 'all'");
    }
}
