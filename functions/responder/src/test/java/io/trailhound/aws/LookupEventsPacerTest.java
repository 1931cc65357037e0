package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The pacer on a fake clock: its waits are recorded and advance the clock, nothing sleeps. */
class LookupEventsPacerTest {
    long now = 1_000_000_000L;
    final List<Duration> waits = new ArrayList<>();
    final LookupEventsPacer pacer = new LookupEventsPacer(() -> now, d -> {
        waits.add(d);
        now += d.toNanos();
    });

    static AwsServiceException throttled() {
        return AwsServiceException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ThrottlingException")
                        .errorMessage("Rate exceeded")
                        .build())
                .build();
    }

    @Test
    void twoRequestsPerSecondPerRegion() {
        for (int i = 0; i < 4; i++) {
            pacer.call("us-east-1", () -> "ok");
        }
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void regionsArePacedApart() {
        pacer.call("us-east-1", () -> "ok");
        pacer.call("eu-west-1", () -> "ok");
        assertThat(waits).isEmpty();
    }

    @Test
    void throttlingBacksOffThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String answer = pacer.call("us-east-1", () -> {
            if (calls.incrementAndGet() < 3) {
                throw throttled();
            }
            return "ok";
        });
        assertThat(answer).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofMillis(1_500), Duration.ofMillis(2_500));
    }

    @Test
    void persistentThrottlingIsReportedAndOtherErrorsAreNotRetried() {
        assertThatThrownBy(() -> pacer.call("us-east-1", () -> {
                    throw throttled();
                }))
                .isInstanceOf(AwsServiceException.class);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> pacer.call("eu-west-1", () -> {
                    calls.incrementAndGet();
                    throw AwsServiceException.builder()
                            .statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("AccessDenied")
                                    .build())
                            .build();
                }))
                .isInstanceOf(AwsServiceException.class);
        assertThat(calls).hasValue(1);
    }
}
