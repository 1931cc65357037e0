package io.trailhound.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        Config c = Config.from(Map.of());
        assertThat(c.alertTopicArn()).isNull();
        assertThat(c.remediation()).isEqualTo(Config.RemediationMode.OFF);
        assertThat(c.remediationScope()).isEqualTo(Config.RemediationScope.TAGGED);
        assertThat(c.remediationTag()).isEqualTo("trailhound:auto-cancel");
        assertThat(c.remediationAllow()).isEmpty();
        assertThat(c.remediationDeny()).isEmpty();
        assertThat(c.remediationMaxActions()).isEqualTo(5);
        assertThat(c.reenableKeys()).isFalse();
        assertThat(c.lookbackSlack()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxEvents()).isEqualTo(100_000);
        assertThat(c.confirmWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.region()).isNull();
        assertThat(c.endpointOverride()).isNull();
        assertThat(c.staticCredentials()).isNull();
        assertThat(c.idempotencyTable()).isNull();
        assertThat(c.suppressionWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void everyVariableIsRead() {
        Config c = Config.from(Map.ofEntries(
                Map.entry("ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:alerts"),
                Map.entry("REMEDIATION", " Dry-Run "),
                Map.entry("REMEDIATION_SCOPE", "all"),
                Map.entry("REMEDIATION_TAG", " ops:cancel "),
                Map.entry("REMEDIATION_ALLOW", "arn:a*, ,arn:b*"),
                Map.entry("REMEDIATION_DENY", "arn:c*"),
                Map.entry("REMEDIATION_MAX_ACTIONS", " 2 "),
                Map.entry("REENABLE_KEYS", "TRUE"),
                Map.entry("LOOKBACK_SLACK", "PT3M"),
                Map.entry("MAX_EVENTS", "10"),
                Map.entry("CONFIRM_WAIT", "PT0S"),
                Map.entry("AWS_DEFAULT_REGION", "eu-west-1"),
                Map.entry("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
                Map.entry("IDEMPOTENCY_TABLE", "t"),
                Map.entry("SUPPRESSION_WINDOW", "PT1H")));
        assertThat(c.alertTopicArn()).isEqualTo("arn:aws:sns:us-east-1:111122223333:alerts");
        assertThat(c.remediation()).isEqualTo(Config.RemediationMode.DRY_RUN);
        assertThat(c.remediationScope()).isEqualTo(Config.RemediationScope.ALL);
        assertThat(c.remediationTag()).isEqualTo("ops:cancel");
        assertThat(c.remediationAllow()).containsExactly("arn:a*", "arn:b*");
        assertThat(c.remediationDeny()).containsExactly("arn:c*");
        assertThat(c.remediationMaxActions()).isEqualTo(2);
        assertThat(c.reenableKeys()).isTrue();
        assertThat(c.lookbackSlack()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.maxEvents()).isEqualTo(10);
        assertThat(c.confirmWait()).isZero();
        assertThat(c.region()).as("AWS_DEFAULT_REGION when AWS_REGION is unset").isEqualTo("eu-west-1");
        assertThat(c.endpointOverride()).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(c.idempotencyTable()).isEqualTo("t");
        assertThat(c.suppressionWindow()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void awsRegionWinsOverTheDefaultRegion() {
        assertThat(Config.from(Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "eu-west-1"))
                        .region())
                .isEqualTo("us-west-2");
        assertThat(Config.from(Map.of("AWS_REGION", " ", "AWS_DEFAULT_REGION", "eu-west-1"))
                        .region())
                .as("a blank AWS_REGION counts as unset")
                .isEqualTo("eu-west-1");
    }

    @Test
    void staticCredentialsNeedBothTheKeyAndTheSecret() {
        assertThat(Config.from(Map.of("AWS_ACCESS_KEY_ID", "k")).staticCredentials())
                .isNull();
        assertThat(Config.from(Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s"))
                        .staticCredentials())
                .isEqualTo(new Config.StaticCredentials("k", "s", null));
        assertThat(Config.from(Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s", "AWS_SESSION_TOKEN", "t"))
                        .staticCredentials()
                        .sessionToken())
                .isEqualTo("t");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiterString = "=>",
            value = {
                "REMEDIATION             => maybe   => remediation must be off, dry-run or on, not 'maybe'",
                "REMEDIATION_SCOPE       => some    => REMEDIATION_SCOPE must be tagged or all, not 'some'",
                "REMEDIATION_MAX_ACTIONS => 0       => REMEDIATION_MAX_ACTIONS must be a positive whole number, not '0'",
                "MAX_EVENTS              => lots    => MAX_EVENTS must be a positive whole number, not 'lots'",
                "LOOKBACK_SLACK          => 10m     => LOOKBACK_SLACK must be an ISO-8601 duration such as PT10M, not '10m'",
                "CONFIRM_WAIT            => -PT1S   => CONFIRM_WAIT must not be negative: -PT1S",
            })
    void aBadValueIsRefusedNamingTheVariableAndTheValue(String name, String value, String message) {
        assertThatThrownBy(() -> Config.from(Map.of(name, value)))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void withRemediationChangesTheModeOnly() {
        Config c = Config.from(Map.of("REMEDIATION_MAX_ACTIONS", "3", "AWS_REGION", "us-east-1"));
        Config on = c.withRemediation(Config.RemediationMode.ON);
        assertThat(on.remediation()).isEqualTo(Config.RemediationMode.ON);
        assertThat(on).usingRecursiveComparison().ignoringFields("remediation").isEqualTo(c);
    }

    @Test
    void awsIsConfiguredByCredentialsAProfileOrAnEndpoint() {
        assertThat(Config.awsConfigured(Map.of())).isFalse();
        assertThat(Config.awsConfigured(Map.of("AWS_REGION", "us-east-1")))
                .as("a Region alone")
                .isFalse();
        assertThat(Config.awsConfigured(Map.of("AWS_PROFILE", "dev"))).isTrue();
        assertThat(Config.awsConfigured(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")))
                .isTrue();
        assertThat(Config.awsConfigured(Map.of("AWS_ACCESS_KEY_ID", " ")))
                .as("blank")
                .isFalse();
    }
}
