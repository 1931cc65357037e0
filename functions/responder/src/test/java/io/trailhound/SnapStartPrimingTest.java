package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    @Test
    void primingRunsTheWholePathInMemory() {
        String text = SnapStartPriming.prime();
        assertThat(text).contains("Secret scheduled for deletion was accessed")
                .contains("Caller:          arn:aws:iam::111122223333:role/app (session s) [AssumedRole]")
                .contains("1 matching event(s) of 1 scanned");
    }
}
