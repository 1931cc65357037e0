package io.trailhound.idempotency;

import io.trailhound.alert.RenderedAlert;
import io.trailhound.json.Json;
import io.trailhound.publish.Outputs;
import io.trailhound.publish.Publisher;
import io.trailhound.publish.SnsEnvelope;
import io.trailhound.remediate.RemediationOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes one notification yield one alert, with an {@link IdempotencyStore}: what an attempt must do given
 * what earlier attempts left, and the writes along the way. The table is never in front of the alert: if
 * it fails, the attempt goes on as if the notification were new (a duplicate is better than a lost alarm),
 * and says so in the log.
 */
public final class Once {
    private final IdempotencyStore store;
    private final Clock clock;
    private final Consumer<String> log;

    public Once(IdempotencyStore store, Clock clock, Consumer<String> log) {
        this.store = store;
        this.clock = clock;
        this.log = log;
    }

    /** Starts an attempt at notification {@code id} (null: no identity, nothing is kept), which may last until {@code deadline}. */
    public Attempt begin(String id, Instant deadline) {
        IdempotencyStore.Earlier earlier = null;
        if (id != null) {
            try {
                earlier = store.begin(id, clock.instant(), deadline);
            } catch (RuntimeException e) {
                log.accept("idempotency table unavailable, handling " + id + " as new: " + e);
            }
        }
        return new Attempt(id, earlier == null ? IdempotencyStore.Earlier.none() : earlier, deadline);
    }

    /**
     * One attempt: {@link #skip}, {@link #pendingAlert} or a full run with {@link #acted}, {@link #deliveries}
     * and {@link #around}.
     */
    public final class Attempt {
        private final String id;
        private final IdempotencyStore.Earlier earlier;
        /** The claim this attempt took (when it runs): until its deadline. */
        private final Instant lease;

        Attempt(String id, IdempotencyStore.Earlier earlier, Instant lease) {
            this.id = id;
            this.earlier = earlier;
            this.lease = lease;
        }

        /** Why there is nothing to do (already published, or another invocation is at it), else null. */
        public String skip() {
            return switch (earlier.state()) {
                case PUBLISHED ->
                    "notification " + id + " was already handled and its alert published: nothing new is published";
                case IN_PROGRESS ->
                    earlier.leaseUntil() != null && earlier.leaseUntil().isAfter(clock.instant())
                            ? "notification " + id + " is being handled by another invocation until "
                                    + earlier.leaseUntil()
                            : null;
                default -> null;
            };
        }

        /** The alert an earlier attempt could not publish, saying so and what that attempt did; null when none. */
        public RenderedAlert pendingAlert() {
            RenderedAlert stored = earlier.pendingAlert();
            if (stored == null) {
                return null;
            }
            StringBuilder text = new StringBuilder(
                    "Sent by a later attempt: an earlier attempt at this notification prepared this alert"
                            + " but could not publish it.");
            earlier.actions()
                    .forEach(a -> text.append("\n  - in that attempt Trailhound did: ")
                            .append(a));
            RenderedAlert annotated = new RenderedAlert(
                    stored.subject(),
                    text.append("\n\n").append(stored.text()).toString(),
                    withEarlierActions(stored.json(), earlier.actions()),
                    stored.attributes());
            return SnsEnvelope.SNS.fits(annotated) ? annotated : stored;
        }

        /** What earlier attempts at this notification did, as recorded when they did it. */
        public List<String> earlierActions() {
            return earlier.actions();
        }

        /** Records a remediation action the moment it returns. */
        public void acted(RemediationOutcome o) {
            if (id == null) {
                return;
            }
            String line = o.status() + " " + o.action() + " " + o.resource() + " at " + clock.instant()
                    + (o.detail() == null ? "" : ": " + o.detail());
            try {
                store.recordAction(id, line);
            } catch (RuntimeException e) {
                log.accept("idempotency table: could not record '" + line + "' for " + id + ": " + e);
            }
        }

        /**
         * The optional outputs earlier attempts delivered to (not sent again), and each one this attempt
         * delivers to written to the record the moment it has the alert.
         */
        public Outputs.Deliveries deliveries() {
            if (id == null) {
                return Outputs.Deliveries.NONE;
            }
            return new Outputs.Deliveries() {
                @Override
                public List<String> earlier() {
                    return earlier.outputs();
                }

                @Override
                public void delivered(String output) {
                    write(() -> store.recordOutput(id, output), "record that " + output + " has the alert");
                }
            };
        }

        /**
         * {@code publisher}, with the alert kept in the record before publishing and the record closed after.
         * If publishing fails and the alert could not be kept, the claim is ended, so that the retry (Lambda's,
         * a minute later, well within this attempt's lease) takes the notification over instead of skipping it.
         */
        public Publisher around(Publisher publisher) {
            if (id == null) {
                return publisher;
            }
            return alert -> {
                boolean kept = write(() -> store.pending(id, alert), "keep the alert");
                String where;
                try {
                    where = publisher.publish(alert);
                } catch (RuntimeException e) {
                    if (!kept) {
                        write(() -> store.release(id, lease, clock.instant()), "end this attempt's claim");
                    }
                    throw e;
                }
                write(() -> store.published(id, where), "mark it published");
                return where;
            };
        }

        /** Runs one write; a failure is logged, never thrown. Returns whether it succeeded. */
        private boolean write(Runnable call, String what) {
            try {
                call.run();
                return true;
            } catch (RuntimeException e) {
                log.accept("idempotency table: could not " + what + " for " + id + ": " + e);
                return false;
            }
        }
    }

    /** The JSON document with {@code earlierAttempt.actions}; unchanged if it cannot be read. */
    static String withEarlierActions(String json, List<String> actions) {
        try {
            var doc = Json.parse(json);
            if (doc instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                var list = o.putObject("earlierAttempt").put("published", false).putArray("actions");
                actions.forEach(list::add);
                return Json.write(o);
            }
        } catch (IOException ignored) {
            // fall through: the stored document as it was
        }
        return json;
    }
}
