package io.trailhound.publish;

import io.trailhound.alert.Alert;
import io.trailhound.alert.RenderedAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The optional outputs, sent one after the other before the alert topic. Each gets the alert with a note
 * for every output before it that failed, and the alert topic gets all of them; nothing an output does
 * (an error, a bug) stops the others or the alert. An output an earlier attempt at the same notification
 * delivered to is not sent again ({@link Deliveries}): a second EventBridge event or chat message would be a
 * duplicate people and automation act on.
 */
public final class Outputs {
    public static final Outputs NONE = new Outputs(List.of());

    /** Each output's call limit: short, since they all go before the alert topic within the Handler's reserve. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);

    /**
     * What the Handler keeps back for each output: its call (2 s), Security Hub's table update before it and
     * the idempotency record's write after it (1.5 s each at most), and a margin.
     */
    public static final Duration RESERVE_EACH = Duration.ofMillis(5_500);

    private final List<Output> outputs;

    public Outputs(List<Output> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    public List<Output> list() {
        return outputs;
    }

    /** What went where: the alert with the failure notes, where each output's copy went, and the failures. */
    public record Sent(Alert alert, RenderedAlert rendered, List<String> delivered, List<String> failures) {
        public Sent {
            delivered = List.copyOf(delivered);
            failures = List.copyOf(failures);
        }
    }

    /**
     * Which outputs earlier attempts at one notification delivered to, and where this attempt says that an
     * output has the alert, the moment it has it (the Lambda keeps both in the idempotency record).
     */
    public interface Deliveries {
        /** A single attempt: nothing earlier, nothing kept (the CLI, a notification without an identity). */
        Deliveries NONE = new Deliveries() {
            @Override
            public List<String> earlier() {
                return List.of();
            }

            @Override
            public void delivered(String output) {}
        };

        /** The outputs, by {@link Output#name()}, that earlier attempts delivered to. */
        List<String> earlier();

        /** {@code output} (its {@link Output#name()}) has the alert. */
        void delivered(String output);
    }

    /**
     * Sends {@code alert} to every output but those {@code deliveries} says an earlier attempt delivered to,
     * rendering it again (with {@code render}) after each failure.
     */
    public Sent send(
            Alert alert, RenderedAlert rendered, Function<Alert, RenderedAlert> render, Deliveries deliveries) {
        List<String> delivered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Output output : outputs) {
            if (deliveries.earlier().contains(output.name())) {
                delivered.add(output.name() + ": sent by an earlier attempt at this notification, not again");
                continue;
            }
            String where;
            try {
                where = output.send(alert, rendered);
            } catch (RuntimeException | StackOverflowError e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                String note = output.name() + ": not delivered ("
                        + (why.length() > 300 ? why.substring(0, 300) + "…" : why)
                        + "); the other outputs and the alert topic are not affected";
                failures.add(note);
                alert = alert.withNotes(List.of(note));
                rendered = render.apply(alert);
                continue;
            }
            delivered.add(where);
            deliveries.delivered(output.name());
        }
        return new Sent(alert, rendered, delivered, failures);
    }
}
