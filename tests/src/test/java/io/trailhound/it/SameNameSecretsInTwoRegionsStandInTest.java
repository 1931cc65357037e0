package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Threat: two secrets named prod/db in two Regions (a multi-Region trail delivers both Regions' events to
 * one log group) were merged into one group and only one was restored. Two groups, both restored, each in
 * its own Region, each confirmed in its own Region's event history (LookupEvents stand-in).
 */
class SameNameSecretsInTwoRegionsStandInTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @Test
    void bothSecretsAreGroupedApartAndBothRestored() throws Exception {
        try (StandInWorld world = new StandInWorld(MOTO, dir);
                SecretsManagerClient west = SecretsManagerClient.builder()
                        .endpointOverride(URI.create(MOTO.endpoint()))
                        .region(Region.US_WEST_2)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                        .build()) {
            String east = world.scheduledSecret("prod/db");
            String westArn =
                    west.createSecret(b -> b.name("prod/db").secretString("v")).arn();
            west.deleteSecret(b -> b.secretId("prod/db").recoveryWindowInDays(7L));
            world.cloudTrail.happened(List.of(world.w.deleteSecretCall(-86_400, "prod/db", westArn, "us-west-2")));
            var eastRead = world.w.record(30, World.deletedSecretRead("prod/db"));
            var westRead = world.w.record(40, World.deletedSecretRead("prod/db"));
            westRead.put("awsRegion", "us-west-2");
            world.w.happened(world.cloudTrail, StandInWorld.LOG_GROUP, List.of(eastRead, westRead));

            JsonNode alert = world.invoke(world.realAlarm());

            List<String> regions = new ArrayList<>();
            alert.path("findings")
                    .forEach(f -> regions.add(f.at("/resource/region").asText()));
            assertThat(regions).containsExactlyInAnyOrder("us-east-1", "us-west-2");
            List<String> done = new ArrayList<>();
            alert.path("remediation")
                    .forEach(r -> done.add(
                            r.path("status").asText() + " " + r.path("resource").asText()));
            assertThat(done).containsExactlyInAnyOrder("DONE " + east, "DONE " + westArn);
            assertThat(world.scheduled(east)).isFalse();
            assertThat(west.describeSecret(b -> b.secretId(westArn)).deletedDate())
                    .isNull();
        }
    }
}
