package io.trailhound.alarm;

import io.trailhound.budget.Budget;
import java.util.List;

/** Describes the child alarms a composite alarm's rule names (online: CloudWatch DescribeAlarms). */
public interface ChildAlarmSource {
    /**
     * The children within {@code budget}: every call is made only with time to finish it.
     *
     * @return the children that exist (names that are not found are simply absent), and those left unread
     * @throws Failed when the service could not say; {@link Unavailable} when there is no service to ask;
     *     {@link Budget.Exhausted} when there was no time to ask at all
     */
    Children describe(String region, List<String> names, Budget budget);

    /**
     * What was learnt: the children found, in any order, and the names not yet asked about when the calls
     * stopped ({@code whyNotRead}: no time left, or the failure of a later call), which may exist or not.
     */
    record Children(List<ChildAlarm> found, List<String> notRead, String whyNotRead) {
        public Children {
            found = List.copyOf(found);
            notRead = List.copyOf(notRead);
        }

        /** Every name was asked about. */
        public static Children all(List<ChildAlarm> found) {
            return new Children(found, List.of(), null);
        }
    }

    /** The CLI without AWS: nothing can be described. */
    ChildAlarmSource OFFLINE = (region, names, budget) -> {
        throw new Unavailable();
    };

    /** The service's answer was a failure; the message says which call failed and how. */
    final class Failed extends RuntimeException {
        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No service to ask (an offline run). */
    final class Unavailable extends RuntimeException {
        public Unavailable() {
            super("offline");
        }
    }
}
