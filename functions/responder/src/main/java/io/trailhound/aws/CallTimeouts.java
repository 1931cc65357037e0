package io.trailhound.aws;

import io.trailhound.budget.Budget;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * Per-request timeouts derived from what a budget has left, so no single AWS call (with its retries) can
 * outlast the stage that makes it. Without a deadline the client's own limits apply.
 */
public final class CallTimeouts {
    /** Less than this left and a call is not started: it could not finish. */
    static final Duration MIN_CALL = Duration.ofMillis(150);
    /** One call, all its attempts included. */
    static final Duration MAX_CALL = Duration.ofSeconds(20);
    /** One attempt: a hung connection costs at most this, and the SDK may still retry. */
    static final Duration MAX_ATTEMPT = Duration.ofSeconds(8);

    private CallTimeouts() {}

    /** The override for a request made now; throws Budget.Exhausted when there is no time for it. */
    public static AwsRequestOverrideConfiguration within(Budget budget, String operation) {
        budget.require(MIN_CALL, operation);
        Duration call = min(budget.remaining(), MAX_CALL);
        return AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(call)
                .apiCallAttemptTimeout(min(call, MAX_ATTEMPT))
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
