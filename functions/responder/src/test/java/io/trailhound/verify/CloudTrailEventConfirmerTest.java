package io.trailhound.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.detect.Detector;
import io.trailhound.detect.Finding;
import io.trailhound.evidence.TrailEvent;
import io.trailhound.json.Json;
import org.junit.jupiter.api.Test;

/** A log record against the event CloudTrail holds under its ID. */
class CloudTrailEventConfirmerTest {
    static final String GENUINE = """
            {"eventID":"e1","eventTime":"2026-11-23T10:15:42Z","eventSource":"secretsmanager.amazonaws.com","eventName":"GetSecretValue",
             "awsRegion":"us-east-1","errorMessage":"You can't perform this operation on the secret because it was marked for deletion.",
             "requestParameters":{"secretId":"prod/db"},
             "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/app/s",
               "sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::111122223333:role/app"}}}}""";

    static Finding logged(String json) throws Exception {
        return Detector.classify(new TrailEvent(Json.parse(json), "log group g, log stream s", null));
    }

    @Test
    void theSameEventIsConfirmed() throws Exception {
        Confirmation c = CloudTrailEventConfirmer.compare(logged(GENUINE), GENUINE);
        assertThat(c.isConfirmed()).isTrue();
        assertThat(c.confirmed().eventTime()).hasToString("2026-11-23T10:15:42Z");
    }

    @Test
    void aPlantedRecordWithAGenuineIdButAnotherCallerIsNotConfirmed() throws Exception {
        String planted = GENUINE.replace("arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:user/alice")
                .replace("\"prod/db\"", "\"prod/other\"");
        Confirmation c = CloudTrailEventConfirmer.compare(logged(planted), GENUINE);
        assertThat(c.status()).isEqualTo(Confirmation.Status.DIFFERENT);
        assertThat(c.detail())
                .contains("resource 'prod/other' vs 'prod/db'")
                .contains("caller 'arn:aws:iam::111122223333:user/alice'");
    }

    @Test
    void aLaterTimeIsADifference() throws Exception {
        Confirmation c = CloudTrailEventConfirmer.compare(logged(GENUINE.replace("10:15:42Z", "23:59:00Z")), GENUINE);
        assertThat(c.detail()).contains("eventTime '2026-11-23T23:59:00Z' vs '2026-11-23T10:15:42Z'");
    }
}
