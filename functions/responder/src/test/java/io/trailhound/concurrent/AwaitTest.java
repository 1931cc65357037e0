package io.trailhound.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void resultAndFailuresComeBackAsTheTaskHadThem() {
        assertThat(Await.result(CompletableFuture.completedFuture("done"), "testing"))
                .isEqualTo("done");
        IllegalArgumentException thrown = new IllegalArgumentException("bad");
        assertThatThrownBy(() -> Await.result(CompletableFuture.failedFuture(thrown), "testing"))
                .isSameAs(thrown);
        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(() -> Await.result(CompletableFuture.failedFuture(error), "testing"))
                .isSameAs(error);
    }

    @Test
    void interruptionIsNamedAndKept() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Await.result(new CompletableFuture<String>(), "waiting for CloudTrail"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("interrupted while waiting for CloudTrail");
        assertThat(Thread.interrupted()).as("the interrupt flag is set again").isTrue();
    }
}
