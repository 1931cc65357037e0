package io.trailhound.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time one stage of an invocation may still use: an end on a clock. Stages take a share of what is
 * left when they start ({@link #share}), so time one stage does not use goes to the next, and the alert is
 * published before the function's own timeout whatever a stage meets (empty pages, slow calls, throttling).
 * Without a deadline (the CLI) the budget never runs out.
 */
public final class Budget {
    private final Clock clock;
    private final Instant end; // null: no deadline

    private Budget(Clock clock, Instant end) {
        this.clock = clock;
        this.end = end;
    }

    public static Budget unlimited(Clock clock) {
        return new Budget(clock, null);
    }

    public static Budget until(Instant end, Clock clock) {
        return new Budget(clock, end);
    }

    /** A budget for a stage: {@code fraction} of the time left now. */
    public Budget share(double fraction) {
        if (end == null) {
            return this;
        }
        long left = Math.max(0, Duration.between(clock.instant(), end).toMillis());
        return new Budget(clock, clock.instant().plusMillis((long) (left * fraction)));
    }

    public boolean limited() {
        return end != null;
    }

    public boolean expired() {
        return end != null && !clock.instant().isBefore(end);
    }

    /** Time left; a year when there is no deadline. */
    public Duration remaining() {
        if (end == null) {
            return Duration.ofDays(365);
        }
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Throws {@link Exhausted} when less than {@code needed} is left, so a call that cannot finish is not started. */
    public void require(Duration needed, String forWhat) {
        if (remaining().compareTo(needed) < 0) {
            throw new Exhausted(forWhat);
        }
    }

    /** Sleeps up to {@code wanted}, never past the end; false when the budget is used up. */
    public boolean pause(Duration wanted) {
        Duration d = wanted.compareTo(remaining()) < 0 ? wanted : remaining();
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !expired();
    }

    public Clock clock() {
        return clock;
    }

    /** A stage ran out of time before an AWS call; the stage says what it could not do. */
    public static final class Exhausted extends RuntimeException {
        public Exhausted(String what) {
            super("no time left for " + what);
        }
    }
}
