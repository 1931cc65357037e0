package io.trailhound.it;

import static io.trailhound.it.MotoAccounts.CENTRAL;
import static io.trailhound.it.MotoAccounts.MEMBER_A;
import static io.trailhound.it.MotoAccounts.MEMBER_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One responder for an organization: the central account's log group holds records of the central account
 * and of the member accounts 222222222222 and 333333333333 (moto, several accounts; CloudTrail's event
 * history per account from the LookupEvents stand-in). Each member resource is described, confirmed and
 * remediated in its own account through the member role, never with the central account's credentials;
 * remediation acts only in the accounts allowed; an account that cannot be reached leaves a note.
 */
class OrganizationStandInMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final String REGION = MotoServer.REGION;
    static final String ASSUME_ROLE = "Action=AssumeRole";

    @TempDir
    Path dir;

    @Test
    void memberAccountsAreDescribedInTheirOwnAccountsAndRemediatedOnlyWhereAllowed() throws Exception {
        try (OrgWorld org = new OrgWorld(MOTO, dir)) {
            String central = org.scheduledSecretRead(CENTRAL, REGION, "prod/central-db", 20);
            String a = org.scheduledSecretRead(MEMBER_A, REGION, "prod/db", 30);
            String b = org.scheduledSecretRead(MEMBER_B, REGION, "prod/db", 40);

            JsonNode alert = org.invoke("REMEDIATION_ACCOUNTS", MEMBER_A);

            Map<String, JsonNode> findings = OrgWorld.findings(alert);
            assertThat(findings)
                    .as("the same name in two member accounts is two findings")
                    .containsOnlyKeys(
                            CENTRAL + " prod/central-db " + REGION,
                            MEMBER_A + " prod/db " + REGION,
                            MEMBER_B + " prod/db " + REGION);
            for (var e : Map.of(CENTRAL, central, MEMBER_A, a, MEMBER_B, b).entrySet()) {
                JsonNode r = findings.entrySet().stream()
                        .filter(f -> f.getKey().startsWith(e.getKey()))
                        .findFirst()
                        .orElseThrow()
                        .getValue();
                assertThat(r.path("arn").asText())
                        .as("DescribeSecret answered in " + e.getKey())
                        .isEqualTo(e.getValue());
                assertThat(r.path("state").asText()).isEqualTo("ScheduledForDeletion");
                assertThat(r.at("/scheduledBy/caller/principal").asText())
                        .as("who scheduled it, from " + e.getKey() + "'s own event history")
                        .isEqualTo("arn:aws:iam::" + e.getKey() + ":user/alice");
                assertThat(r.path("unknown")).isEmpty();
            }
            assertThat(OrgWorld.remediation(alert))
                    .containsExactlyInAnyOrder("DONE " + central, "DONE " + a, "SKIPPED " + b);
            assertThat(alert.path("remediation").toString())
                    .contains("it is not in this account (" + CENTRAL + ") nor in one of REMEDIATION_ACCOUNTS ("
                            + MEMBER_A + ")");
            assertThat(org.scheduled(CENTRAL, REGION, central)).isFalse();
            assertThat(org.scheduled(MEMBER_A, REGION, a)).isFalse();
            assertThat(org.scheduled(MEMBER_B, REGION, b))
                    .as("not in REMEDIATION_ACCOUNTS")
                    .isTrue();

            List<FaultProxy.Call> assumed = org.cloudTrail.proxy().received().stream()
                    .filter(c -> c.target().equals(ASSUME_ROLE))
                    .toList();
            assertThat(assumed)
                    .as("once per member account and alarm, with a session named after the alarm")
                    .hasSize(2)
                    .allSatisfy(c -> assertThat(c.text())
                            .contains("RoleSessionName=trailhound-" + OrgWorld.ALARM)
                            .contains("role%2FTrailhoundMember"));
            assertThat(assumed.stream().map(FaultProxy.Call::text))
                    .anyMatch(t -> t.contains(MEMBER_A))
                    .anyMatch(t -> t.contains(MEMBER_B));
            assertThat(everyCallActedInTheAccountOfWhatItNamed(org))
                    .as("resource calls per account")
                    .containsOnlyKeys(CENTRAL, MEMBER_A, MEMBER_B);
        }
    }

    @Test
    void anAccountThatCannotBeReachedLeavesAVisibleUnknownAndTheAlertStillGoesOut() throws Exception {
        try (OrgWorld org = new OrgWorld(MOTO, dir)) {
            String a = org.scheduledSecretRead(MEMBER_A, REGION, "prod/db", 30);
            String b = org.scheduledSecretRead(MEMBER_B, REGION, "prod/db", 40);
            org.cloudTrail
                    .proxy()
                    .refuse(ASSUME_ROLE, MEMBER_B, 403, "AccessDenied", "not authorized to perform sts:AssumeRole");

            JsonNode alert = org.invoke("REMEDIATION_ACCOUNTS", MEMBER_A + "," + MEMBER_B);

            Map<String, JsonNode> findings = OrgWorld.findings(alert);
            JsonNode unreachable = findings.get(MEMBER_B + " prod/db " + REGION);
            String cannot = "cannot assume arn:aws:iam::" + MEMBER_B + ":role/TrailhoundMember in account " + MEMBER_B
                    + " (sts:AssumeRole failed: AccessDenied (not authorized to perform sts:AssumeRole))";
            assertThat(unreachable.path("unknown").toString())
                    .as("what could not be described, and why")
                    .contains(cannot)
                    .contains("who scheduled the deletion: " + cannot);
            assertThat(findings.get(MEMBER_A + " prod/db " + REGION).path("arn").asText())
                    .isEqualTo(a);
            assertThat(OrgWorld.remediation(alert)).contains("DONE " + a).noneMatch(r -> r.startsWith("DONE prod/db"));
            assertThat(org.scheduled(MEMBER_B, REGION, b)).isTrue();
            assertThat(org.cloudTrail.proxy().received().stream()
                            .filter(c ->
                                    c.target().equals(ASSUME_ROLE) && c.text().contains(MEMBER_B)))
                    .as("one refusal per account and alarm, not one per call")
                    .hasSize(1);
            assertThat(everyCallActedInTheAccountOfWhatItNamed(org))
                    .as("resource calls per account: none in the unreachable one, none in the central one")
                    .containsOnlyKeys(MEMBER_A);
        }
    }

    /**
     * No call used the central account's credentials for a member's resource, nor a member's for another
     * account's: each Secrets Manager, KMS and CloudTrail call acted (by its signing key, as moto decides) in
     * an account, and names only that account's resources and events.
     */
    static Map<String, Integer> everyCallActedInTheAccountOfWhatItNamed(OrgWorld org) {
        Map<String, Set<String>> foreign = Map.of(
                CENTRAL, Set.of(MEMBER_A, MEMBER_B, "prod/db"),
                MEMBER_A, Set.of(CENTRAL, MEMBER_B, "prod/central-db"),
                MEMBER_B, Set.of(CENTRAL, MEMBER_A, "prod/central-db"));
        Map<String, Integer> calls = new java.util.TreeMap<>();
        for (FaultProxy.Call c : org.cloudTrail.proxy().received()) {
            boolean resourceCall = c.target().startsWith("secretsmanager.")
                    || c.target().startsWith("TrentService.")
                    || c.target().equals(CloudTrailStandIn.LOOKUP_EVENTS);
            if (!resourceCall) {
                continue;
            }
            String account = org.accounts.accountOf(c.accessKey());
            assertThat(foreign).containsKey(account);
            String body = c.text() + eventAccounts(org, c.text());
            for (String other : foreign.get(account)) {
                assertThat(body)
                        .as(c.target() + " signed in " + account + " must not name " + other)
                        .doesNotContain(other);
            }
            calls.merge(account, 1, Integer::sum);
        }
        return calls;
    }

    /** The accounts of the events a LookupEvents by EventId asks for (an event ID alone names no account). */
    private static String eventAccounts(OrgWorld org, String body) {
        return org.cloudTrail.accountsOfEventsNamedIn(body);
    }
}
