package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallerIdentityTest {
    static final String ARN = "arn:aws:sts::111122223333:assumed-role/trailhound/fn";

    @Test
    void threadsAskingAtOnceMakeOneCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CallerIdentity caller = new CallerIdentity(() -> {
            calls.incrementAndGet();
            sleep(200); // STS answering: the other threads ask meanwhile
            return ARN;
        });
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return caller.account();
                }));
            }
            start.countDown();
            for (Future<String> a : answers) {
                assertThat(a.get()).isEqualTo("111122223333");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).as("one GetCallerIdentity for the container").hasValue(1);
        caller.begin("next alarm");
        assertThat(caller.arn()).isEqualTo(ARN);
        assertThat(calls).as("kept across alarms once known").hasValue(1);
    }

    @Test
    void aFailureIsKeptForTheAlarmAndAskedAgainWhenTheNextBegins() {
        AtomicInteger calls = new AtomicInteger();
        CallerIdentity caller = new CallerIdentity(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("no credentials");
            }
            return ARN;
        });
        caller.begin("first");

        assertThatThrownBy(caller::arn).hasMessage("no credentials");
        assertThatThrownBy(caller::account).hasMessage("no credentials");
        assertThat(calls).as("asked once in this alarm").hasValue(1);
        caller.begin("second");
        assertThat(caller.arn()).isEqualTo(ARN);
        assertThat(calls).hasValue(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
