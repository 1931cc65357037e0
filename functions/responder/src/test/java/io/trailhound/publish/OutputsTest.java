package io.trailhound.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alert.Alert;
import io.trailhound.alert.AlertRenderer;
import io.trailhound.alert.Fixtures;
import io.trailhound.alert.RenderedAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsTest {
    /** Records the notes of the alert it was given. */
    static final class Recording implements Output {
        final String name;
        final Throwable failure;
        final List<List<String>> seen = new ArrayList<>();

        Recording(String name, Throwable failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String document(Alert alert, RenderedAlert rendered) {
            return "{}";
        }

        @Override
        public String send(Alert alert, RenderedAlert rendered) {
            seen.add(alert.notes());
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return name + " ok";
        }
    }

    @Test
    void aFailureIsANoteForTheOutputsAfterItAndTheAlertAndStopsNothing() {
        Alert alert = Fixtures.alert(List.of(Fixtures.secretRead("prod/db", 0)), Map.of(), List.of());
        AlertRenderer renderer = new AlertRenderer(io.trailhound.publish.SnsEnvelope.SNS);
        Recording hub = new Recording("Security Hub", new IllegalStateException("AccessDenied"));
        Recording bus = new Recording("EventBridge", new StackOverflowError());
        Recording chat = new Recording("chat topic", null);

        Outputs.Sent sent = new Outputs(List.of(hub, bus, chat))
                .send(alert, renderer.render(alert), renderer::render, Outputs.Deliveries.NONE);

        assertThat(sent.delivered()).containsExactly("chat topic ok");
        assertThat(sent.failures())
                .containsExactly(
                        "Security Hub: not delivered (AccessDenied); the other outputs and the alert topic are not affected",
                        "EventBridge: not delivered (java.lang.StackOverflowError); the other outputs and the alert topic are not affected");
        assertThat(bus.seen.get(0)).containsExactly(sent.failures().get(0));
        assertThat(chat.seen.get(0)).containsExactlyElementsOf(sent.failures());
        assertThat(sent.alert().notes()).containsExactlyElementsOf(sent.failures());
        assertThat(sent.rendered().json()).contains("Security Hub: not delivered (AccessDenied)");
        assertThat(sent.rendered().text()).contains("EventBridge: not delivered");
    }

    @Test
    void anOutputAnEarlierAttemptDeliveredToIsNotSentAgainAndOnlyDeliveriesAreRecorded() {
        Alert alert = Fixtures.alert(List.of(Fixtures.secretRead("prod/db", 0)), Map.of(), List.of());
        AlertRenderer renderer = new AlertRenderer(io.trailhound.publish.SnsEnvelope.SNS);
        Recording hub = new Recording("Security Hub", new IllegalStateException("AccessDenied"));
        Recording bus = new Recording("EventBridge", null);
        Recording chat = new Recording("chat topic", null);
        List<String> recorded = new ArrayList<>();
        Outputs.Deliveries earlierEventBridge = new Outputs.Deliveries() {
            @Override
            public List<String> earlier() {
                return List.of("EventBridge");
            }

            @Override
            public void delivered(String output) {
                recorded.add(output);
            }
        };

        Outputs.Sent sent = new Outputs(List.of(hub, bus, chat))
                .send(alert, renderer.render(alert), renderer::render, earlierEventBridge);

        assertThat(bus.seen).as("EventBridge had it from the earlier attempt").isEmpty();
        assertThat(chat.seen).hasSize(1);
        assertThat(sent.delivered())
                .containsExactly(
                        "EventBridge: sent by an earlier attempt at this notification, not again", "chat topic ok");
        assertThat(recorded)
                .as("the failed Security Hub import is not recorded")
                .containsExactly("chat topic");
        assertThat(sent.failures()).singleElement().asString().startsWith("Security Hub: not delivered");
    }

    @Test
    void theEventBridgeEntryIsCountedAsEventBridgeCountsIt() {
        assertThat(EventBridgePublisher.entrySize("{\"a\":\"é\"}"))
                .isEqualTo("trailhound".length() + "Trailhound Alert".length() + 10);
        assertThat(EventBridgePublisher.entrySize("x".repeat(SnsEnvelope.BUDGET)))
                .as("a document within the SNS budget fits an entry")
                .isLessThanOrEqualTo(EventBridgePublisher.ENTRY_LIMIT);
    }
}
