package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The optional outputs against moto, each as its consumer sees it: an SQS queue subscribed to the chat topic
 * (what Amazon Q Developer in chat applications reads), Security Hub's GetFindings, and an EventBridge rule
 * whose target is an SQS queue. A failing output is a note in the others, and the alert still arrives.
 */
class OutputsMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final String SECRET = "prod/payments/db-password";

    @TempDir
    Path dir;

    /** A secret scheduled for deletion, read three times by payments-api; returns its ARN. */
    static String secretWorld(World w) {
        w.alertTopicWithQueue();
        String arn = w.aws.secrets
                .createSecret(b -> b.name(SECRET).secretString("s3cr3t"))
                .arn();
        w.aws.secrets.deleteSecret(b -> b.secretId(SECRET).recoveryWindowInDays(7L));
        w.logGroupWithFilter(
                "CloudTrail/MyCloudWatchLogGroup",
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        var read = World.deletedSecretRead(SECRET);
        w.putEvents(
                "CloudTrail/MyCloudWatchLogGroup",
                List.of(w.record(30, read), w.record(75, read), w.record(140, read)));
        return arn;
    }

    /** An event bus whose rule sends Trailhound's HIGH and CRITICAL alerts to an SQS queue; returns the queue's URL. */
    static String busWithQueue(World w, String bus) {
        w.aws.events.createEventBus(b -> b.name(bus));
        String target = w.aws.sqs.createQueue(b -> b.queueName("automation")).queueUrl();
        w.aws.events.putRule(b -> b.name("trailhound-alerts")
                .eventBusName(bus)
                .eventPattern("{\"source\":[\"trailhound\"],\"detail-type\":[\"Trailhound Alert\"],"
                        + "\"detail\":{\"severity\":[\"HIGH\",\"CRITICAL\"]}}"));
        w.aws.events.putTargets(b -> b.rule("trailhound-alerts")
                .eventBusName(bus)
                .targets(t -> t.id("queue").arn(w.queueArn(target))));
        return target;
    }

    Path alarm(World w) throws Exception {
        return w.alarmEvent(
                dir, "AttemptsToAccessDeletedSecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
    }

    @Test
    void chatTopicGetsTheCustomNotificationFieldByFieldAndARepeatThreadsUnderTheSameResource() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w);
        String chatTopic = w.aws.sns.createTopic(b -> b.name("trailhound-chat")).topicArn();
        String chatQueue = w.queueOn(chatTopic, "chat");
        Path event = alarm(w);

        World.Run run = w.invokeWith(Map.of("CHAT_TOPIC_ARN", chatTopic), "--event", event.toString());
        assertThat(run.err()).contains("published to sns:" + w.alertTopicArn).contains("chat:" + chatTopic);

        List<Message> chat = w.received(chatQueue);
        assertThat(chat).hasSize(1);
        assertThat(chat.get(0).messageAttributes().get("trailhound.origin").stringValue())
                .isEqualTo("trailhound");
        JsonNode n = World.JSON.readTree(chat.get(0).body());
        assertThat(n.path("version").asText()).isEqualTo("1.0");
        assertThat(n.path("source").asText()).isEqualTo("custom");
        JsonNode content = n.path("content");
        assertThat(content.path("textType").asText()).isEqualTo("client-markdown");
        assertThat(content.path("title").asText())
                .isEqualTo(
                        "Trailhound: secret prod/payments/db-password (scheduled for deletion) used by payments-api");
        assertThat(content.path("description").asText())
                .startsWith("*Secret scheduled for deletion was accessed* (severity *HIGH*)\n"
                        + "Alarm `AttemptsToAccessDeletedSecretsAlarm` in `123456789012` / `us-east-1`;"
                        + " notification verified\n3 matching event(s) of 3 scanned, in 1 group(s), ")
                .contains("\n*1.* `" + arn + "`: `GetSecretValue` by `arn:aws:iam::123456789012:role/payments-api`"
                        + " from `203.0.113.10`, 3 event(s), ")
                .contains("(7 day(s) left)");
        List<String> steps = new ArrayList<>();
        content.path("nextSteps").forEach(s -> steps.add(s.asText()));
        assertThat(steps.get(0))
                .isEqualTo("Cancel the deletion (the secret becomes usable again): `aws secretsmanager restore-secret"
                        + " --secret-id " + arn + " --region us-east-1`");
        assertThat(steps.get(1))
                .isEqualTo("The secret in the Secrets Manager console: https://us-east-1.console.aws.amazon.com/"
                        + "secretsmanager/secret?name=prod%2Fpayments%2Fdb-password&region=us-east-1");
        assertThat(steps)
                .anySatisfy(
                        s -> assertThat(s)
                                .startsWith(
                                        "The first event in CloudTrail's event history: "
                                                + "https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/"))
                .anySatisfy(s -> assertThat(s)
                        .startsWith("Every event of this kind in the window (CloudWatch Logs Insights on"
                                + " CloudTrail/MyCloudWatchLogGroup): https://us-east-1.console.aws.amazon.com/"
                                + "cloudwatch/home?region=us-east-1#logsV2:logs-insights$3FqueryDetail$3D~(end~'"));
        assertThat(content.path("keywords").toString())
                .isEqualTo("[\"HIGH\",\"SECRET_MARKED_FOR_DELETION\",\"us-east-1\",\"123456789012\"]");
        JsonNode metadata = n.path("metadata");
        String thread = metadata.path("threadId").asText();
        assertThat(thread).matches("trailhound-[0-9a-f]{32}");
        assertThat(metadata.path("summary").asText())
                .isEqualTo(content.path("title").asText());
        assertThat(metadata.path("eventType").asText()).isEqualTo("SECRET_MARKED_FOR_DELETION");
        assertThat(metadata.path("relatedResources").toString()).isEqualTo("[\"" + arn + "\"]");
        assertThat(metadata.at("/additionalContext/alarmName").asText())
                .isEqualTo("AttemptsToAccessDeletedSecretsAlarm");
        assertThat(metadata.at("/additionalContext/matchedEvents").asText()).isEqualTo("3");

        // another caller reads the same secret: the next alert threads under the first one
        var other = w.record(200, World.deletedSecretRead(arn)).put("sourceIPAddress", "198.51.100.77");
        w.putEvents("CloudTrail/MyCloudWatchLogGroup", List.of(other));
        w.invokeWith(Map.of("CHAT_TOPIC_ARN", chatTopic), "--event", event.toString());
        List<Message> again = w.received(chatQueue);
        assertThat(again).hasSize(1);
        JsonNode second = World.JSON.readTree(again.get(0).body());
        assertThat(second.at("/metadata/threadId").asText()).isEqualTo(thread);
        assertThat(second.at("/content/description").asText()).contains("in 2 group(s)");
    }

    @Test
    void securityHubGetsOneFindingPerResourceAndDetectionAndARepeatUpdatesIt() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w);
        w.aws.securityHub.enableSecurityHub(b -> b.enableDefaultStandards(false));
        Map<String, String> env = Map.of("SECURITY_HUB", "on", "IDEMPOTENCY_TABLE", w.idempotencyTable());
        Path event = alarm(w);
        Instant before = Instant.now();

        World.Run run = w.invokeWith(env, "--event", event.toString());
        assertThat(run.err()).contains("securityhub: 1 finding(s) imported").doesNotContain("could not keep");
        List<AwsSecurityFinding> found = w.aws.securityHub.getFindings(b -> {}).findings();
        assertThat(found).hasSize(1);
        AwsSecurityFinding f = found.get(0);
        assertThat(f.schemaVersion()).isEqualTo("2018-10-08");
        assertThat(f.id()).matches("trailhound/secret_marked_for_deletion/[0-9a-f]{40}");
        assertThat(f.productArn()).isEqualTo("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default");
        assertThat(f.generatorId()).isEqualTo("trailhound/secret_marked_for_deletion");
        assertThat(f.awsAccountId()).isEqualTo("123456789012");
        assertThat(f.types())
                .containsExactly(
                        "Unusual Behaviors/Application/Secrets Manager secret scheduled for deletion accessed");
        assertThat(f.severity().labelAsString()).isEqualTo("HIGH");
        assertThat(f.title()).isEqualTo("Secret scheduled for deletion was accessed: " + arn);
        assertThat(f.resources()).hasSize(2);
        assertThat(f.resources().get(0).type()).isEqualTo("AwsSecretsManagerSecret");
        assertThat(f.resources().get(0).id()).isEqualTo(arn);
        assertThat(f.resources().get(0).region()).isEqualTo("us-east-1");
        assertThat(f.resources().get(1).type()).isEqualTo("AwsIamRole");
        assertThat(f.resources().get(1).id()).isEqualTo("arn:aws:iam::123456789012:role/payments-api");
        assertThat(f.action().actionType()).isEqualTo("AWS_API_CALL");
        assertThat(f.action().awsApiCallAction().api()).isEqualTo("GetSecretValue");
        assertThat(f.action().awsApiCallAction().serviceName()).isEqualTo("secretsmanager.amazonaws.com");
        assertThat(f.action().awsApiCallAction().callerType()).isEqualTo("remoteip");
        assertThat(f.action().awsApiCallAction().remoteIpDetails().ipAddressV4())
                .isEqualTo("203.0.113.10");
        assertThat(f.network().directionAsString()).isEqualTo("IN");
        assertThat(f.network().sourceIpV4()).isEqualTo("203.0.113.10");
        assertThat(f.workflow().statusAsString()).isEqualTo("NEW");
        assertThat(f.recordStateAsString()).isEqualTo("ACTIVE");
        assertThat(f.remediation().recommendation().text())
                .isEqualTo("Cancel the deletion (the secret becomes usable again): aws secretsmanager restore-secret"
                        + " --secret-id " + arn + " --region us-east-1");
        assertThat(f.remediation().recommendation().url())
                .isEqualTo("https://us-east-1.console.aws.amazon.com/secretsmanager/secret?name="
                        + "prod%2Fpayments%2Fdb-password&region=us-east-1");
        assertThat(f.productFields())
                .containsEntry("Trailhound/Alerts", "1")
                .containsEntry("Trailhound/EventCount", "3")
                .containsEntry("Trailhound/AlarmName", "AttemptsToAccessDeletedSecretsAlarm");
        Instant firstObserved = Instant.parse(f.firstObservedAt());
        Instant lastObserved = Instant.parse(f.lastObservedAt());
        assertThat(firstObserved).isEqualTo(w.datapoint.plusSeconds(30));
        assertThat(lastObserved).isEqualTo(w.datapoint.plusSeconds(140));
        assertThat(Instant.parse(f.createdAt())).isAfterOrEqualTo(before.minusSeconds(1));

        // a later event from another caller: the same finding, updated
        var other = w.record(200, World.deletedSecretRead(arn)).put("sourceIPAddress", "198.51.100.77");
        w.putEvents("CloudTrail/MyCloudWatchLogGroup", List.of(other));
        World.Run repeat = w.invokeWith(env, "--event", event.toString());
        assertThat(repeat.err()).contains("securityhub: 1 finding(s) imported").doesNotContain("could not keep");
        List<AwsSecurityFinding> after = w.aws.securityHub.getFindings(b -> {}).findings();
        assertThat(after).as("a repeat updates the finding, it adds none").hasSize(1);
        AwsSecurityFinding g = after.get(0);
        assertThat(g.id()).isEqualTo(f.id());
        assertThat(Instant.parse(g.lastObservedAt())).isEqualTo(w.datapoint.plusSeconds(200));
        assertThat(Instant.parse(g.firstObservedAt())).isEqualTo(firstObserved);
        assertThat(g.createdAt()).as("kept from the first import").isEqualTo(f.createdAt());
        assertThat(Instant.parse(g.updatedAt())).isAfterOrEqualTo(Instant.parse(f.updatedAt()));
        assertThat(g.productFields())
                .containsEntry("Trailhound/Alerts", "2")
                .containsEntry("Trailhound/EventCount", "4")
                .containsEntry("Trailhound/Callers", "arn:aws:iam::123456789012:role/payments-api");
        assertThat(g.description()).contains("4 event(s) in the latest alert; 2 alert(s) so far.");
    }

    @Test
    void anEventBridgeRuleWithAnSqsTargetGetsTheAlertAsItsDetail() throws Exception {
        World w = new World(MOTO);
        String arn = secretWorld(w);
        String target = busWithQueue(w, "security-alerts");

        World.Run run = w.invokeWith(Map.of("EVENT_BUS_NAME", "security-alerts"), "--event", alarm(w).toString());
        assertThat(run.err()).contains("eventbridge:security-alerts event ");

        List<Message> got = w.received(target);
        assertThat(got).hasSize(1);
        JsonNode e = World.JSON.readTree(got.get(0).body());
        assertThat(e.path("source").asText()).isEqualTo("trailhound");
        assertThat(e.path("detail-type").asText()).isEqualTo("Trailhound Alert");
        JsonNode alert = w.alerts().get(0).doc();
        assertThat(e.path("detail"))
                .as("the alert's JSON document, as the alert topic got it")
                .isEqualTo(alert);
        assertThat(e.at("/detail/findings/0/resource/arn").asText()).isEqualTo(arn);
    }

    @Test
    void aFailingOutputIsANoteInTheOthersAndTheAlertStillArrives() throws Exception {
        World w = new World(MOTO);
        secretWorld(w);
        String chatTopic = w.aws.sns.createTopic(b -> b.name("trailhound-chat")).topicArn();
        String chatQueue = w.queueOn(chatTopic, "chat");

        World.Run run = w.invokeWith(
                Map.of("CHAT_TOPIC_ARN", chatTopic, "EVENT_BUS_NAME", "no-such-bus"), "--event", alarm(w).toString());
        assertThat(run.err())
                .contains("published to sns:" + w.alertTopicArn)
                .contains("chat:" + chatTopic)
                .contains("EventBridge: not delivered (");

        JsonNode alert = w.alerts().get(0).doc();
        assertThat(alert.at("/counts/matched").asLong()).isEqualTo(3);
        assertThat(alert.path("notes").toString())
                .contains("EventBridge: not delivered (")
                .contains("no-such-bus")
                .contains("the other outputs and the alert topic are not affected");
        JsonNode chat = World.JSON.readTree(w.received(chatQueue).get(0).body());
        assertThat(chat.at("/content/description").asText()).contains("EventBridge: not delivered (");
    }
}
