package io.trailhound.aws;

import io.trailhound.budget.Budget;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Paces {@code cloudtrail:LookupEvents}: "The rate of lookup requests is limited to two per second, per
 * account, per Region. If this limit is exceeded, a throttling error occurs." (LookupEvents API reference).
 * Every lookup of this process (confirmations, who scheduled a deletion) goes through {@link #call}, which
 * waits for the Region's next slot (one per 500 ms) and, after a throttling error, backs off (1 s, then 2 s)
 * before trying again. One pacer per process: {@link #SHARED}. A caller never waits for a slot that comes
 * after its budget ends (less the time a call needs, {@link CallTimeouts#MIN_CALL}): it gets
 * {@link Budget.Exhausted} at once, as for a call it had no time for, and the slot stays free for the others.
 */
public final class LookupEventsPacer {
    public static final Duration INTERVAL = Duration.ofMillis(500);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final int ATTEMPTS = 3;

    /** How the pacer waits; tests pass one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public static final LookupEventsPacer SHARED = new LookupEventsPacer(System::nanoTime, d -> Thread.sleep(d));

    private final LongSupplier nanos;
    private final Sleeper sleeper;
    private final Map<String, Long> nextSlot = new HashMap<>(); // Region -> System.nanoTime() of its next free slot

    public LookupEventsPacer(LongSupplier nanos, Sleeper sleeper) {
        this.nanos = nanos;
        this.sleeper = sleeper;
    }

    /** What the quota is counted by: the account (null: the function's own) and the Region. */
    public static String key(String account, String region) {
        return account == null ? region : account + "/" + region;
    }

    /**
     * Runs one LookupEvents request for {@code region} (a {@link #key}) in its turn, retrying after throttling,
     * within {@code budget}: throws {@link Budget.Exhausted} instead of waiting for a turn the budget does not reach.
     */
    public <T> T call(String region, Budget budget, Supplier<T> request) {
        Duration backoff = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            waitForSlot(region, backoff, budget); // after throttling, everyone else in this Region waits too
            try {
                return request.get();
            } catch (AwsServiceException e) {
                if (!e.isThrottlingException() || attempt >= ATTEMPTS) {
                    throw e;
                }
                backoff = backoff.isZero() ? FIRST_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void waitForSlot(String region, Duration pushBack, Budget budget) {
        long wait;
        synchronized (nextSlot) {
            long now = nanos.getAsLong();
            long slot = Math.max(now, nextSlot.getOrDefault(region, now)) + pushBack.toNanos();
            wait = slot - now;
            if (budget.remaining().minus(CallTimeouts.MIN_CALL).toNanos() < wait) {
                throw new Budget.Exhausted("cloudtrail:LookupEvents (the next slot in " + region + " is in "
                        + Duration.ofNanos(wait).toMillis() + " ms)");
            }
            nextSlot.put(region, slot + INTERVAL.toNanos());
        }
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a LookupEvents slot", e);
            }
        }
    }
}
