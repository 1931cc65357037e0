package io.trailhound.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** One line that says what an AWS call's failure was, for an alert's "unknown: …". */
public final class AwsErrors {
    private AwsErrors() {
    }

    public static String describe(String operation, SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails().errorMessage();
            return operation + " failed: " + code + (message == null ? "" : " (" + message + ")");
        }
        return operation + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    public static boolean isNotFound(SdkException e) {
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && ("ResourceNotFoundException".equals(s.awsErrorDetails().errorCode())
                    || "NotFoundException".equals(s.awsErrorDetails().errorCode()));
    }
}
