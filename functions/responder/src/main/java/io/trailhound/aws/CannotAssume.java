package io.trailhound.aws;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A member account could not be reached: assuming its role failed. An SDK exception, so every stage that
 * already turns AWS failures into "unknown: …" lines does so for this one too, and the alert still goes out.
 */
public final class CannotAssume extends SdkClientException {
    private static final long serialVersionUID = 1L;

    public CannotAssume(String message, Throwable cause) {
        super(SdkClientException.builder().message(message).cause(cause));
    }
}
