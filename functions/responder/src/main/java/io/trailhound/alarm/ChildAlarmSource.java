package io.trailhound.alarm;

import java.util.List;

/** Describes the child alarms a composite alarm's rule names (online: CloudWatch DescribeAlarms). */
public interface ChildAlarmSource {
    /**
     * @return the children that exist, in any order; names that are not found are simply absent
     * @throws Failed when the service could not say; {@link Unavailable} when there is no service to ask
     */
    List<ChildAlarm> describe(String region, List<String> names);

    /** The CLI without AWS: nothing can be described. */
    ChildAlarmSource OFFLINE = (region, names) -> {
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
