package io.trailhound.remediate;

import io.trailhound.config.Arn;
import io.trailhound.config.Config;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.pattern.Glob;
import java.util.List;
import java.util.Optional;

/**
 * Whether a resource may be touched at all: same account, allow and deny lists of ARN patterns ({@code *}
 * wildcards), and, in the default scope, an explicit opt-in tag with the value {@code true}.
 */
public record RemediationPolicy(Config.RemediationScope scope, String tagKey, List<Glob> allow, List<Glob> deny) {
    public RemediationPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    public static RemediationPolicy from(Config config) {
        return new RemediationPolicy(
                config.remediationScope(),
                config.remediationTag(),
                config.remediationAllow().stream().map(Glob::parse).toList(),
                config.remediationDeny().stream().map(Glob::parse).toList());
    }

    /** Why the resource must be left alone, or empty when policy allows acting on it. */
    public Optional<String> refusal(ResourceFacts facts, String accountId) {
        String arn = facts.arn();
        if (arn == null) {
            return Optional.of("its ARN is unknown"
                    + (facts.unknowns().isEmpty() ? "" : " (" + facts.unknowns().get(0) + ")"));
        }
        if (accountId == null
                || !Arn.parse(arn).map(a -> accountId.equals(a.accountId())).orElse(false)) {
            return Optional.of("it is not in this account (" + accountId + ")");
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
