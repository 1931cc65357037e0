package io.trailhound.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class AlarmParserTest {
    public static final String ALARM = """
            {"AlarmName":"AttemptsToAccessDeletedSecretsAlarm","AWSAccountId":"111122223333",
             "NewStateValue":"ALARM","OldStateValue":"OK",
             "NewStateReason":"Threshold Crossed: 2 out of the last 2 datapoints [1.0 (23/11/26 10:20:00), 3.0 (23/11/26 10:15:00)] was greater than or equal to the threshold (1.0).",
             "StateChangeTime":"2026-11-23T10:26:08.412+0000","Region":"US East (N. Virginia)",
             "AlarmArn":"arn:aws:cloudwatch:eu-west-1:111122223333:alarm:AttemptsToAccessDeletedSecretsAlarm",
             "Trigger":{"MetricName":"AttemptsToAccessDeletedSecrets","Namespace":"CloudTrailLogMetrics","Statistic":"SUM",
                        "Period":300,"EvaluationPeriods":2,"DatapointsToAlarm":2,"Threshold":1.0}}""";

    @Test
    void parsesTheAlarmFields() {
        AlarmNotification a = AlarmParser.parse(ALARM);
        assertThat(a.alarmName()).isEqualTo("AttemptsToAccessDeletedSecretsAlarm");
        assertThat(a.accountId()).isEqualTo("111122223333");
        assertThat(a.region())
                .as("region code from the ARN, not the display name")
                .isEqualTo("eu-west-1");
        assertThat(a.isAlarm()).isTrue();
        assertThat(a.oldState()).isEqualTo("OK");
        assertThat(a.stateChangeTime()).isEqualTo(Instant.parse("2026-11-23T10:26:08.412Z"));
        assertThat(a.metrics())
                .containsExactly(
                        new AlarmNotification.MetricRef("CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets", 300));
        assertThat(a.evaluationPeriods()).isEqualTo(2);
    }

    @Test
    void metricMathAlarmYieldsEveryMetricStat() {
        String math = """
                {"AlarmName":"math","NewStateValue":"ALARM","AlarmArn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:math",
                 "StateChangeTime":"2026-11-23T10:26:08.412+0000",
                 "Trigger":{"Period":60,"EvaluationPeriods":1,"Metrics":[
                   {"Id":"m1","MetricStat":{"Metric":{"Namespace":"CloudTrailLogMetrics","MetricName":"AttemptsToAccessDeletedSecrets"},"Period":300,"Stat":"Sum"},"ReturnData":false},
                   {"Id":"m2","MetricStat":{"Metric":{"Namespace":"CloudTrailMetrics","MetricName":"RootAccountUsageCount"},"Period":300,"Stat":"Sum"},"ReturnData":false},
                   {"Id":"e1","Expression":"m1+m2","ReturnData":true}]}}""";
        assertThat(AlarmParser.parse(math).metrics())
                .extracting(AlarmNotification.MetricRef::metricName)
                .containsExactly("AttemptsToAccessDeletedSecrets", "RootAccountUsageCount");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiterString = "=>",
            value = {
                "''                                 => the SNS message is empty",
                "hello there                        => is not JSON",
                "'{\"AlarmName\":\"x\",'            => truncated or malformed JSON",
                "[1,2]                              => not an object",
                "'{\"Type\":\"Notification\"}'      => not a CloudWatch alarm notification",
            })
    void rejectsWhatIsNotAnAlarmWithASpecificMessage(String message, String expected) {
        assertThatThrownBy(() -> AlarmParser.parse(message))
                .isInstanceOf(AlarmParseException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void okTransitionIsNotAnAlarm() {
        assertThat(AlarmParser.parse(ALARM.replace("\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":\"OK\""))
                        .isAlarm())
                .isFalse();
    }
}
