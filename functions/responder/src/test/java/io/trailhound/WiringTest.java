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
        Config config = Config.from(AWS);
        AwsClients aws = new AwsClients(config);
        Wiring.lambda(config, aws);
        assertThat(aws.built())
                .containsExactlyInAnyOrder(
                        "logs@us-east-1",
                        "secretsmanager@us-east-1",
                        "kms@us-east-1",
                        "cloudtrail@us-east-1",
                        "cloudwatch@us-east-1",
                        "organizations@us-east-1",
                        "sns@eu-west-1");
    }

    @Test
    void anOnDemandStartBuildsOnlyTheClientsEveryAlarmNeedsTheOthersWhenFirstAsked() {
        Config config = Config.from(AWS);
        AwsClients aws = new AwsClients(config);
        Wiring.InitClients clients = Wiring.InitClients.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
        Wiring.lambda(config, aws, clients);
        assertThat(aws.built()).containsExactlyInAnyOrder("logs@us-east-1", "cloudwatch@us-east-1", "sns@eu-west-1");
        assertThat(Wiring.InitClients.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")))
                .isEqualTo(Wiring.InitClients.ALL);
        assertThat(Wiring.InitClients.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")))
                .isEqualTo(Wiring.InitClients.ALL);
        assertThat(Wiring.InitClients.of(Map.of())).isEqualTo(Wiring.InitClients.ALL);
    }

    static final Map<String, String> AWS = Map.of(
            "AWS_REGION",
            "us-east-1",
            "AWS_ACCESS_KEY_ID",
            "testing",
            "AWS_SECRET_ACCESS_KEY",
            "testing",
            "AWS_ENDPOINT_URL",
            "http://127.0.0.1:1",
            "ALERT_TOPIC_ARN",
            "arn:aws:sns:eu-west-1:111122223333:alerts");

    static Config with(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(AWS);
        env.putAll(more);
        return Config.from(env);
    }

    @Test
    void eachOptionalOutputIsWiredOnlyWhenConfiguredSecurityHubThenEventBridgeThenChat() {
        Config none = with(Map.of());
        assertThat(Wiring.lambda(none, new AwsClients(none)).outputs().list()).isEmpty();
        Config all = with(Map.of(
                "SECURITY_HUB", "on",
                "EVENT_BUS_NAME", "default",
                "CHAT_TOPIC_ARN", "arn:aws:sns:eu-west-1:111122223333:chat"));
        AwsClients aws = new AwsClients(all);
        assertThat(Wiring.lambda(all, aws).outputs().list())
                .extracting(io.trailhound.publish.Output::name)
                .containsExactly("Security Hub", "EventBridge", "chat topic");
        assertThat(aws.built()).contains("securityhub@us-east-1", "events@us-east-1", "sns@eu-west-1");
    }

    @Test
    void aBadOutputSettingIsAClearErrorAndAnOutputWithoutAwsSaysHowToSeeItsDocument() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> with(Map.of("SECURITY_HUB", "yes")))
                .hasMessage("SECURITY_HUB must be on or off, not 'yes'");
        Config chat = with(Map.of("CHAT_TOPIC_ARN", "chat"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Wiring.lambda(chat, new AwsClients(chat)))
                .hasMessage("CHAT_TOPIC_ARN 'chat' is not an SNS topic ARN");
        Config offline = Config.from(Map.of("EVENT_BUS_NAME", "default"));
        var files = io.trailhound.evidence.CloudTrailFiles.at(java.nio.file.Path.of("../../events/cloudtrail"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Wiring.cli(offline, false, files, java.util.List.of(), System.out, "text"))
                .hasMessage("EVENT_BUS_NAME is set but no AWS credentials are configured to send to it; unset it,"
                        + " or see what it would get with --format chat|security-hub|eventbridge");
    }
}
