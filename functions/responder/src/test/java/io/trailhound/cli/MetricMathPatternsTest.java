package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metric-math alarm over a filter metric (the secret one) and another metric (AWS/EC2/NetworkOut),
 * offline over the demo's CloudTrail files: every metric gets its own pattern, and a --filter-pattern never
 * replaces the catalog's pattern of the other metric.
 */
class MetricMathPatternsTest {
    static final Path TRAIL = Path.of("../../events/cloudtrail");
    static final String MATH = """
            {"AlarmName":"SecretsAndTraffic","AWSAccountId":"111122223333","NewStateValue":"ALARM","OldStateValue":"OK",
             "NewStateReason":"Threshold Crossed: 1 out of the last 1 datapoints [4.0 (23/11/26 10:15:00)] was greater than or equal to the threshold (1.0).",
             "StateChangeTime":"2026-11-23T10:21:08.412+0000","AlarmArn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:SecretsAndTraffic",
             "Trigger":{"Period":300,"EvaluationPeriods":1,"Metrics":[
               {"Id":"m1","MetricStat":{"Metric":{"Namespace":"CloudTrailLogMetrics","MetricName":"AttemptsToAccessDeletedSecrets"},"Period":300,"Stat":"Sum"},"ReturnData":false},
               {"Id":"m2","MetricStat":{"Metric":{"Namespace":"AWS/EC2","MetricName":"NetworkOut"},"Period":300,"Stat":"Sum"},"ReturnData":false},
               {"Id":"e1","Expression":"m1+m2","ReturnData":true}]}}""";
    static final String CONSOLE_LOGIN = "{ $.eventName = \"ConsoleLogin\" }";

    @TempDir
    Path dir;

    record Run(int status, JsonNode alert, String err) {}

    Run invoke(String... patternArgs) throws Exception {
        Path event = dir.resolve("math.json");
        Files.writeString(event, MATH);
        List<String> argv = new ArrayList<>(
                List.of("--event", event.toString(), "--cloudtrail", TRAIL.toString(), "--format", "json"));
        for (String p : patternArgs) {
            argv.add("--filter-pattern");
            argv.add(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InvokeCommand.run(
                argv,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, Json.parse(out.toString(StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
    }

    static long count(JsonNode alert, String eventName) {
        long n = 0;
        for (JsonNode f : alert.path("findings")) {
            if (f.path("eventName").asText().equals(eventName)) {
                n += f.path("count").asLong();
            }
        }
        return n;
    }

    @Test
    void withoutAPatternTheKnownMetricIsStillSearchedAndTheOtherNamed() throws Exception {
        Run r = invoke();
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "no metric filter is known offline for AWS/EC2/NetworkOut; pass --filter-pattern 'AWS/EC2/NetworkOut=<pattern>'");
        assertThat(count(r.alert(), "GetSecretValue")).isEqualTo(4);
        assertThat(r.alert().path("notes").toString()).contains("AWS/EC2/NetworkOut");
    }

    @Test
    void aBarePatternAppliesOnlyToTheMetricWithoutAKnownFilter() throws Exception {
        Run r = invoke(CONSOLE_LOGIN);
        assertThat(r.status()).isZero();
        assertThat(count(r.alert(), "GetSecretValue"))
                .as("the catalog's secret pattern is kept")
                .isEqualTo(4);
        assertThat(count(r.alert(), "ConsoleLogin")).isEqualTo(1);
    }

    @Test
    void metricEqualsPatternNamesTheMetric() throws Exception {
        Run named = invoke("AWS/EC2/NetworkOut=" + CONSOLE_LOGIN);
        assertThat(count(named.alert(), "GetSecretValue")).isEqualTo(4);
        assertThat(count(named.alert(), "ConsoleLogin")).isEqualTo(1);
        Run override = invoke("AttemptsToAccessDeletedSecrets=" + CONSOLE_LOGIN, "NetworkOut=" + CONSOLE_LOGIN);
        assertThat(count(override.alert(), "GetSecretValue"))
                .as("a named metric's pattern replaces the catalog's")
                .isZero();
        assertThat(count(override.alert(), "ConsoleLogin"))
                .as("one event, counted once though both filters match it")
                .isEqualTo(1);
    }
}
