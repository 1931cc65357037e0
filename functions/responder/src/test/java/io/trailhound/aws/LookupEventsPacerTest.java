package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.budget.Budget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
    /** The budgets' clock is the pacer's: the same fake nanoseconds. */
    final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, now);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    };

    final Budget unlimited = Budget.unlimited(clock);

    Budget endingIn(Duration d) {
        return Budget.until(clock.instant().plus(d), clock);
    }

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
            pacer.call("us-east-1", unlimited, () -> "ok");
        }
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void regionsArePacedApart() {
        pacer.call("us-east-1", unlimited, () -> "ok");
        pacer.call("eu-west-1", unlimited, () -> "ok");
        assertThat(waits).isEmpty();
    }

    @Test
    void throttlingBacksOffThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String answer = pacer.call("us-east-1", unlimited, () -> {
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
        assertThatThrownBy(() -> pacer.call("us-east-1", unlimited, () -> {
                    throw throttled();
                }))
                .isInstanceOf(AwsServiceException.class);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> pacer.call("eu-west-1", unlimited, () -> {
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

    @Test
    void aSlotAfterTheBudgetEndsIsNotWaitedForAndTheRequestIsNotMade() {
        Budget budget = endingIn(Duration.ofMillis(700));
        AtomicInteger made = new AtomicInteger();
        pacer.call("us-east-1", budget, made::incrementAndGet);
        pacer.call("us-east-1", budget, made::incrementAndGet); // its slot, 500 ms on, leaves 200 ms for the call
        assertThatThrownBy(() -> pacer.call("us-east-1", budget, made::incrementAndGet))
                .isInstanceOf(Budget.Exhausted.class)
                .hasMessageContaining("cloudtrail:LookupEvents");
        assertThat(made).hasValue(2);
        assertThat(waits).as("no wait for the slot at 1,000 ms").containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aSlotLeftForLackOfTimeIsFreeForTheNextCaller() {
        pacer.call("us-east-1", unlimited, () -> "first");
        assertThatThrownBy(() -> pacer.call("us-east-1", endingIn(Duration.ofMillis(300)), () -> "too late"))
                .isInstanceOf(Budget.Exhausted.class);
        pacer.call("us-east-1", unlimited, () -> "next");
        assertThat(waits).as("the next caller takes the slot at 500 ms").containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aBackoffAfterThrottlingThatOutlastsTheBudgetIsNotWaitedFor() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> pacer.call("us-east-1", endingIn(Duration.ofSeconds(2)), () -> {
                    calls.incrementAndGet();
                    throw throttled();
                }))
                .isInstanceOf(Budget.Exhausted.class);
        assertThat(calls)
                .as("the first backoff (1.5 s) fits the 2 s, the second (then 4 s) does not")
                .hasValue(2);
        assertThat(waits).containsExactly(Duration.ofMillis(1_500));
    }

    @Test
    void withoutADeadlineEveryTurnIsWaitedFor() {
        for (int i = 0; i < 100; i++) {
            pacer.call("us-east-1", unlimited, () -> "ok");
        }
        assertThat(waits).hasSize(99).allMatch(d -> d.equals(Duration.ofMillis(500)));
    }
}
