package io.trailhound.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The CloudWatch Logs subscription payload: every layer (base64, gzip, JSON, messageType) and its damage. */
public class LogsSubscriptionReaderTest {
    /** The decompressed DATA_MESSAGE of the AWS documentation's example, with one CloudTrail record. */
    static final String DATA = """
            {"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"CloudTrail/DefaultLogGroup",
             "logStream":"111122223333_CloudTrail_us-east-1","subscriptionFilters":["AttemptsToAccessDeletedSecrets"],
             "logEvents":[{"id":"31953106606966983378809025079804211143289615424298221568","timestamp":1764633600000,
               "message":"{\\"eventSource\\":\\"secretsmanager.amazonaws.com\\",\\"eventName\\":\\"GetSecretValue\\",\\"eventID\\":\\"e-1\\"}"},
              {"id":"31953106606966983378809025079804211143289615424298221569","timestamp":1764633601000,"message":"second"}]}""";

    public static final String CONTROL = """
            {"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],
             "logEvents":[{"id":"","timestamp":1764633600000,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}""";

    /** As CloudWatch Logs builds it: gzip, then base64, under awslogs.data. */
    public static String payload(String decompressed) {
        return "{\"awslogs\":{\"data\":\""
                + Base64.getEncoder().encodeToString(gzip(decompressed.getBytes(StandardCharsets.UTF_8))) + "\"}}";
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void dataMessageIsABatchWithEveryEventInOrder() {
        Delivery.Batch b = (Delivery.Batch) AlarmReader.read(payload(DATA)).get(0);
        assertThat(b.batch().owner()).isEqualTo("111122223333");
        assertThat(b.batch().logGroup()).isEqualTo("CloudTrail/DefaultLogGroup");
        assertThat(b.batch().subscriptionFilters()).containsExactly("AttemptsToAccessDeletedSecrets");
        assertThat(b.batch().events())
                .extracting(LogBatch.Event::message)
                .hasSize(2)
                .last()
                .isEqualTo("second");
        assertThat(b.batch().events().get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(1764633600000L));
        assertThat(b.id())
                .as("a redelivery has the same id")
                .startsWith("logs:CloudTrail/DefaultLogGroup|")
                .endsWith("221568|31953106606966983378809025079804211143289615424298221569");
    }

    @Test
    void controlMessageIsAReachabilityCheckNotAnAlert() {
        assertThat(AlarmReader.read(payload(CONTROL))).singleElement().isInstanceOf(Delivery.Control.class);
    }

    @Test
    void controlMessageWithAnyTimestampIsRead() {
        for (long t = 1764633600000L; t < 1764633600000L + 2000; t += 7) {
            String control = CONTROL.replace("1764633600000", Long.toString(t));
            assertThat(AlarmReader.read(payload(control)))
                    .as(payload(control))
                    .singleElement()
                    .isInstanceOf(Delivery.Control.class);
        }
    }

    @Test
    void eachDamagedLayerIsNamed() {
        assertThat(reason("{\"awslogs\":{}}")).contains("awslogs.data is missing");
        assertThat(reason("{\"awslogs\":{\"data\":\"%%%not base64\"}}")).contains("not base64");
        assertThat(reason("{\"awslogs\":{\"data\":\""
                        + Base64.getEncoder().encodeToString("plain".getBytes(StandardCharsets.UTF_8)) + "\"}}"))
                .contains("not gzip data");
        byte[] whole = gzip(DATA.getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertThat(reason("{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(cut) + "\"}}"))
                .contains("not gzip data");
        assertThat(reason(payload("{\"messageType\":\"DATA_MESS"))).contains("decompressed data is not JSON");
        assertThat(reason(payload("{\"messageType\":\"OTHER\"}"))).contains("messageType 'OTHER'");
        assertThat(reason(payload(
                        "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logEvents\":[{\"id\":\"1\"}]}")))
                .contains("no message or timestamp");
    }

    /** 8 MiB of zeros: about 8 KB of gzip, far past 100 times that plus 1 MiB. */
    public static String bomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                z.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(out.toByteArray()) + "\"}}";
    }

    @Test
    void aDecompressionBombIsRefusedByTheSameLimitAsCloudTrailFiles() {
        assertThat(bomb().length()).as("a small payload").isLessThan(20_000);
        assertThat(reason(bomb()))
                .startsWith("a CloudWatch Logs subscription payload whose awslogs.data was not decompressed: ")
                .contains("decompresses to more than 100 times its size")
                .contains("decompression bomb");
    }

    @Test
    void aGenuineBatchWellCompressedIsStillRead() {
        // 200 identical records compress far better than CloudTrail usually does, and stay within the limit.
        String event = "{\"id\":\"1\",\"timestamp\":1764633600000,\"message\":\"same record\"}";
        String many = "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":["
                + String.join(",", java.util.Collections.nCopies(200, event)) + "]}";
        assertThat(AlarmReader.read(payload(many)))
                .singleElement()
                .isInstanceOfSatisfying(
                        Delivery.Batch.class,
                        b -> assertThat(b.batch().events()).hasSize(200));
    }

    static String reason(String payload) {
        Delivery d = AlarmReader.read(payload).get(0);
        assertThat(d).isInstanceOf(Delivery.Unreadable.class);
        return ((Delivery.Unreadable) d).reason();
    }
}
