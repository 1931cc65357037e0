package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.ChildStatus;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.detect.Caller;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.Scheduling;
import io.trailhound.publish.SnsEnvelope;
import io.trailhound.remediate.RemediationOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRendererTest {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final AlarmNotification ALARM = new AlarmNotification(
            "AttemptsToAccessDeletedSecretsAlarm",
            "arn:aws:cloudwatch:us-east-1:111122223333:alarm:A",
            "111122223333",
            "us-east-1",
            "ALARM",
            "OK",
            "r",
            Instant.parse("2026-11-23T10:21:08Z"),
            300,
            1,
            List.of(new AlarmNotification.MetricRef("CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets", 300)));
    static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-11-23T10:05:00Z"), Instant.parse("2026-11-23T10:30:00Z"), true, "n");

    static Finding secretFinding(String secret, String role, String ip, String userAgent, int i) {
        Caller caller =
                new Caller("AssumedRole", "arn:aws:iam::111122223333:role/" + role, "s", "111122223333", null, null);
        return new Finding(
                Detection.SECRET_MARKED_FOR_DELETION,
                new ResourceRef(ResourceType.SECRET, secret, "us-east-1"),
                caller,
                "secretsmanager.amazonaws.com",
                "GetSecretValue",
                Instant.parse("2026-11-23T10:15:00Z").plusSeconds(i),
                "id-" + i,
                ip,
                userAgent,
                "InvalidRequestException",
                "marked for deletion",
                List.of(),
                null,
                "log group g, log stream s");
    }

    static Alert alert(FindingAggregator agg, Map<ResourceRef, ResourceFacts> facts) {
        return new Alert(
                ALARM,
                WINDOW,
                agg.groups(),
                facts,
                List.of(),
                agg.total(),
                100,
                agg.ungrouped(),
                List.of(),
                false,
                NOW);
    }

    @Test
    void textAndJsonCarryDeletionDateDaysLeftAndWhoScheduled() throws Exception {
        FindingAggregator agg = new FindingAggregator(10);
        agg.add(secretFinding("prod/db", "app", "203.0.113.10", "ua", 0));
        ResourceRef ref = agg.groups().get(0).first().resource();
        Scheduling s = new Scheduling(
                new Caller("IAMUser", "arn:aws:iam::111122223333:user/alice", null, "111122223333", null, null),
                Instant.parse("2026-11-20T16:00:00Z"),
                Instant.parse("2026-11-27T16:00:00Z"),
                7,
                "sched-1",
                "198.51.100.7");
        ResourceFacts facts = new ResourceFacts(
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf",
                "prod/db",
                "ScheduledForDeletion",
                Instant.parse("2026-11-27T16:00:00Z"),
                null,
                List.of(),
                Map.of("team", "pay"),
                s,
                List.of());
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(alert(agg, Map.of(ref, facts)));
        assertThat(r.text())
                .contains("Deletion date:   2026-11-27T16:00:00Z (4 day(s) left)")
                .contains(
                        "Scheduled by:    arn:aws:iam::111122223333:user/alice at 2026-11-20T16:00:00Z from 198.51.100.7");
        JsonNode doc = new ObjectMapper().readTree(r.json());
        JsonNode res = doc.at("/findings/0/resource");
        assertThat(res.path("daysLeft").asLong()).isEqualTo(4);
        assertThat(res.at("/scheduledBy/caller/principal").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(res.at("/tags/team").asText()).isEqualTo("pay");
        assertThat(r.attributes())
                .containsEntry("detection", "SECRET_MARKED_FOR_DELETION")
                .containsEntry("severity", "HIGH")
                .containsEntry("account", "111122223333")
                .containsEntry("region", "us-east-1");
    }

    @Test
    void subjectNamesResourceAndCallerAndFitsSnsLimits() {
        FindingAggregator agg = new FindingAggregator(10);
        agg.add(secretFinding("prod/" + "very-long-name-".repeat(20), "payments-api", "ip", "ua", 0));
        agg.add(secretFinding("other", "x", "ip", "ua", 1));
        String subject =
                new AlertRenderer(SnsEnvelope.SNS).render(alert(agg, Map.of())).subject();
        assertThat(subject)
                .hasSizeLessThanOrEqualTo(100)
                .startsWith("Trailhound: secret prod/very-long-name")
                .endsWith(" by payments-api (+1 more)");
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void hostileStringsAreNeutralisedAndJsonStaysValid() throws Exception {
        FindingAggregator agg = new FindingAggregator(10);
        String hostile = "evil\nSubject: fake\r\u001b[31mred\u202etxt.exe\u0000" + "x".repeat(2000);
        agg.add(secretFinding("prod/\u202ename\nInjected: 1", "app", "1.2.3.4\n", hostile, 0));
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(alert(agg, Map.of()));
        assertThat(r.subject()).doesNotContain("\n").doesNotContain("\u202e").hasSizeLessThanOrEqualTo(100);
        String userAgentLine = r.text()
                .lines()
                .filter(l -> l.contains("User agent:"))
                .findFirst()
                .orElseThrow();
        assertThat(userAgentLine)
                .contains("evil\\u000ASubject: fake\\u000D\\u001B[31mred\\u202Etxt.exe\\u0000")
                .contains("more chars)");
        assertThat(r.text()).doesNotContain("\u202e").doesNotContain("\u001b").doesNotContain("\nInjected");
        JsonNode doc = new ObjectMapper().readTree(r.json());
        // The JSON keeps the characters exactly (JSON escapes them), up to the message budget's length cap.
        assertThat(doc.at("/findings/0/userAgent").asText())
                .as("the JSON stays exact")
                .startsWith(hostile.substring(0, 400))
                .endsWith("more chars)");
    }

    @Test
    void markupIsNeutralised() {
        FindingAggregator agg = new FindingAggregator(10);
        agg.add(secretFinding("prod/db", "app", "1.2.3.4", "<script>alert(1)</script><a href=x>", 0));
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(alert(agg, Map.of()));
        String line = r.text()
                .lines()
                .filter(l -> l.contains("User agent:"))
                .findFirst()
                .orElseThrow();
        assertThat(line).doesNotContain("<").doesNotContain(">").contains("\\u003Cscript\\u003Ealert(1)");
        assertThat(r.text()).doesNotContain("<script>");
    }

    @Test
    void manyGroupsAreCappedWithinTheSnsSizeLimit() throws Exception {
        FindingAggregator agg = new FindingAggregator(5_000);
        for (int i = 0; i < 5_000; i++) {
            agg.add(secretFinding("secret-" + i, "role-" + i, "198.51.100." + (i % 250), "u".repeat(500), i));
        }
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(alert(agg, Map.of()));
        assertThat(SnsEnvelope.SNS.body(r).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(SnsEnvelope.BUDGET);
        JsonNode doc = new ObjectMapper().readTree(r.json());
        int shown = doc.at("/counts/groupsShown").asInt();
        assertThat(shown).isPositive();
        assertThat(r.text()).contains("and " + (5_000 - shown) + " more group(s), listed in the JSON document");
        assertThat(doc.path("groups").size())
                .isEqualTo(doc.at("/counts/groupsListed").asInt())
                .isGreaterThan(shown);
    }

    @Test
    void noEvidenceStillProducesAnAlert() {
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(alert(new FindingAggregator(1), Map.of()));
        assertThat(r.subject())
                .isEqualTo("Trailhound: AttemptsToAccessDeletedSecretsAlarm in ALARM, no matching events found");
        assertThat(r.text()).contains("0 matching event(s) of 100 scanned");
    }

    @Test
    void compositeAlertShowsTheRuleAndWhichChildFired() throws Exception {
        AlarmNotification composite = new AlarmNotification(
                "TrailAlarms",
                "arn:aws:cloudwatch:us-east-1:111122223333:alarm:TrailAlarms",
                "111122223333",
                "us-east-1",
                "ALARM",
                "OK",
                "r",
                Instant.parse("2026-11-23T10:21:08Z"),
                0,
                1,
                List.of(),
                new AlarmNotification.Composite(
                        "ALARM(SecretsAlarm) OR ALARM(RootAlarm)",
                        List.of("SecretsAlarm", "RootAlarm"),
                        List.of("SecretsAlarm")),
                null);
        Alert a = new Alert(composite, WINDOW, List.of(), Map.of(), List.of(), 0, 0, 0, List.of(), false, NOW)
                .withChildren(List.of(
                        new ChildStatus(
                                "SecretsAlarm",
                                "ALARM",
                                true,
                                "searched CloudTrailLogMetrics/AttemptsToAccessDeletedSecrets"),
                        new ChildStatus("RootAlarm", "OK", false, "not in ALARM at the transition")));
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(a);
        assertThat(r.text())
                .contains("Composite rule:    ALARM(SecretsAlarm) OR ALARM(RootAlarm)")
                .contains("SecretsAlarm ALARM (fired): searched CloudTrailLogMetrics/AttemptsToAccessDeletedSecrets")
                .contains("RootAlarm OK: not in ALARM at the transition");
        JsonNode doc = new ObjectMapper().readTree(r.json());
        assertThat(doc.at("/alarm/composite/triggeringChildren/0").asText()).isEqualTo("SecretsAlarm");
        assertThat(doc.at("/alarm/composite/children/1/investigated").asBoolean())
                .isFalse();
    }

    static RemediationOutcome restored(int i) {
        return new RemediationOutcome(
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:" + "n".repeat(490) + i,
                "RestoreSecret",
                i < 5 ? RemediationOutcome.Status.DONE : RemediationOutcome.Status.SKIPPED,
                "d".repeat(490));
    }

    @Test
    void everyListAndStringIsCappedSoTheWholeMessageFits() throws Exception {
        FindingAggregator agg = new FindingAggregator(1_000);
        for (int i = 0; i < 250; i++) {
            agg.add(secretFinding("s".repeat(490) + i, "role", "198.51.100.1", "ua", i));
        }
        List<RemediationOutcome> remediation = java.util.stream.IntStream.range(0, 250)
                .mapToObj(AlertRendererTest::restored)
                .toList();
        List<String> notes = java.util.stream.IntStream.range(0, 105)
                .mapToObj(i -> "AccessDenied on log group " + "g".repeat(490) + i)
                .toList();
        AlarmNotification longName = new AlarmNotification(
                "A".repeat(100_000),
                ALARM.alarmArn(),
                ALARM.accountId(),
                ALARM.region(),
                "ALARM",
                "OK",
                "r",
                ALARM.stateChangeTime(),
                300,
                1,
                ALARM.metrics());
        Alert a = new Alert(
                longName, WINDOW, agg.groups(), Map.of(), remediation, agg.total(), 250, 0, notes, false, NOW);
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(a);
        assertThat(SnsEnvelope.SNS.bytes(r)).isLessThanOrEqualTo(SnsEnvelope.BUDGET);
        assertThat(r.text())
                .contains("Remediation (DONE 5, SKIPPED 245)")
                .contains("... and 200 more decision(s)")
                .contains("... and 55 more note(s)")
                .contains("more chars)");
        JsonNode doc = new ObjectMapper().readTree(r.json());
        assertThat(doc.at("/counts/remediation").asInt()).isEqualTo(250);
        assertThat(doc.at("/remediation").size()).isEqualTo(50);
        assertThat(doc.at("/alarm/name").asText()).hasSizeLessThan(600);
        JsonNode body = new ObjectMapper().readTree(SnsEnvelope.SNS.body(r));
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("default", "email");
        assertThat(body.path("default").asText()).isEqualTo(r.json());
        assertThat(body.path("email").asText()).isEqualTo(r.text());
    }

    @Test
    void whenNothingElseFitsAMinimalAlertSaysWhatMatters() throws Exception {
        FindingAggregator agg = new FindingAggregator(100);
        for (int i = 0; i < 50; i++) {
            agg.add(secretFinding("prod/db-" + i, "role", "198.51.100.1", "u".repeat(500), i));
        }
        List<RemediationOutcome> remediation = java.util.stream.IntStream.range(0, 20)
                .mapToObj(AlertRendererTest::restored)
                .toList();
        Alert a = new Alert(
                ALARM, WINDOW, agg.groups(), Map.of(), remediation, agg.total(), 100, 0, List.of(), true, NOW);
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(a, 4_000);
        assertThat(SnsEnvelope.SNS.bytes(r)).isLessThanOrEqualTo(4_000);
        JsonNode doc = new ObjectMapper().readTree(r.json());
        assertThat(doc.path("reduced").asBoolean()).isTrue();
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(50);
        assertThat(doc.path("remediationSummary").asText()).isEqualTo("DONE 5, SKIPPED 15");
        assertThat(doc.path("firstFinding").asText()).contains("prod/db-0");
        assertThat(r.text())
                .contains("AttemptsToAccessDeletedSecretsAlarm")
                .contains("PARTIAL")
                .contains("DONE 5");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String s = "a".repeat(9) + "\uD83D\uDE00tail";
        assertThat(AlertJson.cap(s, 10)).startsWith("a".repeat(9) + "…");
        assertThat(Sanitize.text(s, 10)).startsWith("a".repeat(9) + "…");
    }

    /** Four groups: secrets prod/db-0 .. prod/db-3 in 222222222222, 333333333333, 222222222222, 333333333333. */
    static FindingAggregator inTwoAccounts() {
        FindingAggregator agg = new FindingAggregator(10);
        int i = 0;
        for (String account : List.of("222222222222", "333333333333", "222222222222", "333333333333")) {
            agg.add(Fixtures.inAccount(secretFinding("prod/db-" + i, "app", "203.0.113.10", "ua", i), account));
            i++;
        }
        return agg;
    }

    @Test
    void findingsOfSeveralAccountsAreGroupedByAccountFirstKeepingTheRankWithinEach() {
        FindingAggregator agg = inTwoAccounts();
        String text =
                new AlertRenderer(SnsEnvelope.SNS).render(alert(agg, Map.of())).text();
        int a = text.indexOf("== Account 222222222222: 2 finding group(s) ==");
        int b = text.indexOf("== Account 333333333333: 2 finding group(s) ==");
        assertThat(a).isPositive();
        assertThat(b).isGreaterThan(a);
        assertThat(text.indexOf("prod/db-0")).isBetween(a, b);
        assertThat(text.indexOf("prod/db-2")).isBetween(a, b);
        assertThat(text.indexOf("prod/db-1")).isGreaterThan(b);
        assertThat(text.indexOf("prod/db-3")).isGreaterThan(b);
        assertThat(text.indexOf("prod/db-0"))
                .as("rank order within the account")
                .isLessThan(text.indexOf("prod/db-2"));
    }

    @Test
    void findingsOfOneAccountHaveNoAccountHeading() {
        FindingAggregator agg = new FindingAggregator(10);
        agg.add(secretFinding("prod/db", "app", "203.0.113.10", "ua", 0));
        agg.add(secretFinding("prod/cache", "app", "203.0.113.10", "ua", 1));
        assertThat(new AlertRenderer(SnsEnvelope.SNS)
                        .render(alert(agg, Map.of()))
                        .text())
                .doesNotContain("== Account");
    }

    @Test
    void theOrganizationsNamesStandBesideTheAccountIdsInTheHeadingsTheFindingsAndTheJson() throws Exception {
        Alert alert = alert(inTwoAccounts(), Map.of()).withAccountNames(Map.of("222222222222", "Payments prod"));
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(alert);

        assertThat(r.text())
                .contains("== Account 222222222222 (Payments prod): 2 finding group(s) ==")
                .as("an account without a name: its ID alone")
                .contains("== Account 333333333333: 2 finding group(s) ==");
        assertThat(r.text().lines().filter(l -> l.startsWith("  Account:")))
                .containsExactly(
                        "  Account:         222222222222 (Payments prod)",
                        "  Account:         222222222222 (Payments prod)",
                        "  Account:         333333333333",
                        "  Account:         333333333333");
        JsonNode doc = new ObjectMapper().readTree(r.json());
        assertThat(doc.at("/findings/0/resource/account").asText()).isEqualTo("222222222222");
        assertThat(doc.at("/findings/0/resource/accountName").asText()).isEqualTo("Payments prod");
        assertThat(doc.at("/findings/2/resource/account").asText()).isEqualTo("333333333333");
        assertThat(doc.at("/findings/2/resource").has("accountName")).isFalse();
        assertThat(doc.at("/groups/0/accountName").asText()).isEqualTo("Payments prod");
    }

    @Test
    void anAccountNameIsTextFromOthersSanitisedInTheTextExactInTheJsonAndCappedInBoth() throws Exception {
        String hostile = "https://evil.example/ <b>Ops</b>\nFinding 9: all clear " + "x".repeat(200);
        Alert alert = alert(inTwoAccounts(), Map.of()).withAccountNames(Map.of("333333333333", hostile));
        RenderedAlert r = new AlertRenderer(SnsEnvelope.SNS).render(alert);

        String heading = r.text()
                .lines()
                .filter(l -> l.startsWith("== Account 333333333333"))
                .findFirst()
                .orElseThrow();
        assertThat(heading)
                .as("one line, no markup, no link, cut at " + io.trailhound.enrich.AccountNames.MAX_CHARS)
                .startsWith("== Account 333333333333 (hxxps://evil[.]example/ \\u003Cb\\u003EOps")
                .contains("more chars)")
                .endsWith(": 2 finding group(s) ==")
                .doesNotContain("xxxxxxxxxx");
        assertThat(r.text()).doesNotContain("<b>").doesNotContain("\nFinding 9: all clear");
        JsonNode doc = new ObjectMapper().readTree(r.json());
        String name = doc.at("/findings/2/resource/accountName").asText();
        assertThat(name).startsWith(hostile.substring(0, io.trailhound.enrich.AccountNames.MAX_CHARS));
        assertThat(name).contains("more chars)").hasSizeLessThan(80);
    }
}
