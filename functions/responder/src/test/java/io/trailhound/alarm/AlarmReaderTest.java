package io.trailhound.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes the corpus does not have: SQS events, EventBridge events through SNS, our own messages. */
class AlarmReaderTest {
    static final String EVENTBRIDGE = """
            {"version":"0","id":"e-1","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","account":"111122223333",
             "time":"2026-11-23T10:21:08Z","region":"eu-west-1","resources":["arn:aws:cloudwatch:eu-west-1:111122223333:alarm:A"],
             "detail":{"alarmName":"A","state":{"value":"ALARM","reason":"Threshold Crossed: 1 out of the last 1 datapoints [1.0 (23/11/26 10:15:00)] was greater",
               "timestamp":"2026-11-23T10:21:08.412+0000"},"previousState":{"value":"OK"},
               "configuration":{"metrics":[{"id":"m1","metricStat":{"metric":{"namespace":"CloudTrailLogMetrics","name":"AttemptsToAccessDeletedSecrets"},
                 "period":300,"stat":"Sum"},"returnData":true}]}}}""";

    static String quoted(String json) {
        return io.trailhound.json.Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(json));
    }

    @Test
    void eventBridgeEventDeliveredThroughSnsIsTheSameAlarm() {
        String viaSns = "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"MessageId\":\"s-1\",\"Message\":"
                + quoted(EVENTBRIDGE) + "}}]}";
        for (List<Delivery> read : List.of(AlarmReader.read(EVENTBRIDGE), AlarmReader.read(viaSns))) {
            AlarmNotification a = ((Delivery.Alarm) read.get(0)).alarm();
            assertThat(a.alarmName()).isEqualTo("A");
            assertThat(a.region()).isEqualTo("eu-west-1");
            assertThat(a.accountId()).isEqualTo("111122223333");
            assertThat(a.oldState()).isEqualTo("OK");
            assertThat(a.periodSeconds()).isEqualTo(300);
            assertThat(a.metrics())
                    .extracting(AlarmNotification.MetricRef::display)
                    .containsExactly("CloudTrailLogMetrics/AttemptsToAccessDeletedSecrets");
        }
    }

    @Test
    void everyShapeHasAnIdForExactlyOnce() throws Exception {
        String action = java.nio.file.Files.readString(
                java.nio.file.Path.of(
                        "src/test/resources/alarm-payloads/lambda-action_metric-alarm_set-alarm-state-reason-test_aws-lambda-java-libs.json"));
        assertThat(AlarmReader.read(action).get(0).id())
                .isEqualTo(
                        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:lambda-demo-metric-alarm@2023-08-04T12:36:15.490+0000");
        assertThat(AlarmReader.read(EVENTBRIDGE).get(0).id()).isEqualTo("e-1");
    }

    @Test
    void sqsEventWithRawAndEnvelopedSnsBodies() {
        String envelope =
                "{\"Type\":\"Notification\",\"MessageId\":\"n-1\",\"Message\":" + quoted(AlarmParserTest.ALARM) + "}";
        String sqs = "{\"Records\":[{\"eventSource\":\"aws:sqs\",\"messageId\":\"q-1\",\"body\":" + quoted(envelope)
                + "}," + "{\"eventSource\":\"aws:sqs\",\"messageId\":\"q-2\",\"body\":" + quoted(AlarmParserTest.ALARM)
                + "}]}";
        List<Delivery> read = AlarmReader.read(sqs);
        assertThat(read)
                .hasSize(2)
                .allSatisfy(d -> assertThat(((Delivery.Alarm) d).alarm().alarmName())
                        .isEqualTo("AttemptsToAccessDeletedSecretsAlarm"));
        assertThat(read).extracting(Delivery::id).containsExactly("n-1", "q-2");
    }

    @Test
    void ownAlertIsRecognisedInEveryEnvelope() {
        String own = "{\"source\":\"trailhound\",\"version\":1}";
        assertThat(AlarmReader.read("{\"Type\":\"Notification\",\"MessageId\":\"n\",\"Message\":" + quoted(own) + "}"))
                .singleElement()
                .isInstanceOf(Delivery.Own.class);
        assertThat(AlarmReader.read(own)).singleElement().isInstanceOf(Delivery.Own.class);
    }

    @Test
    void regionFromTheDisplayNameWhenThereIsNoArn() {
        assertThat(AlarmParser.region(null, "US West - Oregon")).isEqualTo("us-west-2");
        assertThat(AlarmParser.region(null, "EU (Ireland)")).isEqualTo("eu-west-1");
        assertThat(AlarmParser.region("arn:aws:cloudwatch:eu-central-1:111122223333:alarm:a", "EU (Ireland)"))
                .as("the ARN's code wins")
                .isEqualTo("eu-central-1");
        assertThat(AlarmParser.region(null, "EXAMPLE")).isNull();
    }

    @Test
    void compositeRuleNamesEveryChildByNameOrArn() {
        var c = CompositeRule.of(
                "ALARM(a) OR (OK(\"b\") AND NOT INSUFFICIENT_DATA(arn:aws:cloudwatch:us-east-1:111122223333:alarm:c))",
                com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        assertThat(c.children()).containsExactly("a", "b", "c");
        assertThat(c.triggeringChildren()).isEmpty();
    }
}
