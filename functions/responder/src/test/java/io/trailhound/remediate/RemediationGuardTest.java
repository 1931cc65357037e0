package io.trailhound.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.config.Config;
import io.trailhound.detect.Caller;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.Scheduling;
import io.trailhound.verify.AlarmCheck;
import io.trailhound.verify.Confirmation;
import io.trailhound.verify.EventConfirmer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one remediation guard, row by row: every rule alone decides, in its order, and only then is CloudTrail asked. */
class RemediationGuardTest {
    static final String ACCOUNT = "111122223333";
    static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
    static final Instant SCHEDULED = Instant.parse("2026-11-20T16:00:00Z");
    static final Instant ACCESS = Instant.parse("2026-11-23T10:15:00Z");
    static final io.trailhound.budget.Budget BUDGET =
            io.trailhound.budget.Budget.unlimited(java.time.Clock.systemUTC());
    static final AlarmCheck VERIFIED = AlarmCheck.verified("history");
    static final Confirmation CONFIRMED =
            new Confirmation(Confirmation.Status.CONFIRMED, "confirmed by CloudTrail", null);
    static final Confirmation NOT_FOUND =
            new Confirmation(Confirmation.Status.NOT_FOUND, "not confirmed yet: no event e1", null);

    /** One world to decide in; each row changes one thing. */
    record Row(
            String name,
            Map<String, String> env,
            AlarmCheck alarm,
            String arn,
            boolean tagged,
            Instant scheduledAt,
            Instant eventTime,
            Confirmation confirmation,
            boolean act,
            String reason,
            int lookups) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name) {
        return new Row(
                name,
                Map.of("REMEDIATION", "on"),
                VERIFIED,
                ARN,
                true,
                SCHEDULED,
                ACCESS,
                CONFIRMED,
                true,
                "confirmed",
                1);
    }

    static Row env(Row r, String... kv) {
        Map<String, String> env = new HashMap<>(r.env());
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return new Row(
                r.name(),
                env,
                r.alarm(),
                r.arn(),
                r.tagged(),
                r.scheduledAt(),
                r.eventTime(),
                r.confirmation(),
                r.act(),
                r.reason(),
                r.lookups());
    }

    static Row expect(Row r, boolean act, String reason, int lookups) {
        return new Row(
                r.name(),
                r.env(),
                r.alarm(),
                r.arn(),
                r.tagged(),
                r.scheduledAt(),
                r.eventTime(),
                r.confirmation(),
                act,
                reason,
                lookups);
    }

    static Stream<Arguments> rows() {
        Row base = row("everything in order: act");
        return Stream.of(
                        base,
                        expect(
                                new Row(
                                        "unverified notification",
                                        base.env(),
                                        AlarmCheck.unverified("CloudWatch has no alarm x"),
                                        ARN,
                                        true,
                                        SCHEDULED,
                                        ACCESS,
                                        CONFIRMED,
                                        true,
                                        null,
                                        0),
                                false,
                                "unverified notification (CloudWatch has no alarm x)",
                                0),
                        expect(
                                new Row(
                                        "another account",
                                        base.env(),
                                        VERIFIED,
                                        ARN.replace(ACCOUNT, "222222222222"),
                                        true,
                                        SCHEDULED,
                                        ACCESS,
                                        CONFIRMED,
                                        true,
                                        null,
                                        0),
                                false,
                                "it is not in this account",
                                0),
                        expect(
                                env(row("deny list"), "REMEDIATION_DENY", "arn:aws:secretsmanager:*:*:secret:prod/*"),
                                false,
                                "it matches the deny list",
                                0),
                        expect(
                                env(
                                        row("not on the allow list"),
                                        "REMEDIATION_ALLOW",
                                        "arn:aws:secretsmanager:*:*:secret:dev/*"),
                                false,
                                "it matches no entry of the allow list",
                                0),
                        expect(
                                new Row(
                                        "untagged, scope tagged",
                                        base.env(),
                                        VERIFIED,
                                        ARN,
                                        false,
                                        SCHEDULED,
                                        ACCESS,
                                        CONFIRMED,
                                        true,
                                        null,
                                        0),
                                false,
                                "it is not tagged trailhound:auto-cancel=true",
                                0),
                        new Row(
                                "untagged, scope all",
                                Map.of("REMEDIATION", "on", "REMEDIATION_SCOPE", "all"),
                                VERIFIED,
                                ARN,
                                false,
                                SCHEDULED,
                                ACCESS,
                                CONFIRMED,
                                true,
                                "confirmed",
                                1),
                        expect(
                                new Row(
                                        "scheduling unknown",
                                        base.env(),
                                        VERIFIED,
                                        ARN,
                                        true,
                                        null,
                                        ACCESS,
                                        CONFIRMED,
                                        true,
                                        null,
                                        0),
                                false,
                                "when its deletion was scheduled is unknown",
                                0),
                        expect(
                                new Row(
                                        "replay: scheduled again after the access",
                                        base.env(),
                                        VERIFIED,
                                        ARN,
                                        true,
                                        ACCESS.plusSeconds(600),
                                        ACCESS,
                                        CONFIRMED,
                                        true,
                                        null,
                                        0),
                                false,
                                "scheduled again after the access",
                                0),
                        expect(
                                new Row(
                                        "not in CloudTrail's event history",
                                        base.env(),
                                        VERIFIED,
                                        ARN,
                                        true,
                                        SCHEDULED,
                                        ACCESS,
                                        NOT_FOUND,
                                        true,
                                        null,
                                        0),
                                false,
                                "event e1 (found in log group g, log stream attacker): not confirmed yet",
                                1),
                        expect(
                                new Row(
                                        "CloudTrail's event differs",
                                        base.env(),
                                        VERIFIED,
                                        ARN,
                                        true,
                                        SCHEDULED,
                                        ACCESS,
                                        new Confirmation(
                                                Confirmation.Status.DIFFERENT,
                                                "CloudTrail's event e1 differs (caller)",
                                                null),
                                        true,
                                        null,
                                        0),
                                false,
                                "differs (caller)",
                                1),
                        expect(
                                new Row(
                                        "offline plan: nothing to ask",
                                        base.env(),
                                        AlarmCheck.OFFLINE,
                                        ARN,
                                        true,
                                        SCHEDULED,
                                        ACCESS,
                                        Confirmation.OFFLINE,
                                        true,
                                        null,
                                        0),
                                true,
                                "not checked with CloudTrail (offline run)",
                                1))
                .map(Arguments::of);
    }

    static Finding trigger(String id, Instant at, String resource) {
        return new Finding(
                Detection.SECRET_MARKED_FOR_DELETION,
                new ResourceRef(ResourceType.SECRET, resource, "us-east-1"),
                new Caller("AssumedRole", "arn:aws:iam::111122223333:role/app", "s", ACCOUNT, null, null),
                "secretsmanager.amazonaws.com",
                "GetSecretValue",
                at,
                id,
                "203.0.113.10",
                "ua",
                "InvalidRequestException",
                "marked for deletion",
                List.of(),
                null,
                "log group g, log stream attacker");
    }

    static Candidate candidate(String arn, boolean tagged, Instant scheduledAt, Instant eventTime, String refId) {
        Scheduling s = scheduledAt == null
                ? null
                : new Scheduling(
                        new Caller("IAMUser", "arn:aws:iam::111122223333:user/alice", null, ACCOUNT, null, null),
                        scheduledAt,
                        scheduledAt.plusSeconds(7 * 86_400),
                        7,
                        "sched",
                        "198.51.100.7");
        ResourceFacts facts = new ResourceFacts(
                arn,
                "prod/db",
                "ScheduledForDeletion",
                null,
                null,
                List.of(),
                tagged ? Map.of("trailhound:auto-cancel", "true") : Map.of(),
                s,
                List.of());
        return new Candidate(
                new ResourceRef(ResourceType.SECRET, refId, "us-east-1"),
                facts,
                List.of(trigger("e1", eventTime, refId)));
    }

    /** A confirmation carries the event as CloudTrail returned it: here the record itself. */
    static Confirmation answer(Confirmation c, Finding f) {
        return c.isConfirmed() ? new Confirmation(c.status(), c.detail(), f) : c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row r) {
        List<Finding> asked = new ArrayList<>();
        EventConfirmer confirmer = (f, budget) -> {
            asked.add(f);
            return answer(r.confirmation(), f);
        };
        List<RemediationGuard.Decision> d = new RemediationGuard(Config.from(r.env()))
                .decide(
                        List.of(candidate(r.arn(), r.tagged(), r.scheduledAt(), r.eventTime(), "prod/db")),
                        ACCOUNT,
                        r.alarm(),
                        confirmer,
                        BUDGET);
        assertThat(d).singleElement().satisfies(one -> {
            assertThat(one.act()).isEqualTo(r.act());
            assertThat(one.reason()).contains(r.reason());
        });
        assertThat(asked).as("LookupEvents calls").hasSize(r.lookups());
    }

    @org.junit.jupiter.api.Test
    void offDecidesNothing() {
        assertThat(new RemediationGuard(Config.from(Map.of()))
                        .decide(
                                List.of(candidate(ARN, true, SCHEDULED, ACCESS, "prod/db")),
                                ACCOUNT,
                                VERIFIED,
                                (f, b) -> answer(CONFIRMED, f),
                                BUDGET))
                .isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theCapCountsResourcesByTheServiceArnNotBySpelling() {
        // prod/db by name and by ARN is one secret: one action, and the cap of 1 still leaves room for nothing else.
        Candidate byName = candidate(ARN, true, SCHEDULED, ACCESS, "prod/db");
        Candidate byArn = candidate(ARN, true, SCHEDULED, ACCESS, ARN);
        Candidate other = candidate(ARN.replace("prod/db", "prod/other"), true, SCHEDULED, ACCESS, "prod/other");
        List<RemediationGuard.Decision> d = new RemediationGuard(
                        Config.from(Map.of("REMEDIATION", "on", "REMEDIATION_MAX_ACTIONS", "1")))
                .decide(List.of(byName, byArn, other), ACCOUNT, VERIFIED, (f, b) -> answer(CONFIRMED, f), BUDGET);
        assertThat(d).hasSize(2);
        assertThat(d.get(0).act()).isTrue();
        assertThat(d.get(1).act()).isFalse();
        assertThat(d.get(1).reason()).isEqualTo("the cap of 1 action(s) per invocation is reached");
    }

    @org.junit.jupiter.api.Test
    void onlyWhatWouldBeActedOnIsConfirmedAndAnUnconfirmedRecordDoesNotUseASlot() {
        List<String> asked = new ArrayList<>();
        Candidate planted = candidate(ARN.replace("prod/db", "prod/a"), true, SCHEDULED, ACCESS, "prod/a");
        Candidate genuine = candidate(ARN, true, SCHEDULED, ACCESS, "prod/db");
        Candidate third = candidate(ARN.replace("prod/db", "prod/c"), true, SCHEDULED, ACCESS, "prod/c");
        List<RemediationGuard.Decision> d = new RemediationGuard(
                        Config.from(Map.of("REMEDIATION", "on", "REMEDIATION_MAX_ACTIONS", "1")))
                .decide(
                        List.of(planted, genuine, third),
                        ACCOUNT,
                        VERIFIED,
                        (f, b) -> {
                            asked.add(f.resource().id());
                            return asked.size() == 1 ? NOT_FOUND : answer(CONFIRMED, f);
                        },
                        BUDGET);
        assertThat(d).extracting(RemediationGuard.Decision::act).containsExactly(false, true, false);
        assertThat(asked).as("the third is over the cap: never looked up").containsExactly("prod/a", "prod/db");
    }

    static final Map<String, String> ON_CAP_1 = Map.of("REMEDIATION", "on", "REMEDIATION_MAX_ACTIONS", "1");

    static RemediationOutcome outcome(RemediationGuard.Decision d, RemediationOutcome.Status status) {
        return new RemediationOutcome(d.candidate().name(), d.candidate().action(), status, "test");
    }

    @org.junit.jupiter.api.Test
    void aResourceFoundAlreadyRestoredUsesNoSlotOfTheCap() {
        Candidate restored = candidate(ARN.replace("prod/db", "prod/a"), true, SCHEDULED, ACCESS, "prod/a");
        Candidate pending = candidate(ARN, true, SCHEDULED, ACCESS, "prod/db");
        List<String> actedOn = new ArrayList<>();
        List<RemediationOutcome> out = new RemediationGuard(Config.from(ON_CAP_1))
                .remediate(List.of(restored, pending), ACCOUNT, VERIFIED, (f, b) -> answer(CONFIRMED, f), BUDGET, d -> {
                    actedOn.add(d.candidate().ref().id());
                    return List.of(outcome(
                            d,
                            actedOn.size() == 1
                                    ? RemediationOutcome.Status.ALREADY_DONE
                                    : RemediationOutcome.Status.DONE));
                });
        assertThat(actedOn).containsExactly("prod/a", "prod/db");
        assertThat(out)
                .extracting(RemediationOutcome::status)
                .containsExactly(RemediationOutcome.Status.ALREADY_DONE, RemediationOutcome.Status.DONE);
    }

    @org.junit.jupiter.api.Test
    void aFailedOrPlannedActionUsesASlotASkippedOneDoesNot() {
        for (RemediationOutcome.Status first : RemediationOutcome.Status.values()) {
            Candidate a = candidate(ARN.replace("prod/db", "prod/a"), true, SCHEDULED, ACCESS, "prod/a");
            Candidate b = candidate(ARN, true, SCHEDULED, ACCESS, "prod/db");
            List<RemediationOutcome> out = new RemediationGuard(Config.from(ON_CAP_1))
                    .remediate(
                            List.of(a, b),
                            ACCOUNT,
                            VERIFIED,
                            (f, budget) -> answer(CONFIRMED, f),
                            BUDGET,
                            d -> List.of(outcome(d, d.candidate() == a ? first : RemediationOutcome.Status.DONE)));
            boolean slotUsed = first == RemediationOutcome.Status.DONE
                    || first == RemediationOutcome.Status.WOULD_DO
                    || first == RemediationOutcome.Status.FAILED;
            assertThat(out).as("first outcome " + first).hasSize(2);
            assertThat(out.get(1).status())
                    .as("after " + first)
                    .isEqualTo(slotUsed ? RemediationOutcome.Status.SKIPPED : RemediationOutcome.Status.DONE);
            if (slotUsed) {
                assertThat(out.get(1).detail()).isEqualTo("the cap of 1 action(s) per invocation is reached");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aRefusalIsReportedWithItsReasonAndNeverReachesTheAction() {
        Candidate untagged = candidate(ARN, false, SCHEDULED, ACCESS, "prod/db");
        List<RemediationOutcome> out = new RemediationGuard(Config.from(Map.of("REMEDIATION", "on")))
                .remediate(List.of(untagged), ACCOUNT, VERIFIED, (f, b) -> answer(CONFIRMED, f), BUDGET, d -> {
                    throw new AssertionError("a refused resource reached the action");
                });
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RemediationOutcome.Status.SKIPPED);
            assertThat(o.action()).isEqualTo("RestoreSecret");
            assertThat(o.resource()).isEqualTo(ARN);
            assertThat(o.detail()).isEqualTo("it is not tagged trailhound:auto-cancel=true (scope: tagged)");
        });
    }

    @org.junit.jupiter.api.Test
    void offReportsNothingAndActsOnNothing() {
        assertThat(new RemediationGuard(Config.from(Map.of("REMEDIATION", "off")))
                        .remediate(
                                List.of(candidate(ARN, true, SCHEDULED, ACCESS, "prod/db")),
                                ACCOUNT,
                                VERIFIED,
                                (f, b) -> {
                                    throw new AssertionError("off asked CloudTrail");
                                },
                                BUDGET,
                                d -> {
                                    throw new AssertionError("off acted");
                                }))
                .isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theOfflinePlanIsTheGuardsVerdictWithNothingCalled() {
        Candidate tagged = candidate(ARN, true, SCHEDULED, ACCESS, "prod/db");
        Candidate untagged = candidate(ARN.replace("prod/db", "prod/u"), false, SCHEDULED, ACCESS, "prod/u");
        List<RemediationOutcome> out = new OfflineRemediator(Config.from(Map.of("REMEDIATION", "on")))
                .remediate(List.of(tagged, untagged), ACCOUNT, AlarmCheck.OFFLINE, BUDGET, o -> {
                    throw new AssertionError("the offline plan reported an action as done");
                });
        assertThat(out)
                .extracting(RemediationOutcome::status)
                .containsExactly(RemediationOutcome.Status.WOULD_DO, RemediationOutcome.Status.SKIPPED);
        assertThat(out.get(0).detail()).isEqualTo(OfflineRemediator.PLANNED);
    }
}
