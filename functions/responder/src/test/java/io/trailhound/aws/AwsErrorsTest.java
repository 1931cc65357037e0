package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    @Test
    void awsErrorCodeAndMessage() {
        AwsServiceException e = AwsServiceException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException")
                        .errorMessage("not allowed")
                        .build())
                .build();
        assertThat(AwsErrors.describe("kms:DescribeKey", e))
                .isEqualTo("kms:DescribeKey failed: AccessDeniedException (not allowed)");
    }

    @Test
    void withoutAnAwsErrorCodeTheStatusCodeIsShown() {
        // What the SDK makes of a 5xx whose body is not an AWS error (moto's LookupEvents, a proxy's error page).
        AwsServiceException e = AwsServiceException.builder()
                .statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().build())
                .build();
        assertThat(AwsErrors.describe("cloudtrail:LookupEvents", e))
                .isEqualTo("cloudtrail:LookupEvents failed: HTTP 500");
        AwsServiceException noDetails =
                AwsServiceException.builder().statusCode(503).build();
        assertThat(AwsErrors.describe("sns:Publish", noDetails)).isEqualTo("sns:Publish failed: HTTP 503");
    }

    @Test
    void clientSideFailureSaysWhatHappened() {
        assertThat(AwsErrors.describe(
                        "logs:FilterLogEvents",
                        SdkClientException.create("Unable to execute HTTP request: Read timed out")))
                .isEqualTo("logs:FilterLogEvents failed: Unable to execute HTTP request: Read timed out");
    }
}
