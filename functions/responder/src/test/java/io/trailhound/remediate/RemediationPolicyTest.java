package io.trailhound.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.config.Config;
import io.trailhound.enrich.ResourceFacts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether a resource may be touched at all, one rule at a time. */
class RemediationPolicyTest {
    static final String ACCOUNT = "111122223333";
    static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";

    static RemediationPolicy policy(String... env) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            m.put(env[i], env[i + 1]);
        }
        return RemediationPolicy.from(Config.from(m));
    }

    static ResourceFacts facts(String arn, Map<String, String> tags, String... unknowns) {
        return new ResourceFacts(arn, "prod/db", null, null, null, List.of(), tags, null, List.of(unknowns));
    }

    static final Map<String, String> OPTED_IN = Map.of("trailhound:auto-cancel", "true");

    @Test
    void aTaggedResourceOfThisAccountMayBeTouched() {
        assertThat(policy().refusal(facts(ARN, OPTED_IN), ACCOUNT)).isEmpty();
        assertThat(policy().refusal(facts(ARN, Map.of("trailhound:auto-cancel", "TRUE")), ACCOUNT))
                .as("the value is read case-insensitively")
                .isEmpty();
    }

    @Test
    void anUnknownArnIsRefusedWithTheFirstReasonItIsUnknown() {
        assertThat(policy().refusal(facts(null, OPTED_IN, "secret not found by DescribeSecret", "later"), ACCOUNT))
                .contains("its ARN is unknown (secret not found by DescribeSecret)");
        assertThat(policy().refusal(facts(null, OPTED_IN), ACCOUNT)).contains("its ARN is unknown");
    }

    @Test
    void anotherAccountsResourceOrAnUnknownAccountIsRefused() {
        String other = ARN.replace(ACCOUNT, "123456789012");
        assertThat(policy().refusal(facts(other, OPTED_IN), ACCOUNT))
                .contains("it is not in this account (111122223333)");
        assertThat(policy().refusal(facts(ARN, OPTED_IN), null)).contains("it is not in this account (null)");
        assertThat(policy().refusal(facts("not-an-arn", OPTED_IN), ACCOUNT))
                .contains("it is not in this account (111122223333)");
    }

    @Test
    void theDenyListWinsOverTheAllowList() {
        RemediationPolicy p = policy(
                "REMEDIATION_ALLOW", "arn:aws:secretsmanager:*:*:secret:prod/*",
                "REMEDIATION_DENY", "arn:aws:secretsmanager:*:*:secret:prod/db*");
        assertThat(p.refusal(facts(ARN, OPTED_IN), ACCOUNT)).contains("it matches the deny list");
        assertThat(p.refusal(facts(ARN.replace("prod/db", "prod/cache"), OPTED_IN), ACCOUNT))
                .isEmpty();
    }

    @Test
    void withAnAllowListOnlyWhatItMatchesMayBeTouched() {
        RemediationPolicy p = policy("REMEDIATION_ALLOW", "arn:aws:secretsmanager:*:*:secret:staging/*");
        assertThat(p.refusal(facts(ARN, OPTED_IN), ACCOUNT)).contains("it matches no entry of the allow list");
    }

    @Test
    void theTaggedScopeNeedsTheOptInTagTheAllScopeDoesNot() {
        assertThat(policy().refusal(facts(ARN, Map.of()), ACCOUNT))
                .contains("it is not tagged trailhound:auto-cancel=true (scope: tagged)");
        assertThat(policy().refusal(facts(ARN, Map.of("trailhound:auto-cancel", "yes")), ACCOUNT))
                .contains("it is not tagged trailhound:auto-cancel=true (scope: tagged)");
        assertThat(policy("REMEDIATION_TAG", "ops:cancel").refusal(facts(ARN, OPTED_IN), ACCOUNT))
                .contains("it is not tagged ops:cancel=true (scope: tagged)");
        assertThat(policy("REMEDIATION_SCOPE", "all").refusal(facts(ARN, Map.of()), ACCOUNT))
                .isEmpty();
    }
}
