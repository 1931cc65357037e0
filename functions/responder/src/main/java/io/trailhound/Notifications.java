package io.trailhound;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.AlarmParseException;
import io.trailhound.alarm.Delivery;
import io.trailhound.alarm.LogBatch;
import io.trailhound.alarm.OwnMessage;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.alert.Sanitize;
import io.trailhound.config.Config;
import io.trailhound.json.Json;
import io.trailhound.publish.Publisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happens to each notification an event holds, the same in the Lambda ({@link Handler}) and the CLI
 * ({@code invoke}): every delivery is tried, in order; a message Trailhound published itself and a CloudWatch
 * Logs control message are skipped; one that is not an alarm, or whose handling fails unexpectedly, is still
 * published, as an "unreadable notification" alert, so nothing that arrives is silently dropped; an alarm
 * or a log batch is investigated the front end's way. A failure to publish is kept until every delivery was
 * tried, then thrown. A misconfigured run ({@link Config.ConfigException}: only the CLI's options can be,
 * the Lambda's configuration is checked when it starts) ends at once.
 */
public final class Notifications {
    /** The subject of the alert for a notification that could not be read. */
    public static final String UNREADABLE_SUBJECT = "Trailhound: unreadable notification on the alarm topic";

    private Notifications() {}

    /** One delivery of an event, with its place among the event's {@code count} deliveries. */
    public record Item(Delivery delivery, int index, int count) {
        /** How many deliveries are left, this one included (the Lambda shares the time left between them). */
        public int left() {
            return count - index;
        }

        /** "record 2: " when the event holds more than one delivery, else "". */
        public String label() {
            return count > 1 ? "record " + (index + 1) + ": " : "";
        }
    }

    /** How one front end (the Lambda, the CLI) investigates, and says what happened. */
    public interface Front {
        /** Where alerts go. */
        Publisher publisher();

        /** Investigates an alarm; returns what happened (where the alert went, or why there is none). */
        String investigate(Item item, AlarmNotification alarm);

        /** Investigates a subscription filter's batch; returns what happened. */
        String investigate(Item item, LogBatch batch);

        /** Says that a message Trailhound published itself was skipped. */
        void own(Item item);

        /** Says that a CloudWatch Logs control message (the subscription's reachability check) was skipped. */
        void control(Item item, String logGroup);

        /** Says that a delivery is not a usable notification, before its alert is published. */
        void unreadable(Item item, String reason);

        /**
         * Publishes the alert for a delivery that is not a usable notification; returns where it went, or why
         * nothing was published (the Lambda publishes it once per SNS MessageId, as an alarm's alert).
         */
        default String publishUnreadable(Item item, RenderedAlert alert) {
            return publisher().publish(alert);
        }

        /** Says that handling a delivery failed unexpectedly, before the alert saying so is published. */
        void failed(Item item, Throwable error);

        /** Says that publishing a delivery's alert failed (the failure is thrown after the last delivery). */
        void publishFailed(Item item, RuntimeException error);
    }

    /** Handles every delivery by these rules; returns what happened to each, in order. */
    public static List<String> handle(List<Delivery> deliveries, Front front) {
        List<String> results = new ArrayList<>();
        RuntimeException publishFailure = null;
        for (int i = 0; i < deliveries.size(); i++) {
            Item item = new Item(deliveries.get(i), i, deliveries.size());
            RenderedAlert unreadable = null;
            try {
                results.add(handle(item, front));
            } catch (AlarmParseException e) {
                front.unreadable(item, e.getMessage());
                unreadable = unreadable(item.delivery(), e.getMessage());
            } catch (Responder.PublishFailedException e) {
                front.publishFailed(item, e);
                publishFailure = e;
            } catch (Config.ConfigException e) {
                throw e;
            } catch (RuntimeException
                    | StackOverflowError e) { // the Responder guards its pipeline; this is the last net
                front.failed(item, e);
                unreadable = unreadable(item.delivery(), "Trailhound failed while handling it: " + e);
            }
            if (unreadable != null) {
                try {
                    // an alarm or batch whose handling failed holds its idempotency claim: that alert goes out directly
                    results.add(
                            item.delivery() instanceof Delivery.Unreadable
                                    ? front.publishUnreadable(item, unreadable)
                                    : front.publisher().publish(unreadable));
                } catch (RuntimeException e) {
                    front.publishFailed(item, e);
                    publishFailure = e;
                }
            }
        }
        if (publishFailure != null) {
            throw publishFailure;
        }
        return results;
    }

    private static String handle(Item item, Front front) {
        return switch (item.delivery()) {
            case Delivery.Own own -> {
                front.own(item);
                yield "ignored own message";
            }
            case Delivery.Control c -> {
                front.control(item, c.logGroup());
                yield "control message: no alert";
            }
            case Delivery.Unreadable u -> throw new AlarmParseException(u.reason());
            case Delivery.Alarm a -> front.investigate(item, a.alarm());
            case Delivery.Batch b -> front.investigate(item, b.batch());
        };
    }

    /** An alert for a notification that could not be read, so that nothing reaches people silently dropped. */
    public static RenderedAlert unreadable(Delivery delivery, String reason) {
        Delivery.Unreadable u = delivery instanceof Delivery.Unreadable d
                ? d
                : new Delivery.Unreadable(delivery.id(), reason, null, null);
        String text = "Trailhound received a notification on the alarm topic that it could not read.\n\nReason: "
                + Sanitize.text(reason) + "\nSubject: " + Sanitize.text(u.subject())
                + "\nMessage (first 4000 characters):\n" + Sanitize.text(u.message(), 4000) + "\n";
        String json = Json.write(Json.object()
                .put("source", "trailhound")
                .put("version", 1)
                .put("detection", "UNREADABLE_NOTIFICATION")
                .put("reason", reason == null ? "" : reason));
        return new RenderedAlert(
                UNREADABLE_SUBJECT,
                text,
                json,
                Map.of(
                        "detection",
                        "UNREADABLE_NOTIFICATION",
                        "severity",
                        "UNKNOWN",
                        OwnMessage.ORIGIN_ATTRIBUTE,
                        "trailhound"));
    }
}
