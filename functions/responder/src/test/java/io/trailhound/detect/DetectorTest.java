package io.trailhound.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.evidence.TrailEvent;
import org.junit.jupiter.api.Test;

class DetectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TrailEvent event(String json) throws Exception {
        return new TrailEvent(JSON.readTree(json), "test", null);
    }

    @Test
    void secretFindingNamesTheSecretCallerAndIp() throws Exception {
        Finding f = Detector.classify(event("""
                {"eventSource":"secretsmanager.amazonaws.com","eventName":"GetSecretValue","awsRegion":"us-east-1",
                 "eventTime":"2026-11-23T10:15:42Z","eventID":"e1","sourceIPAddress":"203.0.113.10","userAgent":"ua",
                 "errorCode":"InvalidRequestException",
                 "errorMessage":"You can’t perform this operation on the secret because it was marked for deletion.",
                 "requestParameters":{"secretId":"prod/db"},
                 "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/app/s-1",
                   "accountId":"111122223333","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::111122223333:role/team/app"}}}}"""));
        assertThat(f.detection()).isEqualTo(Detection.SECRET_MARKED_FOR_DELETION);
        assertThat(f.resource()).isEqualTo(new ResourceRef(ResourceType.SECRET, "prod/db", "us-east-1"));
        assertThat(f.caller().principal()).isEqualTo("arn:aws:iam::111122223333:role/team/app");
        assertThat(f.caller().sessionName()).isEqualTo("s-1");
        assertThat(f.sourceIp()).isEqualTo("203.0.113.10");
    }

    @Test
    void kmsKeyComesFromTheErrorMessageEvenWithoutResources() throws Exception {
        Finding f = Detector.classify(event("""
                {"eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"eu-west-1",
                 "errorMessage":"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is pending deletion.",
                 "userIdentity":{"type":"AWSService","invokedBy":"s3.amazonaws.com"}}"""));
        assertThat(f.detection()).isEqualTo(Detection.KMS_KEY_PENDING_DELETION);
        assertThat(f.resource().id())
                .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(f.caller().principal()).isEqualTo("s3.amazonaws.com");
    }

    @Test
    void kmsKeyFallsBackToRequestKeyIdAlias() throws Exception {
        Finding f = Detector.classify(event("""
                {"eventSource":"kms.amazonaws.com","eventName":"Encrypt","errorMessage":"Key is pending deletion.",
                 "requestParameters":{"keyId":"alias/app"},"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u"}}"""));
        assertThat(f.resource().id()).isEqualTo("alias/app");
        assertThat(f.caller().display()).isEqualTo("arn:aws:iam::111122223333:user/u");
    }

    @Test
    void rootUsageTellsConsoleMfaAndLongTermKeys() throws Exception {
        Finding console = Detector.classify(event("""
                {"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn",
                 "additionalEventData":{"MFAUsed":"No"},"userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root"}}"""));
        assertThat(console.detection()).isEqualTo(Detection.ROOT_USAGE);
        assertThat(console.root()).isEqualTo(new Finding.RootDetails(true, "No", false));
        Finding api = Detector.classify(event("""
                {"eventSource":"iam.amazonaws.com","eventName":"CreateUser","eventType":"AwsApiCall",
                 "userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root","accessKeyId":"AKIAEXAMPLE"}}"""));
        assertThat(api.root().longTermAccessKey()).isTrue();
        assertThat(api.root().consoleSignIn()).isFalse();
    }

    @Test
    void anythingElseIsGenericWithItsResources() throws Exception {
        Finding f = Detector.classify(event("""
                {"eventSource":"ec2.amazonaws.com","eventName":"RunInstances",
                 "resources":[{"ARN":"arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"},{"type":"x"}]}"""));
        assertThat(f.detection()).isEqualTo(Detection.GENERIC);
        assertThat(f.caller().kind()).isEqualTo("Unknown");
        assertThat(f.resources()).containsExactly("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc");
    }

    static final String OWN_AGENT = "aws-sdk-java/2.40.2 md/io#sync trailhound/0.1.0";
    static final String ROLE_SESSION =
            "arn:aws:sts::111122223333:assumed-role/trailhound-responder/trailhound-responder";

    static TrailEvent call(String userAgent, String arn) throws Exception {
        return event("{\"userAgent\":\"" + userAgent + "\",\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"" + arn
                + "\"}}");
    }

    @Test
    void ownCallsNeedTrailhoundsIdentityAndItsUserAgent() throws Exception {
        OwnIdentity own = new OwnIdentity(() -> ROLE_SESSION);
        assertThat(own.isOwn(call(OWN_AGENT, ROLE_SESSION))).isTrue();
        // another container of the same function: another session of the same role
        assertThat(own.isOwn(call(OWN_AGENT, "arn:aws:sts::111122223333:assumed-role/trailhound-responder/other")))
                .isTrue();
        assertThat(own.isOwn(call(OWN_AGENT, "arn:aws:sts::111122223333:assumed-role/attacker/trailhound-responder")))
                .isFalse();
        assertThat(own.isOwn(call(OWN_AGENT, "arn:aws:iam::111122223333:user/alice")))
                .isFalse();
        assertThat(own.isOwn(call("aws-cli/2.17.0", ROLE_SESSION)))
                .as("its identity without its user agent")
                .isFalse();
        assertThat(own.isOwn(event("{}"))).isFalse();
    }

    @Test
    void withoutAKnownIdentityNothingIsOwnAndTheReasonIsKept() throws Exception {
        assertThat(OwnIdentity.NONE.isOwn(call(OWN_AGENT, ROLE_SESSION))).isFalse();
        OwnIdentity failing = new OwnIdentity(() -> {
            throw new IllegalStateException("no credentials");
        });
        assertThat(failing.isOwn(call(OWN_AGENT, ROLE_SESSION))).isFalse();
        assertThat(failing.problem()).contains("sts:GetCallerIdentity failed: no credentials");
    }

    @Test
    void aUserIdentityIsComparedByItsExactArn() {
        assertThat(OwnIdentity.sameIdentity("arn:aws:iam::111122223333:user/ops", "arn:aws:iam::111122223333:user/ops"))
                .isTrue();
        assertThat(OwnIdentity.sameIdentity(
                        "arn:aws:iam::111122223333:user/ops", "arn:aws:iam::111122223333:user/ops2"))
                .isFalse();
    }

    @Test
    void everyKeptStringIsCappedBeforeGrouping() throws Exception {
        String huge = "x".repeat(60 * 1024);
        Finding f = Detector.classify(
                event("{\"eventSource\":\"secretsmanager.amazonaws.com\",\"eventName\":\"GetSecretValue\","
                        + "\"errorMessage\":\"marked for deletion\",\"userAgent\":\"" + huge
                        + "\",\"requestParameters\":{\"secretId\":\"" + huge + "\"}}"));
        assertThat(f.resource().id())
                .hasSize(FieldCap.ID
                        + "…(+".length()
                        + String.valueOf(huge.length() - FieldCap.ID).length()
                        + " chars)".length());
        assertThat(FieldCap.isCapped(f.resource().id())).isTrue();
        assertThat(f.userAgent().length()).isLessThan(FieldCap.TEXT + 32);
        assertThat(f.origin()).isEqualTo("test");
    }

    @Test
    void readCallsAreNotWrites() throws Exception {
        assertThat(Detector.classify(event("{\"eventName\":\"ListUsers\"}")).writeApi())
                .isFalse();
        assertThat(Detector.classify(event("{\"eventName\":\"GetSecretValue\"}"))
                        .writeApi())
                .isFalse();
        assertThat(Detector.classify(event("{\"eventName\":\"CreateAccessKey\"}"))
                        .writeApi())
                .isTrue();
        assertThat(Detector.classify(event("{\"eventName\":\"Listener\"}")).writeApi())
                .isTrue();
    }

    @Test
    void roleArnIsDerivedFromSessionArnWithoutSessionContext() {
        assertThat(Caller.roleFromSessionArn("arn:aws:sts::111122223333:assumed-role/Admin/jane"))
                .isEqualTo("arn:aws:iam::111122223333:role/Admin");
    }
}
