package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: the same notification delivered again (Lambda retries, the failure queue redriven) after the
 * owner deleted the secret again restored it again. The deletion now scheduled was scheduled after the
 * triggering access (its DeleteSecret event, from the LookupEvents stand-in, is later), so the replay
 * is reported and not acted on.
 */
class ReplayAfterRedeletionStandInTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @Test
    void aReplayAfterTheOwnerDeletedTheSecretAgainDoesNothing() throws Exception {
        try (StandInWorld world = new StandInWorld(MOTO, dir)) {
            String arn = world.scheduledSecret("prod/db");
            world.w.happened(
                    world.cloudTrail,
                    StandInWorld.LOG_GROUP,
                    List.of(world.w.record(30, World.deletedSecretRead("prod/db"))));
            Path notification = world.realAlarm();

            JsonNode first = world.invoke(notification);
            assertThat(first.at("/remediation/0/status").asText()).isEqualTo("DONE");
            assertThat(world.scheduled(arn)).isFalse();

            // The owner means it: the secret is deleted again, after the access that triggered the alarm.
            world.w.aws.secrets.deleteSecret(b -> b.secretId("prod/db").recoveryWindowInDays(7L));
            world.cloudTrail.happened(List.of(world.w.deleteSecretCall(600, "prod/db", arn, MotoServer.REGION)));

            JsonNode replay = world.invoke(notification);

            assertThat(world.scheduled(arn)).as("no second action").isTrue();
            assertThat(replay.at("/remediation/0/status").asText()).isEqualTo("SKIPPED");
            assertThat(replay.at("/remediation/0/detail").asText())
                    .contains("scheduled again after the access")
                    .endsWith("not acted on");
        }
    }
}
