package io.trailhound.idempotency;

import io.trailhound.alert.RenderedAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One record per notification, so that SNS's at-least-once delivery and Lambda's retries produce one alert:
 * a notification whose alert was published is not handled again; one whose alert could not be published is
 * published from the record; every remediation action is written to the record the moment it happens, so a
 * later attempt can say what an earlier one did, and so is every optional output the moment it has the alert,
 * so a later attempt does not send it there again. A store failure never costs an alert: the callers go on
 * without it.
 */
public interface IdempotencyStore {
    /** What an earlier attempt at the same notification left. */
    record Earlier(
            State state, List<String> actions, List<String> outputs, RenderedAlert pendingAlert, Instant leaseUntil) {
        public Earlier {
            actions = List.copyOf(actions);
            outputs = List.copyOf(outputs);
        }

        /** No earlier attempt: the notification is new. */
        public static Earlier none() {
            return new Earlier(State.NEW, List.of(), List.of(), null, null);
        }
    }

    enum State {
        NEW,
        IN_PROGRESS,
        PENDING,
        PUBLISHED
    }

    /**
     * Claims {@code id} until {@code leaseUntil} (the invocation's deadline). Returns what an earlier attempt
     * left: NEW when there was none (the claim is then this attempt's); IN_PROGRESS held by a live attempt
     * (leaseUntil in the future: a concurrent duplicate) or a dead one (taken over); PENDING with the alert
     * it could not publish; PUBLISHED.
     */
    Earlier begin(String id, Instant now, Instant leaseUntil);

    /** Appends one action ("DONE RestoreSecret <arn> at <time>: <detail>") to the record. */
    void recordAction(String id, String action);

    /** Appends an optional output that has the alert ("EventBridge", as {@code Output.name()} says) to the record. */
    void recordOutput(String id, String output);

    /** The alert is about to be published: keep it, so a retry can publish it if this attempt cannot. */
    void pending(String id, RenderedAlert alert);

    void published(String id, String where);

    /**
     * This attempt could not publish and its alert is not kept: ends its claim (the lease it took until
     * {@code leaseUntil}) at {@code now}, so a retry takes over at once instead of finding a live lease and
     * skipping the notification. Only that lease is ended: a claim another attempt took over is left alone.
     */
    void release(String id, Instant leaseUntil, Instant now);

    /**
     * A resource × caller's suppression window (subscription mode): {@code opened} when none was open, so
     * this batch alerts, with how many events the previous window suppressed; otherwise not opened and how
     * many the open window has suppressed so far, {@code events} included.
     */
    record Window(boolean opened, long suppressed) {}

    /** Opens {@code key}'s window for {@code length} unless one is open; then counts {@code events} in it. Without a table, always opens. */
    default Window suppress(String key, Instant now, Duration length, int events) {
        return new Window(true, 0);
    }

    /** No table (the CLI, or IDEMPOTENCY_TABLE unset): every notification is new, nothing is kept. */
    IdempotencyStore NONE = new IdempotencyStore() {
        @Override
        public Earlier begin(String id, Instant now, Instant leaseUntil) {
            return Earlier.none();
        }

        @Override
        public void recordAction(String id, String action) {}

        @Override
        public void recordOutput(String id, String output) {}

        @Override
        public void pending(String id, RenderedAlert alert) {}

        @Override
        public void published(String id, String where) {}

        @Override
        public void release(String id, Instant leaseUntil, Instant now) {}
    };
}
