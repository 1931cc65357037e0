package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: anyone with logs:PutLogEvents on the trail's log group (AWSLambdaBasicExecutionRole grants it on
 * "*") writes a fabricated CloudTrail record into a stream of their own, blaming user/alice at an invented
 * IP, and Trailhound restores a secret an administrator deliberately scheduled for deletion. CloudTrail's
 * event history (here a stand-in, moto has no LookupEvents) does not hold it, so nothing is done, and the
 * alert names the stream.
 */
class PlantedRecordStandInTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @Test
    void aPlantedRecordIsReportedWithItsStreamAndNeverActedOn() throws Exception {
        try (StandInWorld world = new StandInWorld(MOTO, dir)) {
            String arn = world.scheduledSecret("prod/retired-db");
            var planted = world.w.record(
                    30,
                    Map.of(
                            "eventSource",
                            "secretsmanager.amazonaws.com",
                            "eventName",
                            "GetSecretValue",
                            "errorCode",
                            "InvalidRequestException",
                            "errorMessage",
                            World.GONE,
                            "sourceIPAddress",
                            "192.0.2.44",
                            "requestParameters",
                            Map.of("secretId", "prod/retired-db"),
                            "userIdentity",
                            Map.of(
                                    "type",
                                    "IAMUser",
                                    "arn",
                                    "arn:aws:iam::" + MotoServer.ACCOUNT + ":user/alice",
                                    "accountId",
                                    MotoServer.ACCOUNT)));
            world.w.plant(StandInWorld.LOG_GROUP, "attacker-stream", List.of(planted));

            JsonNode alert = world.invoke(world.realAlarm());

            assertThat(world.scheduled(arn))
                    .as("the deliberate deletion stands")
                    .isTrue();
            assertThat(alert.at("/notification/status").asText()).isEqualTo("VERIFIED");
            assertThat(alert.at("/findings/0/origin").asText())
                    .isEqualTo("log group " + StandInWorld.LOG_GROUP + ", log stream attacker-stream");
            JsonNode decision = alert.at("/remediation/0");
            assertThat(decision.path("status").asText()).isEqualTo("SKIPPED");
            assertThat(decision.path("detail").asText())
                    .contains("no triggering event is confirmed")
                    .contains("found in log group " + StandInWorld.LOG_GROUP + ", log stream attacker-stream")
                    .contains("not confirmed yet: CloudTrail's event history in us-east-1 has no event "
                            + planted.get("eventID").asText())
                    .endsWith("not acted on");
        }
    }

    @Test
    void aPlantedCopyOfAGenuineEventIdWithAnotherCallerIsNotConfirmedEither() throws Exception {
        try (StandInWorld world = new StandInWorld(MOTO, dir)) {
            String arn = world.scheduledSecret("prod/retired-db");
            var genuine = world.w.record(
                    30,
                    Map.of(
                            "eventSource",
                            "secretsmanager.amazonaws.com",
                            "eventName",
                            "DescribeSecret",
                            "requestParameters",
                            Map.of("secretId", "prod/retired-db")));
            world.cloudTrail.happened(List.of(genuine));
            var planted = world.w.record(40, World.deletedSecretRead("prod/retired-db"));
            planted.put("eventID", genuine.get("eventID").asText());
            world.w.plant(StandInWorld.LOG_GROUP, "attacker-stream", List.of(planted));

            JsonNode alert = world.invoke(world.realAlarm());

            assertThat(world.scheduled(arn)).isTrue();
            assertThat(alert.at("/remediation/0/detail").asText())
                    .contains("differs from the log record")
                    .contains("eventName 'GetSecretValue' vs 'DescribeSecret'");
        }
    }
}
