package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Alarms that do not arrive as a single-metric SNS message, end to end against moto: a composite alarm
 * whose two children are real moto alarms, the payload of an alarm's Lambda action, and an EventBridge
 * alarm state change (direct, and delivered through SNS). Each goes through {@code invoke}, which reads its
 * input with the same AlarmReader as the Lambda handler.
 */
class AlarmShapesMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final String GROUP = "CloudTrail/MyCloudWatchLogGroup";
    static final String SECRET = "prod/payments/db-password";

    @TempDir
    Path dir;

    /** A trail log group feeding both documented metrics, with three secret reads and one root sign-in. */
    World world() {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        w.logGroupWithFilter(
                GROUP, MetricFilterCatalog.SECRET_PATTERN, "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
        w.aws.logs.putMetricFilter(b -> b.logGroupName(GROUP)
                .filterName("root-filter")
                .filterPattern(MetricFilterCatalog.ROOT_PATTERN)
                .metricTransformations(t -> t.metricNamespace("CloudTrailMetrics")
                        .metricName("RootAccountUsageCount")
                        .metricValue("1")));
        var read = World.deletedSecretRead(SECRET);
        w.putEvents(
                GROUP,
                List.of(
                        w.record(30, read),
                        w.record(75, read),
                        w.record(140, read),
                        w.record(
                                90,
                                Map.of(
                                        "eventSource",
                                        "signin.amazonaws.com",
                                        "eventName",
                                        "ConsoleLogin",
                                        "eventType",
                                        "AwsConsoleSignIn",
                                        "userIdentity",
                                        Map.of(
                                                "type",
                                                "Root",
                                                "arn",
                                                "arn:aws:iam::123456789012:root",
                                                "accountId",
                                                "123456789012")))));
        return w;
    }

    void metricAlarm(World w, String name, String namespace, String metric) {
        w.aws.cloudWatch.putMetricAlarm(b -> b.alarmName(name)
                .namespace(namespace)
                .metricName(metric)
                .statistic(Statistic.SUM)
                .period(300)
                .evaluationPeriods(3)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    }

    void setAlarm(World w, String name) {
        w.aws.cloudWatch.setAlarmState(b -> b.alarmName(name)
                .stateValue(StateValue.ALARM)
                .stateReason(
                        "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (" + World.DATAPOINT.format(w.datapoint)
                                + ")] was greater than or equal to the threshold (1.0)."));
    }

    /** The SNS message CloudWatch sends for a composite alarm (moto 5.2.1 answers PutCompositeAlarm with HTTP 500, so it exists only here). */
    Path compositeNotification(World w, String triggeringChild) throws Exception {
        String arn = "arn:aws:cloudwatch:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":alarm:";
        ObjectNode message = World.JSON
                .createObjectNode()
                .put("AlarmName", "TrailAlarms")
                .put("AWSAccountId", MotoServer.ACCOUNT)
                .put("NewStateValue", "ALARM")
                .put("OldStateValue", "OK")
                .put("NewStateReason", arn + triggeringChild + " transitioned to ALARM")
                .put("StateChangeTime", Instant.now().plusSeconds(1).toString())
                .put("Region", "US East (N. Virginia)")
                .put("AlarmArn", arn + "TrailAlarms")
                .put("AlarmRule", "ALARM(SecretsAlarm) OR ALARM(\"" + arn + "RootAlarm\")");
        message.putArray("TriggeringChildren")
                .addObject()
                .put("Arn", arn + triggeringChild)
                .putObject("State")
                .put("Value", "ALARM");
        Path file = dir.resolve("composite.json");
        Files.writeString(
                file,
                World.JSON.writeValueAsString(Map.of(
                        "Records",
                        List.of(Map.of(
                                "EventSource",
                                "aws:sns",
                                "Sns",
                                Map.of("Type", "Notification", "MessageId", "c-1", "Message", message.toString()))))));
        return file;
    }

    @Test
    void compositeAlarmWithTwoChildren_onlyTheChildInAlarmIsInvestigated() throws Exception {
        World w = world();
        metricAlarm(w, "SecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
        metricAlarm(w, "RootAlarm", "CloudTrailMetrics", "RootAccountUsageCount");
        setAlarm(w, "SecretsAlarm");

        w.invoke("--event", compositeNotification(w, "SecretsAlarm").toString());

        JsonNode doc = w.alerts().get(0).doc();
        assertThat(doc.at("/alarm/composite/rule").asText()).contains("ALARM(SecretsAlarm)");
        assertThat(doc.at("/alarm/composite/triggeringChildren/0").asText()).isEqualTo("SecretsAlarm");
        JsonNode children = doc.at("/alarm/composite/children");
        assertThat(children.findValuesAsText("name")).containsExactly("SecretsAlarm", "RootAlarm");
        assertThat(children.get(0).path("investigated").asBoolean()).isTrue();
        assertThat(children.get(0).path("detail").asText())
                .contains("CloudTrailLogMetrics/AttemptsToAccessDeletedSecrets");
        assertThat(children.get(1).path("investigated").asBoolean())
                .as("RootAlarm is not in ALARM")
                .isFalse();
        assertThat(doc.path("detection").asText()).isEqualTo("SECRET_MARKED_FOR_DELETION");
        assertThat(doc.at("/counts/matched").asLong())
                .as("the root sign-in feeds the child that did not fire")
                .isEqualTo(3);
        assertThat(doc.path("window").path("fromDatapoints").asBoolean())
                .as("the child's datapoints give the window")
                .isTrue();
    }

    @Test
    void compositeAlarmWithTwoChildren_aChildAlreadyInAlarmIsInvestigatedToo() throws Exception {
        World w = world();
        metricAlarm(w, "SecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
        metricAlarm(w, "RootAlarm", "CloudTrailMetrics", "RootAccountUsageCount");
        setAlarm(w, "RootAlarm"); // in ALARM before the composite's change, which SecretsAlarm triggered
        setAlarm(w, "SecretsAlarm");

        w.invoke("--event", compositeNotification(w, "SecretsAlarm").toString());

        JsonNode doc = w.alerts().get(0).doc();
        assertThat(doc.at("/alarm/composite/children").findValuesAsText("investigated"))
                .containsExactly("true", "true");
        assertThat(doc.path("detection").asText())
                .as("root usage outranks the secret")
                .isEqualTo("ROOT_USAGE");
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(4);
    }

    @Test
    void alarmActionPayloadIsInvestigatedLikeTheSnsMessage() throws Exception {
        World w = world();
        ObjectNode payload = World.JSON
                .createObjectNode()
                .put("source", "aws.cloudwatch")
                .put("alarmArn", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:SecretsAlarm")
                .put("accountId", MotoServer.ACCOUNT)
                .put("time", w.datapoint.plusSeconds(360).toString())
                .put("region", MotoServer.REGION);
        payload.set("alarmData", stateChangeDetail(w, "SecretsAlarm"));
        Path file = dir.resolve("action.json");
        Files.writeString(file, payload.toString());

        w.invoke("--event", file.toString());

        JsonNode doc = w.alerts().get(0).doc();
        assertThat(doc.at("/alarm/name").asText()).isEqualTo("SecretsAlarm");
        assertThat(doc.at("/alarm/region").asText()).isEqualTo("us-east-1");
        assertThat(doc.path("detection").asText()).isEqualTo("SECRET_MARKED_FOR_DELETION");
        assertThat(doc.at("/counts/matched").asLong()).isEqualTo(3);
        assertThat(doc.at("/window/fromDatapoints").asBoolean()).isTrue();
    }

    @Test
    void eventBridgeStateChangeDirectAndThroughSns() throws Exception {
        World w = world();
        ObjectNode event = World.JSON
                .createObjectNode()
                .put("version", "0")
                .put("id", "e-1")
                .put("detail-type", "CloudWatch Alarm State Change")
                .put("source", "aws.cloudwatch")
                .put("account", MotoServer.ACCOUNT)
                .put("time", w.datapoint.plusSeconds(360).toString())
                .put("region", MotoServer.REGION);
        event.putArray("resources").add("arn:aws:cloudwatch:us-east-1:123456789012:alarm:RootAlarm");
        event.set(
                "detail",
                stateChangeDetail(w, "RootAlarm")
                        .set("configuration", metricsConfiguration("CloudTrailMetrics", "RootAccountUsageCount")));
        Path direct = dir.resolve("eventbridge.json");
        Files.writeString(direct, event.toString());
        Path viaSns = dir.resolve("eventbridge-sns.json");
        Files.writeString(
                viaSns,
                World.JSON.writeValueAsString(Map.of(
                        "Records",
                        List.of(Map.of(
                                "EventSource",
                                "aws:sns",
                                "Sns",
                                Map.of("Type", "Notification", "MessageId", "s-1", "Message", event.toString()))))));

        for (Path file : List.of(direct, viaSns)) {
            w.invoke("--event", file.toString());
            JsonNode doc = w.alerts().get(0).doc();
            assertThat(doc.at("/alarm/name").asText()).isEqualTo("RootAlarm");
            assertThat(doc.path("detection").asText()).isEqualTo("ROOT_USAGE");
            assertThat(doc.at("/counts/matched").asLong()).isEqualTo(1);
        }
    }

    /** {@code alarmName}, {@code state}, {@code previousState} and the secret metric, as both camelCase payloads carry them. */
    ObjectNode stateChangeDetail(World w, String name) {
        ObjectNode detail = World.JSON.createObjectNode().put("alarmName", name);
        detail.putObject("state")
                .put("value", "ALARM")
                .put(
                        "reason",
                        "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (" + World.DATAPOINT.format(w.datapoint)
                                + ")] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).")
                .put("timestamp", w.datapoint.plusSeconds(360).toString().replace("Z", "+0000"));
        detail.putObject("previousState").put("value", "OK");
        detail.set("configuration", metricsConfiguration("CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets"));
        return detail;
    }

    static ObjectNode metricsConfiguration(String namespace, String metric) {
        ObjectNode configuration = World.JSON.createObjectNode();
        ObjectNode m =
                configuration.putArray("metrics").addObject().put("id", "m1").put("returnData", true);
        m.putObject("metricStat")
                .put("period", 300)
                .put("stat", "Sum")
                .putObject("metric")
                .put("namespace", namespace)
                .put("name", metric);
        return configuration;
    }
}
