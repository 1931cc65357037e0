package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.AwsClients;
import io.trailhound.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringTest {

    @Test
    void lambdaBuildsEveryClientDuringInitSoTheSnapshotHoldsThem() {
        // building a client makes no call: the endpoint is never reached
        Config config = Config.from(Map.of(
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_ENDPOINT_URL",
                "http://127.0.0.1:1",
                "ALERT_TOPIC_ARN",
                "arn:aws:sns:eu-west-1:111122223333:alerts"));
        AwsClients aws = new AwsClients(config);
        Wiring.lambda(config, aws);
        assertThat(aws.built())
                .containsExactlyInAnyOrder(
                        "logs@us-east-1",
                        "secretsmanager@us-east-1",
                        "kms@us-east-1",
                        "cloudtrail@us-east-1",
                        "cloudwatch@us-east-1",
                        "sns@eu-west-1");
    }
}
