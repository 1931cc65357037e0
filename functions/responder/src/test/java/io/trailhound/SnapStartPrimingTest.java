package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    static final String LOOKUP_EVENTS = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";

    @Test
    void primingSendsEveryOperationOfTheLambdaPathThroughTheSdkOverCannedResponses() {
        SnapStartPriming.Primed primed = SnapStartPriming.prime(Map.of("AWS_REGION", "eu-west-1"));

        assertThat(primed.operations())
                .containsExactlyInAnyOrder(
                        "Logs_20140328.DescribeMetricFilters",
                        "Logs_20140328.FilterLogEvents",
                        "secretsmanager.DescribeSecret",
                        "TrentService.DescribeKey",
                        "TrentService.ListAliases",
                        "TrentService.ListResourceTags",
                        LOOKUP_EVENTS,
                        "GraniteServiceVersion20100801.DescribeAlarms",
                        "Action=Publish",
                        "Action=GetCallerIdentity",
                        "AWSOrganizationsV20161128.DescribeAccount",
                        "DynamoDB_20120810.GetItem",
                        "DynamoDB_20120810.PutItem",
                        "DynamoDB_20120810.UpdateItem");
        assertThat(primed.alerts()).hasSize(3);
        assertThat(primed.alerts().get(0))
                .contains("Secret scheduled for deletion was accessed")
                .contains("prod/payments/db-password")
                .contains("Scheduled by:    arn:aws:iam::111122223333:user/alice");
        assertThat(primed.alerts().get(1))
                .contains("KMS key pending deletion")
                .contains("alias/priming")
                .as("the error path is primed too")
                .contains("kms:ListResourceTags failed: AccessDeniedException (priming: not allowed)");
        assertThat(primed.alerts().get(2)).contains("Root").contains("198.51.100.23");
        assertThat(primed.alerts().get(0))
                .as("the account's name from the canned DescribeAccount")
                .contains("(priming)");
        assertThat(primed.alerts())
                .as("CloudWatch's canned CBOR answer was read (no alarm by that ARN), not an error")
                .allSatisfy(alert -> assertThat(alert).contains("CloudWatch has no alarm arn:aws:cloudwatch:"));
        assertThat(primed.eventRead())
                .as("the sample SNS event is read as an alarm")
                .isTrue();
        assertThat(primed.summary())
                .contains("3 sample alarms")
                .contains("14 SDK operations")
                .contains("the handler's event reading")
                .contains(" ms");
    }

    @Test
    void theOptionalOutputsTheFunctionConfiguresArePrimedToo() {
        SnapStartPriming.Primed primed = SnapStartPriming.prime(Map.of(
                "AWS_REGION",
                "eu-west-1",
                "SECURITY_HUB",
                "on",
                "EVENT_BUS_NAME",
                "security-alerts",
                "CHAT_TOPIC_ARN",
                "arn:aws:sns:us-west-2:111122223333:chat"));

        assertThat(primed.operations()).contains("POST /findings/import", "AWSEvents.PutEvents", "Action=Publish");
        assertThat(primed.alerts())
                .as("each output's canned answer was read as a success, so no alert notes a failed output")
                .hasSize(3)
                .allSatisfy(alert -> assertThat(alert).doesNotContain("not delivered"));
        assertThat(SnapStartPriming.prime(Map.of("AWS_REGION", "eu-west-1")).operations())
                .as("not configured, not primed")
                .doesNotContain("POST /findings/import", "AWSEvents.PutEvents");
    }

    @Test
    void withoutCracHooksASnapStartInitPrimesAtOnceAndSaysSo() {
        assertThat(SnapStartPriming.cracReachable())
                .as("no CRaC implementation in the test JVM")
                .isFalse();
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SnapStartPriming.register(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .as("on demand there is no snapshot to prime")
                    .isEmpty();
            SnapStartPriming.register(
                    Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start", "AWS_REGION", "us-east-1"));
        } finally {
            System.setOut(out);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .startsWith("SnapStart priming: no CRaC runtime hooks")
                .contains("priming during init: 3 sample alarms through the Lambda path");
    }
}
