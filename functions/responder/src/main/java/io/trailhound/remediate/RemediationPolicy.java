package io.trailhound.remediate;

import io.trailhound.config.Arn;
import io.trailhound.config.Config;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.pattern.Glob;
import java.util.List;
import java.util.Optional;

/**
 * Whether a resource may be touched at all: the function's own account or a member account named in
 * {@code REMEDIATION_ACCOUNTS}, allow and deny lists of ARN patterns ({@code *}
 * wildcards), and, in the default scope, an explicit opt-in tag with the value {@code true}.
 */
public record RemediationPolicy(
        Config.RemediationScope scope, String tagKey, List<Glob> allow, List<Glob> deny, List<String> memberAccounts) {
    public RemediationPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        memberAccounts = List.copyOf(memberAccounts);
    }

    public static RemediationPolicy from(Config config) {
        return new RemediationPolicy(
                config.remediationScope(),
                config.remediationTag(),
                config.remediationAllow().stream().map(Glob::parse).toList(),
                config.remediationDeny().stream().map(Glob::parse).toList(),
                config.members().remediationAccounts());
    }

    /** Why the resource must be left alone, or empty when policy allows acting on it. */
    public Optional<String> refusal(ResourceFacts facts, String accountId) {
        String arn = facts.arn();
        if (arn == null) {
            return Optional.of("its ARN is unknown"
                    + (facts.unknowns().isEmpty() ? "" : " (" + facts.unknowns().get(0) + ")"));
        }
        String account = Arn.parse(arn).map(Arn::accountId).orElse(null);
        if (account == null || !(account.equals(accountId) || memberAccounts.contains(account))) {
            return Optional.of("it is not in this account (" + accountId + ")"
                    + (memberAccounts.isEmpty()
                            ? ""
                            : " nor in one of " + Config.REMEDIATION_ACCOUNTS + " (" + String.join(", ", memberAccounts)
                                    + ")"));
        }
        if (deny.stream().anyMatch(g -> g.matches(arn))) {
            return Optional.of("it matches the deny list");
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(g -> g.matches(arn))) {
            return Optional.of("it matches no entry of the allow list");
        }
        if (scope == Config.RemediationScope.TAGGED
                && !"true".equalsIgnoreCase(facts.tags().get(tagKey))) {
            return Optional.of("it is not tagged " + tagKey + "=true (scope: tagged)");
        }
        return Optional.empty();
    }
}
