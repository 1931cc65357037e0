package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Issue 14: every alarm yields an alert before the function's deadline, whatever the input. Each test runs
 * the Lambda handler as the runtime does ({@link LambdaInvocation}: a real deadline, moto behind
 * {@link FaultProxy}), and asserts that an alert was published before the deadline, what it says, and that
 * the published SNS message fits SNS's 256 KB. Times to alert and sizes are printed for the closing note.
 */
class NeverSilencedMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final String LOG_GROUP = "CloudTrail/MyCloudWatchLogGroup";
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final int SNS_LIMIT = 262_144;

    World world;
    CloudTrailStandIn cloudTrail;
    FaultProxy proxy;

    @BeforeEach
    void world() throws Exception {
        world = new World(MOTO);
        world.alertTopicWithQueue();
        world.logGroupWithFilter(
                LOG_GROUP,
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        cloudTrail =
                new CloudTrailStandIn(MOTO); // moto has no LookupEvents: remediation confirms events with the stand-in
        proxy = cloudTrail.proxy();
    }

    @AfterEach
    void closeProxy() {
        cloudTrail.close();
    }

    String secretAlarm() throws Exception {
        return world.alarmMessage(
                "AttemptsToAccessDeletedSecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
    }

    static final String FILTER_LOG_EVENTS = "Logs_20140328.FilterLogEvents";

    /** Invokes, then checks what every case must hold: published once, before the deadline, within SNS's limit. */
    JsonNode alertOf(String testCase, LambdaInvocation lambda, String message) throws Exception {
        return alertOf(testCase, lambda, message, java.util.UUID.randomUUID().toString());
    }

    JsonNode alertOf(String testCase, LambdaInvocation lambda, String message, String messageId) throws Exception {
        return alertOf(testCase, lambda.invoke(message, messageId));
    }

    JsonNode alertOf(String testCase, LambdaInvocation.Result r) throws Exception {
        assertThat(r.thrown()).as("the handler must not fail: %s", r.thrown()).isNull();
        assertThat(r.alertedBeforeDeadline())
                .as("an alert was published before the deadline")
                .isTrue();
        String published = proxy.lastFormParameter(LambdaInvocation.PUBLISH, "Message");
        int size = published.getBytes(StandardCharsets.UTF_8).length;
        assertThat(size).isLessThanOrEqualTo(SNS_LIMIT);
        JsonNode body = World.JSON.readTree(published);
        assertThat(body.path("default").isTextual() && body.path("email").isTextual())
                .as("MessageStructure=json body")
                .isTrue();
        System.out.printf(
                "issue-14 case %-40s time to alert %6d ms, SNS message %7d bytes%n",
                testCase, r.timeToAlert().toMillis(), size);
        List<World.Alert> alerts = world.alerts();
        assertThat(alerts).hasSize(1);
        return alerts.get(0).doc();
    }

    LambdaInvocation lambda(Map<String, String> env) {
        return lambda(TIMEOUT, env);
    }

    LambdaInvocation lambda(Duration timeout, Map<String, String> env) {
        return new LambdaInvocation(world, proxy, timeout, env);
    }

    String publishedSubject() {
        return proxy.lastFormParameter(LambdaInvocation.PUBLISH, "Subject");
    }

    @Test
    void duplicatesARedeliveredNotificationPublishesNothingNew() throws Exception {
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        LambdaInvocation lambda = lambda(Map.of("IDEMPOTENCY_TABLE", world.idempotencyTable()));
        LambdaInvocation.Result first = lambda.invoke(secretAlarm(), "message-1");
        LambdaInvocation.Result again = lambda.invoke(secretAlarm(), "message-1");
        assertThat(first.thrown()).isNull();
        assertThat(first.alertedBeforeDeadline()).isTrue();
        assertThat(again.thrown()).isNull();
        assertThat(again.publishes()).as("the redelivery publishes nothing").isEmpty();
        assertThat(again.returned()).contains("notification sns:message-1 was already handled and its alert published");
        assertThat(world.alerts()).hasSize(1);
        System.out.printf(
                "issue-14 case %-40s time to alert %6d ms; redelivery %d ms, nothing published%n",
                "duplicate delivery",
                first.timeToAlert().toMillis(),
                java.time.Duration.between(again.started(), again.finished()).toMillis());
    }

    @Test
    void aRetryAfterAFailedPublishPublishesThePendingAlertWithWhatWasRestoredStandIn() throws Exception {
        String arn = world.aws
                .secrets
                .createSecret(b -> b.name("prod/tagged")
                        .secretString("v")
                        .tags(Tag.builder()
                                .key("trailhound:auto-cancel")
                                .value("true")
                                .build()))
                .arn();
        world.aws.secrets.deleteSecret(b -> b.secretId("prod/tagged").recoveryWindowInDays(7L));
        cloudTrail.happened(List.of(world.deleteSecretCall(-86_400, "prod/tagged", arn, MotoServer.REGION)));
        world.happened(cloudTrail, LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/tagged"))));
        LambdaInvocation lambda = lambda(Map.of("IDEMPOTENCY_TABLE", world.idempotencyTable(), "REMEDIATION", "on"));
        proxy.fail(LambdaInvocation.PUBLISH, 3, 500, "InternalError", "SNS is having a bad day");
        LambdaInvocation.Result failed = lambda.invoke(secretAlarm(), "message-2");
        assertThat(failed.thrown())
                .as("a failed publish fails the invocation, so Lambda retries")
                .isNotNull();
        assertThat(world.alerts()).isEmpty();
        assertThat(world.aws
                        .secrets
                        .describeSecret(b -> b.secretId("prod/tagged"))
                        .deletedDate())
                .as("restored")
                .isNull();

        JsonNode doc = alertOf("retry after a failed publish", lambda, secretAlarm(), "message-2");
        assertThat(doc.path("remediation").toString())
                .contains("\"status\":\"DONE\"")
                .doesNotContain("ALREADY_DONE");
        assertThat(doc.at("/earlierAttempt/actions/0").asText())
                .startsWith("DONE RestoreSecret arn:aws:secretsmanager:")
                .contains(" at 20");
        assertThat(proxy.lastFormParameter(LambdaInvocation.PUBLISH, "Message"))
                .contains("in that attempt Trailhound did: DONE RestoreSecret");
    }

    /** An idempotency record as an earlier attempt left it (the function's own format, written here directly). */
    void earlierAttempt(String table, String id, java.time.Instant leaseUntil, String action) {
        world.aws.dynamo.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id),
                        "state", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("IN_PROGRESS"),
                        "leaseUntil",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                                        Long.toString(leaseUntil.getEpochSecond())),
                        "actions",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(
                                        List.of(software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                                action))))));
    }

    @Test
    void aRetryAfterAnAttemptThatDiedSaysWhatThatAttemptDidAndAConcurrentDuplicateWaits() throws Exception {
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        String table = world.idempotencyTable();
        String restored =
                "DONE RestoreSecret arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf at 2026-12-01T10:21:09Z";
        earlierAttempt(table, "sns:died", java.time.Instant.now().minusSeconds(60), restored);
        earlierAttempt(table, "sns:running", java.time.Instant.now().plusSeconds(600), restored);
        LambdaInvocation lambda = lambda(Map.of("IDEMPOTENCY_TABLE", table));

        LambdaInvocation.Result concurrent = lambda.invoke(secretAlarm(), "running");
        assertThat(concurrent.publishes()).as("another invocation holds it").isEmpty();
        assertThat(concurrent.returned()).contains("is being handled by another invocation");

        JsonNode doc = alertOf("retry after an attempt that died", lambda, secretAlarm(), "died");
        assertThat(doc.path("notes").toString())
                .contains("an earlier attempt at this notification recorded: " + restored);
    }

    static final String LOOKUP_EVENTS = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    static final String AMZ_JSON = "application/x-amz-json-1.1";

    String scheduledSecretInTheWindow(String name) {
        world.aws.secrets.createSecret(b -> b.name(name).secretString("v"));
        world.aws.secrets.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead(name))));
        return name;
    }

    @Test
    void oneResourceIsLookedUpByResourceNameAndEarlierPagesAreKeptWhenALaterOneFailsWithALookupEventsStandIn()
            throws Exception {
        String secret = scheduledSecretInTheWindow("prod/db");
        // page 1 holds the DeleteSecret event and says there is more; page 2 goes to moto, which has no LookupEvents
        // (HTTP 500)
        proxy.answerInTurn(LOOKUP_EVENTS, AMZ_JSON, List.of(world.lookupEventsPage(secret, "page-2")));
        JsonNode doc = alertOf("LookupEvents page 2 fails (stand-in)", lambda(Map.of()), secretAlarm());
        assertThat(proxy.lastBody(LOOKUP_EVENTS))
                .contains("\"AttributeKey\":\"ResourceName\"")
                .contains("\"AttributeValue\":\"prod/db\"")
                .contains("\"NextToken\":\"page-2\"");
        assertThat(doc.at("/findings/0/resource/scheduledBy/caller/principal").asText())
                .isEqualTo("arn:aws:iam::123456789012:role/payments-api");
        assertThat(doc.at("/findings/0/resource/unknown").toString()).doesNotContain("LookupEvents failed");
    }

    @Test
    void aLookupThatHitsThePageCapSaysNotFoundInTheFirstPagesWithALookupEventsStandIn() throws Exception {
        scheduledSecretInTheWindow("prod/db");
        proxy.answer(LOOKUP_EVENTS, AMZ_JSON, world.lookupEventsPage(null, "more"));
        JsonNode doc = alertOf("LookupEvents page cap (stand-in)", lambda(Map.of()), secretAlarm());
        assertThat(doc.at("/findings/0/resource/unknown").toString())
                .contains(
                        "who scheduled the deletion: no DeleteSecret event for it found; not found in the first 10 pages of LookupEvents");
        assertThat(proxy.calls(LOOKUP_EVENTS))
                .as("10 pages by name, then 10 by event name")
                .isEqualTo(20);
        // Arrival times at the proxy jitter with the machine's load (a delayed call shortens the next gap), so
        // the rate is checked over the whole run and each gap only against calls sent without any pacing.
        List<java.time.Instant> times = proxy.callTimes(LOOKUP_EVENTS);
        assertThat(Duration.between(times.get(0), times.get(times.size() - 1)).toMillis())
                .as("20 calls paced at 2 per second")
                .isGreaterThanOrEqualTo((times.size() - 1) * 450L);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i)).toMillis())
                    .as("no call sent unpaced")
                    .isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void throttledConfirmationsOfThirtySecretsWaitForNoSlotPastTheBudgetAndTheAlertSaysWhichWereNotConfirmedStandIn()
            throws Exception {
        List<ObjectNode> reads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = "prod/throttled-" + i;
            String arn = world.aws
                    .secrets
                    .createSecret(b -> b.name(name)
                            .secretString("v")
                            .tags(Tag.builder()
                                    .key("trailhound:auto-cancel")
                                    .value("true")
                                    .build()))
                    .arn();
            world.aws.secrets.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
            cloudTrail.happened(List.of(world.deleteSecretCall(-86_400, name, arn, MotoServer.REGION)));
            reads.add(world.record(30 + i, World.deletedSecretRead(name)));
        }
        world.happened(cloudTrail, LOG_GROUP, reads);
        // Who scheduled each deletion is answered (one lookup by event name serves all 30), so each secret is a
        // candidate whose triggering event must be confirmed; every lookup by EventId is throttled. Each
        // confirmation would wait for its own slot, 500 ms after the one before, and back off 1 s then 2 s:
        // queued past the budget, 30 of them would outlast the 9 s kept for Publish.
        proxy.refuse(LOOKUP_EVENTS, "\"AttributeKey\":\"EventId\"", 400, "ThrottlingException", "Rate exceeded");
        Duration timeout = Duration.ofSeconds(14);
        LambdaInvocation lambda = lambda(timeout, Map.of("REMEDIATION", "on"));
        LambdaInvocation.Result r = lambda.invoke(secretAlarm());
        JsonNode doc = alertOf("30 confirmations throttled, 14 s (stand-in)", r);

        assertThat(r.timeToAlert())
                .as("published within the investigation's budget: the time kept for Publish was not waited away")
                .isLessThan(timeout.minus(io.trailhound.Handler.RESERVE).plusSeconds(1));
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(30);
        String remediation = doc.path("remediation").toString();
        assertThat(remediation).doesNotContain("\"status\":\"DONE\"");
        int notAsked = 0;
        for (JsonNode o : doc.path("remediation")) {
            assertThat(o.path("status").asText()).isEqualTo("SKIPPED");
            assertThat(o.path("detail").asText()).contains("no triggering event is confirmed: event ");
            if (o.path("detail")
                    .asText()
                    .contains("no time left in this invocation to ask CloudTrail's event history")) {
                notAsked++;
            }
        }
        assertThat(doc.path("remediation").size()).isEqualTo(30);
        assertThat(notAsked)
                .as("the confirmations there was no time for are named")
                .isGreaterThanOrEqualTo(20);
        for (java.time.Instant call : proxy.callTimes(LOOKUP_EVENTS)) {
            assertThat(call).isBefore(r.deadline().minus(io.trailhound.Handler.RESERVE));
        }
        assertThat(world.aws
                        .secrets
                        .describeSecret(b -> b.secretId("prod/throttled-0"))
                        .deletedDate())
                .as("nothing is restored on an unconfirmed event")
                .isNotNull();
    }

    static final String DESCRIBE_ALARMS = "GraniteServiceVersion20100801.DescribeAlarms";

    /** CloudWatch's SNS message for a composite alarm whose rule names {@code child} and then {@code others}. */
    static String compositeAlarm(String child, List<String> others) {
        String arn = "arn:aws:cloudwatch:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":alarm:";
        StringBuilder rule = new StringBuilder("ALARM(" + child + ")");
        others.forEach(o -> rule.append(" OR ALARM(").append(o).append(')'));
        ObjectNode message = World.JSON
                .createObjectNode()
                .put("AlarmName", "TrailAlarms")
                .put("AWSAccountId", MotoServer.ACCOUNT)
                .put("NewStateValue", "ALARM")
                .put("OldStateValue", "OK")
                .put("NewStateReason", arn + child + " transitioned to ALARM")
                .put("StateChangeTime", java.time.Instant.now().plusSeconds(1).toString())
                .put("Region", "US East (N. Virginia)")
                .put("AlarmArn", arn + "TrailAlarms")
                .put("AlarmRule", rule.toString());
        message.putArray("TriggeringChildren")
                .addObject()
                .put("Arn", arn + child)
                .putObject("State")
                .put("Value", "ALARM");
        return message.toString();
    }

    @Test
    void aCompositeWhoseChildrenCannotAllBeDescribedWithinTheirShareStillAlertsAndNamesTheChildrenNotRead()
            throws Exception {
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        secretAlarm(); // the triggering child: a real moto alarm in ALARM
        List<String> retired = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            retired.add("Retired-" + i);
        }
        // 151 names: two DescribeAlarms calls of at most 100. A 24 s deadline leaves a 15 s budget, of which the
        // children get a fifth (3 s): the first call (2 s slower than moto) fits, the second has 1 s left.
        proxy.delay(DESCRIBE_ALARMS, Duration.ofSeconds(2));
        JsonNode doc = alertOf(
                "composite, 151 children, DescribeAlarms 2 s, 24 s (CBOR stand-in)",
                lambda(Duration.ofSeconds(24), Map.of()),
                compositeAlarm("AttemptsToAccessDeletedSecretsAlarm", retired));

        assertThat(publishedSubject()).contains("search incomplete");
        assertThat(doc.path("partial").asBoolean()).isTrue();
        assertThat(doc.path("notes").toString())
                .contains("51 child alarm(s) of composite alarm 'TrailAlarms' could not be read"
                        + " (cloudwatch:DescribeAlarms failed: ")
                .contains("so their metrics were not searched: Retired-99, Retired-100");
        JsonNode children = doc.at("/alarm/composite/children");
        assertThat(children.get(0).path("name").asText()).isEqualTo("AttemptsToAccessDeletedSecretsAlarm");
        assertThat(children.get(0).path("investigated").asBoolean()).isTrue();
        assertThat(children.get(1).path("detail").asText())
                .as("Retired-0 was asked about in the first call")
                .isEqualTo("not found by DescribeAlarms");
        assertThat(children.get(150).path("name").asText()).isEqualTo("Retired-149");
        assertThat(children.get(150).path("detail").asText())
                .startsWith("not read: cloudwatch:DescribeAlarms failed: ");
        assertThat(doc.at("/counts/matched").asLong())
                .as("the child that was read is searched")
                .isEqualTo(1);
    }

    @Test
    void emptyPagesWithANextTokenForeverStopAtTheScansShareAndTheAlertSaysSearchIncomplete() throws Exception {
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        proxy.answer(
                FILTER_LOG_EVENTS,
                "application/x-amz-json-1.1",
                "{\"events\":[],\"searchedLogStreams\":[],\"nextToken\":\"more\"}");
        proxy.delay(FILTER_LOG_EVENTS, Duration.ofMillis(50));
        JsonNode doc = alertOf(
                "empty pages with nextToken, 20 s timeout", lambda(Duration.ofSeconds(20), Map.of()), secretAlarm());
        assertThat(publishedSubject()).contains("search incomplete");
        assertThat(doc.path("partial").asBoolean()).isTrue();
        assertThat(doc.path("notFullyRead").toString()).contains(LOG_GROUP);
        assertThat(doc.path("notes").toString()).contains("was not fully read").contains("share of the time ran out");
        assertThat(proxy.calls(FILTER_LOG_EVENTS))
                .as("pages were followed until the budget ran out")
                .isGreaterThan(10);
    }

    @Test
    void slowDescribeSecretCallsStopAtTheEnrichmentsShareAndTheRestIsSaidToBeUndescribed() throws Exception {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(world.record(10 + i, World.deletedSecretRead("prod/slow-" + i)));
        }
        world.putEvents(LOG_GROUP, records);
        proxy.delay("secretsmanager.DescribeSecret", Duration.ofMillis(350));
        JsonNode doc = alertOf(
                "100 DescribeSecret at 0.35 s, 30 s timeout", lambda(Duration.ofSeconds(30), Map.of()), secretAlarm());
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(100);
        assertThat(doc.path("notes").toString())
                .contains("of 100 resource(s) were not described: the enrichment's share of the time ran out");
        assertThat(proxy.calls("secretsmanager.DescribeSecret")).isBetween(5, 99);
    }

    @Test
    void throttlingThatOutlastsTheBudgetIsVisibleInTheSubjectAndNamesTheLogGroup() throws Exception {
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        proxy.fail(FILTER_LOG_EVENTS, 100_000, 400, "ThrottlingException", "Rate exceeded");
        JsonNode doc = alertOf(
                "FilterLogEvents always throttled, 20 s", lambda(Duration.ofSeconds(20), Map.of()), secretAlarm());
        assertThat(publishedSubject()).contains("search incomplete");
        assertThat(doc.path("partial").asBoolean()).isTrue();
        assertThat(doc.path("notFullyRead").toString()).contains(LOG_GROUP);
        assertThat(doc.path("notes").toString())
                .contains("was not fully read")
                .contains("still throttled")
                .contains("ThrottlingException (Rate exceeded)");
        assertThat(proxy.calls(FILTER_LOG_EVENTS))
                .as("kept trying past the SDK's 3 attempts")
                .isGreaterThan(3);
    }

    @Test
    void throttlingThatEndsWithinTheBudgetLosesNothing() throws Exception {
        world.aws.secrets.createSecret(b -> b.name("prod/db").secretString("v"));
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        proxy.fail(FILTER_LOG_EVENTS, 5, 400, "ThrottlingException", "Rate exceeded");
        JsonNode doc = alertOf("FilterLogEvents throttled 5 times", lambda(Map.of()), secretAlarm());
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(1);
        assertThat(doc.path("partial").asBoolean()).isFalse();
        assertThat(publishedSubject()).doesNotContain("incomplete");
    }

    @Test
    void tooBigForSns250SecretsWithRemediationStillAlertsAndSaysWhatWasRestoredStandIn() throws Exception {
        String prefix = "prod/" + "long-name-".repeat(20);
        List<String> restorable = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = prefix + i;
            String arn = world.aws
                    .secrets
                    .createSecret(b -> b.name(name)
                            .secretString("v")
                            .tags(Tag.builder()
                                    .key("trailhound:auto-cancel")
                                    .value("true")
                                    .build()))
                    .arn();
            world.aws.secrets.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
            cloudTrail.happened(List.of(world.deleteSecretCall(-86_400, name, arn, MotoServer.REGION)));
            restorable.add(name);
        }
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            records.add(world.record(10 + i % 200, World.deletedSecretRead(prefix + i)));
        }
        world.happened(cloudTrail, LOG_GROUP, records);

        JsonNode doc = alertOf("250 secrets, REMEDIATION=on", lambda(Map.of("REMEDIATION", "on")), secretAlarm());
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(250);
        assertThat(doc.at("/counts/groups").asLong()).isEqualTo(250);
        assertThat(doc.at("/counts/remediation").asLong()).isEqualTo(250);
        assertThat(doc.path("remediation").toString()).contains("\"status\":\"DONE\"");
        long done = 0;
        for (JsonNode r : doc.path("remediation")) {
            if (r.path("status").asText().equals("DONE")) {
                done++;
            }
        }
        assertThat(done).as("the five restorations are in the alert").isEqualTo(5);
        for (String name : restorable) {
            assertThat(world.aws.secrets.describeSecret(b -> b.secretId(name)).deletedDate())
                    .isNull();
        }
    }

    @Test
    void tooBigForSns105UnreadableLogGroupsStillAlertsWithEveryNoteCounted() throws Exception {
        for (int i = 0; i < 105; i++) {
            String group = "CloudTrail/" + "unreadable-".repeat(30) + i;
            world.logGroupWithFilter(
                    group,
                    MetricFilterCatalog.SECRET_PATTERN,
                    "CloudTrailLogMetrics",
                    "AttemptsToAccessDeletedSecrets");
        }
        proxy.fail(
                "Logs_20140328.FilterLogEvents",
                10_000,
                400,
                "AccessDeniedException",
                "User is not authorized to perform: logs:FilterLogEvents"
                        + " on resource: arn:aws:logs:us-east-1:123456789012:log-group:" + "x".repeat(300));
        JsonNode doc = alertOf("106 log groups, 105 AccessDenied notes", lambda(Map.of()), secretAlarm());
        assertThat(doc.at("/counts/notes").asInt()).isGreaterThanOrEqualTo(106);
        assertThat(doc.path("notes").toString()).contains("AccessDeniedException");
        assertThat(doc.path("partial").asBoolean()).isTrue();
        assertThat(doc.at("/counts/notFullyRead").asInt()).isEqualTo(106);
    }

    @Test
    void oneOddRecordBlankRegionOrBrokenArnIsReportedAsDamagedAndNeverReachesAnSdkCall() throws Exception {
        world.aws.secrets.createSecret(b -> b.name("prod/db").secretString("v"));
        world.aws.secrets.deleteSecret(b -> b.secretId("prod/db").recoveryWindowInDays(7L));
        ObjectNode blankRegion = world.record(20, World.deletedSecretRead("prod/blank-region"));
        blankRegion.put("awsRegion", "");
        ObjectNode brokenArn = world.record(25, World.deletedSecretRead("prod/broken-arn"));
        brokenArn.set(
                "userIdentity",
                World.JSON.valueToTree(Map.of(
                        "type",
                        "AssumedRole",
                        "arn",
                        "arn:aws:sts::" + MotoServer.ACCOUNT + ":assumed-role/",
                        "accountId",
                        MotoServer.ACCOUNT)));
        world.putEvents(
                LOG_GROUP, List.of(blankRegion, brokenArn, world.record(30, World.deletedSecretRead("prod/db"))));

        JsonNode doc = alertOf("blank Region + broken ARN", lambda(Map.of()), secretAlarm());
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(3);
        assertThat(doc.path("notes").toString())
                .contains(
                        "damaged record " + blankRegion.get("eventID").asText() + ": awsRegion '' is not an AWS Region")
                .contains("damaged record " + brokenArn.get("eventID").asText() + ": userIdentity.arn 'arn:aws:sts::"
                        + MotoServer.ACCOUNT + ":assumed-role/' is not a well-formed ARN");
        assertThat(proxy.calls("secretsmanager.DescribeSecret"))
                .as("only the genuine record's secret is described")
                .isEqualTo(1);
        assertThat(doc.toString()).contains("ScheduledForDeletion");
    }

    @Test
    void forgedNumbersPeriodAndEvaluationPeriodsAtIntMaxStillAlert() throws Exception {
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        ObjectNode alarm = (ObjectNode) World.JSON.readTree(secretAlarm());
        alarm.put("NewStateReason", "Threshold Crossed: no datapoints were listed");
        ((ObjectNode) alarm.get("Trigger"))
                .put("Period", Integer.MAX_VALUE)
                .put("EvaluationPeriods", Integer.MAX_VALUE);
        JsonNode doc = alertOf("Period = EvaluationPeriods = 2^31-1", lambda(Map.of()), alarm.toString());
        assertThat(doc.at("/window/note").asText())
                .contains("damaged notification: Period 2147483647 s x EvaluationPeriods 2147483647");
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(1);
    }

    @Test
    void forgedAlarmNameOf100KbStillAlertsWithTheNameCut() throws Exception {
        world.putEvents(LOG_GROUP, List.of(world.record(30, World.deletedSecretRead("prod/db"))));
        ObjectNode alarm = (ObjectNode) World.JSON.readTree(secretAlarm());
        alarm.put("AlarmName", "A".repeat(100_000));
        JsonNode doc = alertOf("100 KB AlarmName", lambda(Map.of()), alarm.toString());
        assertThat(doc.at("/alarm/name").asText())
                .startsWith("AAAA")
                .endsWith("more chars)")
                .hasSizeLessThan(1_000);
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(1);
    }

    @Test
    void aThousandPlantedRegionStringsBuildNoClientAndAreReportedAsDamaged() throws Exception {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ObjectNode r = world.record(10 + i % 200, World.deletedSecretRead("prod/planted-" + i));
            r.put("awsRegion", "xx-planted-" + i);
            records.add(r);
        }
        world.putEvents(LOG_GROUP, records);
        JsonNode doc = alertOf("1,000 planted Region strings", lambda(Map.of()), secretAlarm());
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(1_000);
        assertThat(doc.path("notes").toString())
                .contains("awsRegion 'xx-planted-")
                .contains("and 990 more damaged record(s)");
        assertThat(proxy.calls("secretsmanager.DescribeSecret")).isZero();
    }
}
