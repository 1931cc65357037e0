package io.trailhound.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.alert.RenderedAlert;
import io.trailhound.publish.Outputs;
import io.trailhound.publish.Publisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link Once} writes to the store along an attempt, and what it makes of what earlier attempts left. */
class OnceTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final Instant DEADLINE = NOW.plusSeconds(120);
    static final RenderedAlert ALERT = new RenderedAlert("subject", "text", "{}", Map.of());
    static final Publisher SNS_DOWN = alert -> {
        throw new IllegalStateException("sns down");
    };

    /** Says what it was asked, in order; {@link #failing} names the calls that fail, {@link #earlier} is what begin finds. */
    static final class Recording implements IdempotencyStore {
        final List<String> calls = new ArrayList<>();
        final List<String> failing = new ArrayList<>();
        Earlier earlier = Earlier.none();

        private void call(String what, String line) {
            if (failing.contains(what)) {
                throw new IllegalStateException("dynamodb down");
            }
            calls.add(line);
        }

        @Override
        public Earlier begin(String id, Instant now, Instant leaseUntil) {
            call("begin", "begin " + id + " until " + leaseUntil);
            return earlier;
        }

        @Override
        public void recordAction(String id, String action) {
            call("recordAction", "action " + action);
        }

        @Override
        public void recordOutput(String id, String output) {
            call("recordOutput", "output " + output);
        }

        @Override
        public void pending(String id, RenderedAlert alert) {
            call("pending", "pending " + alert.subject());
        }

        @Override
        public void published(String id, String where) {
            call("published", "published " + where);
        }

        @Override
        public void release(String id, Instant leaseUntil, Instant now) {
            call("release", "release " + id + " lease " + leaseUntil + " at " + now);
        }
    }

    final Recording store = new Recording();
    final List<String> log = new ArrayList<>();
    final Once once = new Once(store, Clock.fixed(NOW, ZoneOffset.UTC), log::add);

    @Test
    void anAlertThatIsPublishedIsKeptBeforeAndMarkedAfter() {
        Once.Attempt attempt = once.begin("sns:m1", DEADLINE);
        assertThat(attempt.around(alert -> "sns:topic message 1").publish(ALERT))
                .isEqualTo("sns:topic message 1");
        assertThat(store.calls)
                .containsExactly("begin sns:m1 until " + DEADLINE, "pending subject", "published sns:topic message 1");
    }

    @Test
    void aFailedPublishAfterTheAlertWasKeptLeavesTheClaimSoTheRetryPublishesTheKeptAlert() {
        Once.Attempt attempt = once.begin("sns:m1", DEADLINE);
        assertThatThrownBy(() -> attempt.around(SNS_DOWN).publish(ALERT)).hasMessage("sns down");
        assertThat(store.calls).containsExactly("begin sns:m1 until " + DEADLINE, "pending subject");
    }

    @Test
    void aFailedPublishWithTheAlertNotKeptEndsThisAttemptsClaimSoTheRetryNeedNotWaitForTheLease() {
        store.failing.add("pending");
        Once.Attempt attempt = once.begin("sns:m1", DEADLINE);
        assertThatThrownBy(() -> attempt.around(SNS_DOWN).publish(ALERT)).hasMessage("sns down");
        assertThat(store.calls)
                .containsExactly("begin sns:m1 until " + DEADLINE, "release sns:m1 lease " + DEADLINE + " at " + NOW);
        assertThat(log).singleElement().asString().startsWith("idempotency table: could not keep the alert for sns:m1");
    }

    @Test
    void aReleaseThatFailsTooIsLoggedAndThePublishFailureIsWhatIsThrown() {
        store.failing.addAll(List.of("pending", "release"));
        Once.Attempt attempt = once.begin("sns:m1", DEADLINE);
        assertThatThrownBy(() -> attempt.around(SNS_DOWN).publish(ALERT)).hasMessage("sns down");
        assertThat(log).hasSize(2).last().asString().contains("could not end this attempt's claim for sns:m1");
    }

    @Test
    void eachOutputThatHasTheAlertIsRecordedAndTheOnesEarlierAttemptsRecordedAreSaid() {
        store.earlier = new IdempotencyStore.Earlier(
                IdempotencyStore.State.IN_PROGRESS, List.of(), List.of("EventBridge"), null, NOW.minusSeconds(1));
        Once.Attempt attempt = once.begin("sns:m1", DEADLINE);
        assertThat(attempt.skip())
                .as("the earlier attempt died: this one takes over")
                .isNull();
        Outputs.Deliveries deliveries = attempt.deliveries();
        assertThat(deliveries.earlier()).containsExactly("EventBridge");
        deliveries.delivered("chat topic");
        assertThat(store.calls).endsWith("output chat topic");
    }

    @Test
    void anOutputTheTableCannotRecordIsLoggedAndTheAttemptGoesOn() {
        store.failing.add("recordOutput");
        once.begin("sns:m1", DEADLINE).deliveries().delivered("chat topic");
        assertThat(log)
                .singleElement()
                .asString()
                .startsWith("idempotency table: could not record that chat topic has the alert for sns:m1");
    }

    @Test
    void withoutAnIdentityNothingIsKept() {
        Once.Attempt attempt = once.begin(null, DEADLINE);
        Publisher sns = alert -> "sns:topic message 1";
        assertThat(attempt.around(sns)).isSameAs(sns);
        assertThat(attempt.deliveries()).isSameAs(Outputs.Deliveries.NONE);
        assertThat(store.calls).isEmpty();
    }
}
