package io.trailhound.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** One line that says what an AWS call's failure was, for an alert's "unknown: …". */
public final class AwsErrors {
    private AwsErrors() {}

    public static String describe(String operation, SdkException e) {
        if (e instanceof CannotAssume) { // no call was made: the account was not reached
            return e.getMessage();
        }
        if (e instanceof SdkServiceException s) {
            AwsErrorDetails details = s instanceof AwsServiceException a ? a.awsErrorDetails() : null;
            String code = details == null ? null : details.errorCode();
            String message = details == null ? null : details.errorMessage();
            // A 5xx from a proxy or load balancer has no AWS error code: the status code is what is known.
            String what = code != null ? code : "HTTP " + s.statusCode();
            return operation + " failed: " + what + (message == null ? "" : " (" + message + ")");
        }
        return operation + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    public static boolean isNotFound(SdkException e) {
        return e instanceof AwsServiceException s
                && s.awsErrorDetails() != null
                && ("ResourceNotFoundException".equals(s.awsErrorDetails().errorCode())
                        || "NotFoundException".equals(s.awsErrorDetails().errorCode()));
    }
}
