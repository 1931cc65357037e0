package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: any principal allowed sns:Publish on the alarm topic sends a notification for an alarm that does
 * not exist (or a real alarm's name with a sender-chosen 24-hour window), and Trailhound restores a
 * secret. The notification is checked against moto's real CloudWatch (DescribeAlarms; moto has no
 * DescribeAlarmHistory, so the fallback answers): it still yields an alert, marked "unverified
 * notification", and nothing is done. The triggering event itself is genuine (in the LookupEvents stand-in),
 * so only the notification check stands in the way.
 */
class ForgedNotificationStandInTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @Test
    void aNotificationForAnAlarmThatDoesNotExistIsAnUnverifiedAlertAndNothingIsDone() throws Exception {
        try (StandInWorld world = new StandInWorld(MOTO, dir)) {
            String arn = world.scheduledSecret("prod/db");
            world.w.happened(
                    world.cloudTrail,
                    StandInWorld.LOG_GROUP,
                    List.of(world.w.record(30, World.deletedSecretRead("prod/db"))));
            Path forged = world.w.forgedAlarmEvent(
                    dir,
                    "ImportantLookingAlarm",
                    "CloudTrailLogMetrics",
                    "AttemptsToAccessDeletedSecrets",
                    world.w.breachReason());

            JsonNode alert = world.invoke(forged);

            assertThat(world.scheduled(arn)).isTrue();
            assertThat(alert.at("/notification/status").asText()).isEqualTo("UNVERIFIED");
            assertThat(alert.at("/notification/detail").asText())
                    .isEqualTo("CloudWatch has no alarm arn:aws:cloudwatch:us-east-1:" + MotoServer.ACCOUNT
                            + ":alarm:ImportantLookingAlarm");
            assertThat(alert.at("/findings/0/resource/id").asText())
                    .as("people still get the alert")
                    .isEqualTo("prod/db");
            assertThat(alert.at("/remediation/0/status").asText()).isEqualTo("SKIPPED");
            assertThat(alert.at("/remediation/0/detail").asText()).startsWith("unverified notification (");
            assertThat(world.cloudTrail.lookups())
                    .as("no confirmation is spent on it: only the schedule lookup")
                    .isEqualTo(1);
        }
    }

    @Test
    void aRealAlarmNameWithASenderChosenWindowIsUnverified() throws Exception {
        try (StandInWorld world = new StandInWorld(MOTO, dir)) {
            String arn = world.scheduledSecret("prod/db");
            world.w.happened(
                    world.cloudTrail,
                    StandInWorld.LOG_GROUP,
                    List.of(world.w.record(30, World.deletedSecretRead("prod/db"))));
            world.realAlarm(); // the alarm exists and is in ALARM, for its own reason
            String day = World.DATAPOINT.format(world.w.datapoint.minusSeconds(86_400));
            String wide = "Threshold Crossed: 2 out of the last 2 datapoints [1.0 (" + day + "), 3.0 ("
                    + World.DATAPOINT.format(world.w.datapoint)
                    + ")] was greater than or equal to the threshold (1.0).";
            var alarm = world.w
                    .aws
                    .cloudWatch
                    .describeAlarms(b -> b.alarmNames(StandInWorld.ALARM))
                    .metricAlarms()
                    .get(0);
            Path forged = dir.resolve("forged-window.json");
            java.nio.file.Files.writeString(
                    forged,
                    World.message(
                            StandInWorld.ALARM,
                            "CloudTrailLogMetrics",
                            "AttemptsToAccessDeletedSecrets",
                            wide,
                            alarm.stateUpdatedTimestamp()));

            JsonNode alert = world.invoke(forged);

            assertThat(world.scheduled(arn)).isTrue();
            assertThat(alert.at("/notification/status").asText()).isEqualTo("UNVERIFIED");
            assertThat(alert.at("/remediation/0/detail").asText()).startsWith("unverified notification (");
        }
    }
}
