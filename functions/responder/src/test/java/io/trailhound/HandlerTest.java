package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.trailhound.alarm.AlarmParserTest;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.config.Config;
import io.trailhound.enrich.OfflineEnricher;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.publish.Publisher;
import io.trailhound.remediate.Remediator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda entry point with offline stages and a recording publisher (our own interface, not the SDK). */
class HandlerTest {
    final List<RenderedAlert> published = new ArrayList<>();
    final Publisher recording = alert -> {
        published.add(alert);
        return "recorded";
    };

    Handler handler(Publisher publisher) {
        Responder.Stages stages = new Responder.Stages(new MetricFilterCatalog(null), (f, w, b, sink) -> io.trailhound.evidence.EventSource.Result.COMPLETE,
                new OfflineEnricher(io.trailhound.enrich.ScheduleLookup.NONE), Remediator.OFF, publisher);
        return new Handler(Config.from(Map.of(Config.ALERT_TOPIC_ARN, "arn:aws:sns:us-east-1:111122223333:alerts")), stages);
    }

    static SNSEvent event(String... messages) {
        List<SNSEvent.SNSRecord> records = new ArrayList<>();
        for (String m : messages) {
            records.add(new SNSEvent.SNSRecord().withSns(new SNSEvent.SNS().withMessage(m).withMessageId("m" + records.size())));
        }
        return new SNSEvent().withRecords(records);
    }

    @Test
    void everyRecordIsHandled() {
        handler(recording).handleRequest(event(AlarmParserTest.ALARM, AlarmParserTest.ALARM), null);
        assertThat(published).hasSize(2).allSatisfy(a -> assertThat(a.subject()).contains("no matching events found"));
    }

    @Test
    void okTransitionPublishesNothing() {
        String ok = AlarmParserTest.ALARM.replace("\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":\"OK\"");
        assertThat(handler(recording).handleRequest(event(ok), null)).contains("went to OK: no alert");
        assertThat(published).isEmpty();
    }

    @Test
    void ownMessagesAreIgnored() {
        SNSEvent own = event("{\"source\":\"trailhound\",\"version\":1}");
        SNSEvent byAttribute = event("Trailhound alert: ...");
        byAttribute.getRecords().get(0).getSNS().setMessageAttributes(Map.of(RenderedAlert.ORIGIN_ATTRIBUTE, new SNSEvent.MessageAttribute()));
        handler(recording).handleRequest(own, null);
        handler(recording).handleRequest(byAttribute, null);
        assertThat(published).isEmpty();
    }

    @Test
    void unreadableNotificationStillReachesPeople() {
        handler(recording).handleRequest(event("{\"AlarmName\":\"x\", truncated"), null);
        assertThat(published).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("Trailhound: unreadable notification on the alarm topic");
            assertThat(a.text()).contains("truncated or malformed JSON");
            assertThat(a.attributes()).containsEntry(RenderedAlert.ORIGIN_ATTRIBUTE, "trailhound");
            // the prefix is what isOwnMessage recognises, so the alert can never loop back in
            assertThat(a.json()).startsWith("{\"source\":\"trailhound\",\"version\":1,\"detection\":\"UNREADABLE_NOTIFICATION\","
                    + "\"reason\":\"the SNS message is truncated or malformed JSON: ").endsWith("\"}");
            assertThat(Handler.isOwnMessage(new SNSEvent.SNS().withMessage(a.json()))).isTrue();
        });
    }

    @Test
    void publishFailureFailsTheInvocationAfterTryingEveryRecord() {
        int[] attempts = {0};
        Publisher failing = alert -> {
            attempts[0]++;
            throw new IllegalStateException("sns down");
        };
        assertThatThrownBy(() -> handler(failing).handleRequest(event(AlarmParserTest.ALARM, AlarmParserTest.ALARM), null))
                .hasMessage("sns down");
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void anUnexpectedFailureInAStageStillPublishesAReducedAlertWithTheError() {
        Responder.Stages stages = new Responder.Stages(new MetricFilterCatalog(null), (f, w, b, sink) -> {
            throw new IllegalStateException("boom in the scan");
        }, new OfflineEnricher(io.trailhound.enrich.ScheduleLookup.NONE), Remediator.OFF, recording);
        Handler h = new Handler(Config.from(Map.of(Config.ALERT_TOPIC_ARN, "arn:aws:sns:us-east-1:111122223333:alerts")), stages);
        assertThat(h.handleRequest(event(AlarmParserTest.ALARM), null)).isEqualTo("recorded");
        assertThat(published).singleElement().satisfies(a -> {
            assertThat(a.text()).contains("Trailhound failed while searching the evidence (IllegalStateException: boom in the scan)")
                    .contains("PARTIAL");
            assertThat(a.json()).contains("\"partial\":true");
        });
    }

    @Test
    void anUnreachableIdempotencyTableNeverCostsTheAlert() {
        io.trailhound.idempotency.IdempotencyStore down = new io.trailhound.idempotency.IdempotencyStore() {
            @Override
            public Earlier begin(String id, java.time.Instant now, java.time.Instant leaseUntil) {
                throw new IllegalStateException("dynamodb down");
            }

            @Override
            public void recordAction(String id, String action) {
                throw new IllegalStateException("dynamodb down");
            }

            @Override
            public void pending(String id, RenderedAlert alert) {
                throw new IllegalStateException("dynamodb down");
            }

            @Override
            public void published(String id, String where) {
                throw new IllegalStateException("dynamodb down");
            }
        };
        Responder.Stages stages = new Responder.Stages(new MetricFilterCatalog(null), (f, w, b, sink) -> io.trailhound.evidence.EventSource.Result.COMPLETE,
                new OfflineEnricher(io.trailhound.enrich.ScheduleLookup.NONE), Remediator.OFF, recording);
        Handler h = new Handler(Config.from(Map.of(Config.ALERT_TOPIC_ARN, "arn:aws:sns:us-east-1:111122223333:alerts")), stages, down);
        assertThat(h.handleRequest(event(AlarmParserTest.ALARM), null)).isEqualTo("recorded");
        assertThat(published).hasSize(1);
    }

    @Test
    void emptyEventIsNoError() {
        assertThat(handler(recording).handleRequest(new SNSEvent(), null)).isEqualTo("no records");
    }
}
