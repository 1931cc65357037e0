package io.trailhound.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alarm.LogBatch;
import io.trailhound.idempotency.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Suppression's grouping by resource × caller and its use of the store's window (the DynamoDB store is tested against moto). */
public class SuppressionTest {
    public static String read(String secret, String role) {
        return "{\"eventSource\":\"secretsmanager.amazonaws.com\",\"eventName\":\"GetSecretValue\",\"awsRegion\":\"us-east-1\","
                + "\"errorCode\":\"InvalidRequestException\",\"errorMessage\":\"You can't perform this operation on the secret because it was marked for deletion.\","
                + "\"requestParameters\":{\"secretId\":\"" + secret + "\"},\"userIdentity\":{\"type\":\"AssumedRole\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/" + role + "/s\",\"accountId\":\"111122223333\"}}";
    }

    static LogBatch batch(String... messages) {
        List<LogBatch.Event> events = new ArrayList<>();
        for (String m : messages) {
            events.add(new LogBatch.Event(String.valueOf(events.size()), Instant.parse("2026-12-01T00:00:00Z"), m));
        }
        return new LogBatch("111122223333", "g", "s", List.of("f"), events);
    }

    /** Windows in memory, with the DynamoDB store's semantics. */
    static class Windows implements IdempotencyStore {
        final Map<String, Instant> until = new HashMap<>();
        final Map<String, Long> counted = new HashMap<>();

        @Override
        public Window suppress(String key, Instant now, Duration length, int events) {
            if (until.containsKey(key) && until.get(key).isAfter(now)) {
                return new Window(false, counted.merge(key, (long) events, Long::sum));
            }
            until.put(key, now.plus(length));
            Long before = counted.put(key, 0L);
            return new Window(true, before == null ? 0 : before);
        }

        @Override
        public Earlier begin(String id, Instant now, Instant leaseUntil) {
            return NONE.begin(id, now, leaseUntil);
        }

        @Override
        public void recordAction(String id, String action) {}

        @Override
        public void pending(String id, io.trailhound.alert.RenderedAlert alert) {}

        @Override
        public void published(String id, String where) {}

        @Override
        public void recordOutput(String id, String output) {}

        @Override
        public void release(String id, Instant leaseUntil, Instant now) {}
    }

    @Test
    void oneAlertPerResourceAndCallerPerWindowWithTheCountCarriedToTheNext() {
        Windows store = new Windows();
        Suppression s = new Suppression(store, Duration.ofMinutes(15), w -> {});
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        Suppression.Admitted first = s.admit(batch(read("prod/db", "app"), read("prod/db", "app")), t0);
        assertThat(first.batch().events())
                .as("both events of the opening batch go into its alert")
                .hasSize(2);
        Suppression.Admitted again = s.admit(
                batch(read("prod/db", "app"), read("prod/db", "app"), read("prod/db", "other")), t0.plusSeconds(60));
        assertThat(again.batch().events())
                .as("only the other caller's event goes on")
                .hasSize(1);
        assertThat(again.suppressed()).isEqualTo(2);
        assertThat(again.suppressedKeys())
                .singleElement()
                .asString()
                .contains("prod/db")
                .contains("role/app")
                .contains("2 counted");
        Suppression.Admitted later = s.admit(batch(read("prod/db", "app")), t0.plus(Duration.ofMinutes(16)));
        assertThat(later.batch().events()).hasSize(1);
        assertThat(later.notes())
                .anySatisfy(n -> assertThat(n)
                        .startsWith("2 further matching event(s) of")
                        .contains("previous PT15M"));
    }

    @Test
    void aStoreFailureAlertsWithoutSuppression() {
        IdempotencyStore down = new Windows() {
            @Override
            public Window suppress(String key, Instant now, Duration length, int events) {
                throw new IllegalStateException("table unreachable");
            }
        };
        Suppression.Admitted a = new Suppression(down, Duration.ofMinutes(15), w -> {})
                .admit(batch(read("prod/db", "app")), Instant.now());
        assertThat(a.batch().events()).hasSize(1);
        assertThat(a.notes())
                .anySatisfy(n -> assertThat(n).contains("could not be read").contains("alerted without suppression"));
    }
}
