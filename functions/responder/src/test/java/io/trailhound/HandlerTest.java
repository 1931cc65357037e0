package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.alarm.AlarmParserTest;
import io.trailhound.alarm.OwnMessage;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.config.Config;
import io.trailhound.enrich.OfflineEnricher;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.json.Json;
import io.trailhound.publish.Publisher;
import io.trailhound.remediate.Remediator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Lambda entry point with offline stages and a recording publisher (our own interface, not the SDK). */
class HandlerTest {
    final List<RenderedAlert> published = new ArrayList<>();
    final Publisher recording = alert -> {
        published.add(alert);
        return "recorded";
    };

    Handler handler(Publisher publisher) {
        Responder.Stages stages = Responder.Stages.of(
                new MetricFilterCatalog(List.of()),
                (f, w, b, sink) -> io.trailhound.evidence.EventSource.Result.COMPLETE,
                new OfflineEnricher(io.trailhound.enrich.ScheduleLookup.NONE),
                Remediator.OFF,
                publisher);
        return new Handler(
                Config.from(Map.of(Config.ALERT_TOPIC_ARN, "arn:aws:sns:us-east-1:111122223333:alerts")), stages);
    }

    /** An SNS event as Lambda delivers it, one record per message. */
    static String event(String... messages) {
        var event = Json.object();
        var records = event.putArray("Records");
        for (String m : messages) {
            var record = records.addObject().put("EventSource", "aws:sns");
            record.putObject("Sns")
                    .put("Type", "Notification")
                    .put("MessageId", "m" + records.size())
                    .put("Message", m);
        }
        return Json.write(event);
    }

    @Test
    void theRuntimeHandsOverRawBytesAndGetsAJsonStringBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler(recording)
                .handleRequest(
                        new ByteArrayInputStream(event(AlarmParserTest.ALARM).getBytes(StandardCharsets.UTF_8)),
                        out,
                        null);
        assertThat(Json.parse(out.toString(StandardCharsets.UTF_8)).asText()).isEqualTo("recorded");
        assertThat(published)
                .singleElement()
                .satisfies(a -> assertThat(a.subject()).contains("no matching events found"));
    }

    @Test
    void everyRecordIsHandled() {
        handler(recording).handle(event(AlarmParserTest.ALARM, AlarmParserTest.ALARM), null);
        assertThat(published).hasSize(2).allSatisfy(a -> assertThat(a.subject()).contains("no matching events found"));
    }

    @Test
    void okTransitionPublishesNothing() {
        String ok = AlarmParserTest.ALARM.replace("\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":\"OK\"");
        assertThat(handler(recording).handle(event(ok), null)).contains("went to OK: no alert");
        assertThat(published).isEmpty();
    }

    @Test
    void aNewAlarmAfterOkIsANewAlert() {
        String ok = AlarmParserTest.ALARM.replace(
                "\"NewStateValue\":\"ALARM\",\"OldStateValue\":\"OK\"",
                "\"NewStateValue\":\"OK\",\"OldStateValue\":\"ALARM\"");
        String again = AlarmParserTest.ALARM
                .replace("2026-11-23T10:26:08.412+0000", "2026-11-23T11:26:08.412+0000")
                .replace("23/11/26 10:20:00", "23/11/26 11:20:00")
                .replace("23/11/26 10:15:00", "23/11/26 11:15:00");
        Handler h = handler(recording);
        h.handle(event(AlarmParserTest.ALARM), null);
        assertThat(h.handle(event(ok), null)).contains("went to OK: no alert");
        h.handle(event(again), null);
        assertThat(published).hasSize(2);
        assertThat(published.get(1).json()).contains("\"start\":\"2026-11-23T11:05:00Z\"");
    }

    @Test
    void ownMessagesAreIgnored() throws Exception {
        String byAttribute = event("Trailhound alert: ...")
                .replace(
                        "\"Message\"",
                        "\"MessageAttributes\":{\"" + OwnMessage.ORIGIN_ATTRIBUTE
                                + "\":{\"Type\":\"String\",\"Value\":\"trailhound\"}},\"Message\"");
        assertThat(handler(recording).handle(event("{\"source\":\"trailhound\",\"version\":1}"), null))
                .isEqualTo("ignored own message");
        assertThat(handler(recording).handle(byAttribute, null)).isEqualTo("ignored own message");
        assertThat(published).isEmpty();
    }

    @Test
    void unreadableNotificationStillReachesPeople() {
        handler(recording).handle(event("{\"AlarmName\":\"x\", truncated"), null);
        assertThat(published).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("Trailhound: unreadable notification on the alarm topic");
            assertThat(a.text()).contains("truncated or malformed JSON");
            assertThat(a.attributes()).containsEntry(OwnMessage.ORIGIN_ATTRIBUTE, "trailhound");
            // the prefix is what the reader recognises as our own, so the alert can never loop back in
            assertThat(a.json())
                    .startsWith("{\"source\":\"trailhound\",\"version\":1,\"detection\":\"UNREADABLE_NOTIFICATION\","
                            + "\"reason\":\"the SNS message is truncated or malformed JSON: ")
                    .endsWith("\"}")
                    .startsWith(OwnMessage.JSON_PREFIX);
        });
    }

    @Test
    void publishFailureFailsTheInvocationAfterTryingEveryRecord() {
        int[] attempts = {0};
        Publisher failing = alert -> {
            attempts[0]++;
            throw new IllegalStateException("sns down");
        };
        assertThatThrownBy(() -> handler(failing).handle(event(AlarmParserTest.ALARM, AlarmParserTest.ALARM), null))
                .hasMessage("sns down");
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void anUnexpectedFailureInAStageStillPublishesAReducedAlertWithTheError() {
        Responder.Stages stages = Responder.Stages.of(
                new MetricFilterCatalog(List.of()),
                (f, w, b, sink) -> {
                    throw new IllegalStateException("boom in the scan");
                },
                new OfflineEnricher(io.trailhound.enrich.ScheduleLookup.NONE),
                Remediator.OFF,
                recording);
        Handler h = new Handler(
                Config.from(Map.of(Config.ALERT_TOPIC_ARN, "arn:aws:sns:us-east-1:111122223333:alerts")), stages);
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(h.handle(event(AlarmParserTest.ALARM), null)).isEqualTo("recorded");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String alarm =
                io.trailhound.alarm.AlarmParser.parse(AlarmParserTest.ALARM).alarmName();
        assertThat(logged.toString(java.nio.charset.StandardCharsets.UTF_8))
                .as("outside Lambda the runtime's logger writes to stdout; in Lambda it adds time, level, request id")
                .contains("alarm " + alarm + ": unexpected java.lang.IllegalStateException: boom in the scan at ");
        assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8))
                .as("nothing bypasses the runtime's logger")
                .isEmpty();
        assertThat(published).singleElement().satisfies(a -> {
            assertThat(a.text())
                    .contains(
                            "Trailhound failed while searching the evidence (IllegalStateException: boom in the scan)")
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

            @Override
            public void recordOutput(String id, String output) {
                throw new IllegalStateException("dynamodb down");
            }

            @Override
            public void release(String id, java.time.Instant leaseUntil, java.time.Instant now) {
                throw new IllegalStateException("dynamodb down");
            }
        };
        Responder.Stages stages = Responder.Stages.of(
                new MetricFilterCatalog(List.of()),
                (f, w, b, sink) -> io.trailhound.evidence.EventSource.Result.COMPLETE,
                new OfflineEnricher(io.trailhound.enrich.ScheduleLookup.NONE),
                Remediator.OFF,
                recording);
        Handler h = new Handler(
                Config.from(Map.of(Config.ALERT_TOPIC_ARN, "arn:aws:sns:us-east-1:111122223333:alerts")), stages, down);
        assertThat(h.handle(event(AlarmParserTest.ALARM), null)).isEqualTo("recorded");
        assertThat(published).hasSize(1);
    }

    @Test
    void emptyEventIsNoError() {
        assertThat(handler(recording).handle("{\"Records\":[]}", null)).isEqualTo("no records");
    }

    static Stream<Arguments> corpus() throws Exception {
        Path dir = Path.of("src/test/resources/alarm-payloads");
        JsonNode expected = Json.parse(Files.readString(dir.resolve("expected.json")));
        List<Arguments> out = new ArrayList<>();
        expected.forEach(e -> out.add(
                Arguments.of(e.path("file").asText(), dir.resolve(e.path("file").asText()), e.path("records"))));
        return out.stream();
    }

    /**
     * The same corpus as the CLI's test, as Lambda would pass each payload (one function serves every
     * shape): an alert for each alarm, an unreadable-notification alert naming what arrived, nothing for a
     * transition away from ALARM.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusPayloadThroughTheLambdaEntryPoint(String name, Path file, JsonNode records) throws Exception {
        handler(recording).handle(Files.readString(file), null);
        List<String> got = new ArrayList<>();
        for (RenderedAlert a : published) {
            JsonNode doc = Json.parse(a.json());
            got.add(
                    a.attributes().get("detection").equals("UNREADABLE_NOTIFICATION")
                            ? "unreadable: " + doc.path("reason").asText()
                            : "alert: " + doc.at("/alarm/name").asText());
        }
        List<String> want = new ArrayList<>();
        records.forEach(r -> {
            switch (r.path("outcome").asText()) {
                case "alert" -> want.add("alert: " + r.path("alarm").asText());
                case "unreadable" -> want.add("unreadable: " + r.path("because").asText());
                default -> {} // no alert
            }
        });
        assertThat(got).as("published").hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            String kind = want.get(i).substring(0, want.get(i).indexOf(": ") + 2);
            assertThat(got.get(i)).startsWith(kind).contains(want.get(i).substring(kind.length()));
        }
    }

    @Test
    void subscriptionBatchIsInvestigatedWithItsOwnEventsAndAControlMessageIsNot() {
        String record = io.trailhound.subscription.SuppressionTest.read("prod/db", "app");
        var data = Json.object()
                .put("messageType", "DATA_MESSAGE")
                .put("owner", "111122223333")
                .put("logGroup", "CloudTrail/G")
                .put("logStream", "s");
        data.putArray("subscriptionFilters").add("f");
        data.putArray("logEvents")
                .addObject()
                .put("id", "1")
                .put("timestamp", 1764633600000L)
                .put("message", record);
        String result = handler(recording)
                .handle(io.trailhound.alarm.LogsSubscriptionReaderTest.payload(Json.write(data)), null);
        assertThat(result).isEqualTo("recorded");
        assertThat(published).singleElement().satisfies(a -> {
            assertThat(a.subject()).contains("prod/db").doesNotContain("no matching events found");
            assertThat(a.json()).contains("subscription filter").contains("GetSecretValue");
        });
        published.clear();
        assertThat(handler(recording)
                        .handle(
                                io.trailhound.alarm.LogsSubscriptionReaderTest.payload(
                                        io.trailhound.alarm.LogsSubscriptionReaderTest.CONTROL),
                                null))
                .isEqualTo("control message: no alert");
        assertThat(published).isEmpty();
    }

    @Test
    void damagedSubscriptionDataStillAlertsSayingWhichLayerIsDamaged() {
        handler(recording).handle("{\"awslogs\":{\"data\":\"H4sIAAAA\"}}", null);
        assertThat(published)
                .singleElement()
                .satisfies(a -> assertThat(a.text()).contains("awslogs.data is not gzip data"));
    }

    @Test
    void aDecompressionBombInSubscriptionDataStillAlertsSayingSo() {
        handler(recording).handle(io.trailhound.alarm.LogsSubscriptionReaderTest.bomb(), null);
        assertThat(published)
                .singleElement()
                .satisfies(a -> assertThat(a.text()).contains("decompression bomb"));
    }
}
