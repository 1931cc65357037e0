package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.AlarmParser;
import io.trailhound.alarm.AlarmParserTest;
import io.trailhound.alarm.Delivery;
import io.trailhound.alarm.LogBatch;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.config.Config;
import io.trailhound.publish.Publisher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-record rules the Lambda and the CLI share, through a front end that records what it is told. */
class NotificationsTest {
    static final AlarmNotification ALARM = AlarmParser.parse(AlarmParserTest.ALARM);

    final List<String> said = new ArrayList<>();
    final List<RenderedAlert> published = new ArrayList<>();

    /** Investigates by running {@code investigate}; publishes into {@link #published}, or fails to. */
    Notifications.Front front(Runnable investigate, boolean publishFails) {
        Publisher publisher = alert -> {
            if (publishFails) {
                throw new IllegalStateException("sns down");
            }
            published.add(alert);
            return "published";
        };
        return new Notifications.Front() {
            @Override
            public Publisher publisher() {
                return publisher;
            }

            @Override
            public String investigate(Notifications.Item item, AlarmNotification alarm) {
                investigate.run();
                said.add(item.label() + "investigated " + alarm.alarmName());
                return "alert for " + alarm.alarmName();
            }

            @Override
            public String investigate(Notifications.Item item, LogBatch batch) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String publishUnreadable(Notifications.Item item, RenderedAlert alert) {
                said.add(item.label() + "once per " + item.delivery().id());
                return publisher.publish(alert);
            }

            @Override
            public void own(Notifications.Item item) {
                said.add(item.label() + "own");
            }

            @Override
            public void control(Notifications.Item item, String logGroup) {
                said.add(item.label() + "control " + logGroup);
            }

            @Override
            public void unreadable(Notifications.Item item, String reason) {
                said.add(item.label() + "unreadable: " + reason);
            }

            @Override
            public void failed(Notifications.Item item, Throwable error) {
                said.add(item.label() + "failed: " + error.getMessage());
            }

            @Override
            public void publishFailed(Notifications.Item item, RuntimeException error) {
                said.add(item.label() + "publish failed");
            }
        };
    }

    @Test
    void ownAndControlMessagesAreSkippedWithoutAnAlert() {
        List<String> results = Notifications.handle(
                List.of(new Delivery.Own("m1"), new Delivery.Control("m2", "CloudTrail/G")), front(() -> {}, false));
        assertThat(results).containsExactly("ignored own message", "control message: no alert");
        assertThat(said).containsExactly("record 1: own", "record 2: control CloudTrail/G");
        assertThat(published).isEmpty();
    }

    @Test
    void anUnreadableNotificationIsPublishedAsAnAlertAndTheNextIsStillHandled() {
        List<String> results = Notifications.handle(
                List.of(new Delivery.Unreadable("m1", "plain text", "Hi", "hello"), new Delivery.Alarm("m2", ALARM)),
                front(() -> {}, false));
        assertThat(results).containsExactly("published", "alert for " + ALARM.alarmName());
        assertThat(said)
                .containsExactly(
                        "record 1: unreadable: plain text",
                        "record 1: once per m1",
                        "record 2: investigated " + ALARM.alarmName());
        assertThat(published).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo(Notifications.UNREADABLE_SUBJECT);
            assertThat(a.text())
                    .contains("Reason: plain text")
                    .contains("Subject: Hi")
                    .contains("hello");
            assertThat(a.attributes()).containsEntry("detection", "UNREADABLE_NOTIFICATION");
        });
    }

    @Test
    void anUnexpectedFailureStillPublishesAnAlertNamingIt() {
        List<String> results = Notifications.handle(
                List.of(new Delivery.Alarm("m1", ALARM)),
                front(
                        () -> {
                            throw new IllegalStateException("boom");
                        },
                        false));
        assertThat(said)
                .as("directly, not once per message: the failed investigation holds the notification's claim")
                .containsExactly("failed: boom");
        assertThat(results).containsExactly("published");
        assertThat(published)
                .singleElement()
                .satisfies(a -> assertThat(a.json())
                        .contains("Trailhound failed while handling it: java.lang.IllegalStateException: boom"));
    }

    @Test
    void aPublishFailureIsThrownAfterEveryDeliveryWasTried() {
        assertThatThrownBy(() -> Notifications.handle(
                        List.of(
                                new Delivery.Unreadable("m1", "plain text", null, "x"),
                                new Delivery.Alarm("m2", ALARM)),
                        front(() -> {}, true)))
                .hasMessage("sns down");
        assertThat(said)
                .containsExactly(
                        "record 1: unreadable: plain text",
                        "record 1: once per m1",
                        "record 1: publish failed",
                        "record 2: investigated " + ALARM.alarmName());
    }

    @Test
    void aMisconfiguredRunEndsAtOnce() {
        assertThatThrownBy(() -> Notifications.handle(
                        List.of(new Delivery.Alarm("m1", ALARM), new Delivery.Own("m2")),
                        front(
                                () -> {
                                    throw new Config.ConfigException("bad option");
                                },
                                false)))
                .isInstanceOf(Config.ConfigException.class);
        assertThat(said).isEmpty();
        assertThat(published).isEmpty();
    }
}
