package io.trailhound.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work started on another thread, with its failure rethrown as it was thrown there. */
public final class Await {
    private Await() {}

    /**
     * The task's result. A RuntimeException or Error from the task is rethrown unwrapped, so callers catch the
     * same exceptions as if they had done the work themselves; {@code waitingFor} names it if interrupted.
     */
    public static <T> T result(Future<T> task, String waitingFor) {
        return result(task, waitingFor, null);
    }

    /** As {@link #result(Future, String)}, waiting at most {@code atMost} (null: no limit), then Budget.Exhausted. */
    public static <T> T result(Future<T> task, String waitingFor, java.time.Duration atMost) {
        try {
            return atMost == null
                    ? task.get()
                    : task.get(Math.max(1, atMost.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new io.trailhound.budget.Budget.Exhausted(waitingFor);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + waitingFor, e);
        }
    }
}
