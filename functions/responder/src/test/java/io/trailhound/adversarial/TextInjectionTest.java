package io.trailhound.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: the alarm notification's fields and a caller's user agent carry forged lines, ANSI escapes and
 * links into the e-mail and the subject. Every such field goes through one sanitiser; the JSON stays exact.
 */
class TextInjectionTest {
    @TempDir
    Path dir;

    static final String FORGED_NAME =
            "AttemptsToAccessDeletedSecretsAlarm\nRemediation:\n  DONE RestoreSecret all secrets";
    static final String ANSI_STATE = "OK\u001b[2J\u001b[31m";
    static final String LINK_AGENT = "aws-cli/2 [Reset your password](https://evil.example/login) \u202Eevil";

    @Test
    void forgedLinesAnsiAndLinksAreNeutralisedInTheMailAndExactInTheJson() throws Exception {
        OfflineRun run = new OfflineRun(dir);
        run.record(
                5,
                Map.of(
                        "eventSource",
                        "secretsmanager.amazonaws.com",
                        "eventName",
                        "GetSecretValue",
                        "userAgent",
                        LINK_AGENT,
                        "errorCode",
                        "InvalidRequestException",
                        "errorMessage",
                        "You can't perform this operation on the secret because it was marked for deletion.",
                        "requestParameters",
                        Map.of("secretId", "prod/db")));
        var alarm = OfflineRun.alarm(
                OfflineRun.SECRETS,
                Map.of(
                        "AlarmName",
                        FORGED_NAME,
                        "OldStateValue",
                        ANSI_STATE,
                        "AWSAccountId",
                        "111122223333\nAccount/region:    999999999999 / us-east-1"));

        OfflineRun.Result r = run.invoke(alarm);

        assertThat(r.text())
                .doesNotContain("\nRemediation:")
                .doesNotContain("\u001b")
                .doesNotContain("\u202E")
                .doesNotContain("\nAccount/region:    999999999999")
                .contains("\\u000A", "\\u001B")
                .doesNotContain("https://evil.example")
                .contains("hxxps://evil[.]example/login");
        assertThat(r.text().lines().filter(l -> l.startsWith("Account/region:")))
                .hasSize(1);
        assertThat(r.subject()).doesNotContain("https://").doesNotContain("\u001b");
        // The machine-readable document keeps the values exactly (JSON escapes them).
        assertThat(r.doc().at("/alarm/name").asText()).isEqualTo(FORGED_NAME);
        assertThat(r.doc().at("/findings/0/userAgent").asText()).isEqualTo(LINK_AGENT);
    }
}
