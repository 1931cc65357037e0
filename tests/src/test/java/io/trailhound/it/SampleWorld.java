package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The repository's sample alarms ({@code events/*.json}) and CloudTrail files ({@code events/cloudtrail}) put
 * into moto, moved in time so that the alarm's datapoint lies 20 minutes ago (CloudWatch Logs refuses events
 * older than 14 days): the log group {@code CloudTrail/MyCloudWatchLogGroup} with the three documented metric
 * filters, the records of the last day, an alert topic with a queue.
 */
final class SampleWorld {
    static final Path EVENTS = CliJar.ROOT.resolve("events");
    static final String LOG_GROUP = "CloudTrail/MyCloudWatchLogGroup";
    /** The datapoint every sample alarm names. */
    static final Instant SAMPLE_DATAPOINT = Instant.parse("2026-11-23T10:15:00Z");

    static final DateTimeFormatter DATAPOINT =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter STATE_CHANGE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    final World world;
    final Duration shift;
    final String idempotencyTable;

    SampleWorld(MotoServer moto) throws Exception {
        world = new World(moto);
        shift = Duration.between(SAMPLE_DATAPOINT, world.datapoint);
        world.alertTopicWithQueue();
        idempotencyTable = world.idempotencyTable();
        world.logGroupWithFilter(
                LOG_GROUP,
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
        putFilter(MetricFilterCatalog.KMS_PATTERN, "CloudTrailLogMetrics", "KMSKeyPendingDeletionErrorCount");
        putFilter(MetricFilterCatalog.ROOT_PATTERN, "CloudTrailMetrics", "RootAccountUsageCount");
        List<ObjectNode> recent = new ArrayList<>();
        for (ObjectNode r : records()) {
            Instant t = Instant.parse(r.get("eventTime").asText()).plus(shift);
            if (t.isAfter(world.datapoint.minus(12, ChronoUnit.HOURS))) {
                r.put("eventTime", t.toString());
                recent.add(r);
            }
        }
        world.putEvents(LOG_GROUP, recent);
    }

    private void putFilter(String pattern, String namespace, String metric) {
        world.aws.logs.putMetricFilter(b -> b.logGroupName(LOG_GROUP)
                .filterName(metric + "-filter")
                .filterPattern(pattern)
                .metricTransformations(
                        t -> t.metricNamespace(namespace).metricName(metric).metricValue("1")));
    }

    /** What the template's {@code Ref}s to resources name in this world (for {@link FunctionConfig#fromTemplate}). */
    Map<String, String> resources() {
        return Map.of("AlertTopic", world.alertTopicArn, "IdempotencyTable", idempotencyTable);
    }

    /** The same event as a new SNS delivery (a new MessageId), which the idempotency table does not know yet. */
    static String redelivered(String event) throws Exception {
        JsonNode e = World.JSON.readTree(event);
        for (JsonNode record : e.path("Records")) {
            ((ObjectNode) record.path("Sns"))
                    .put("MessageId", java.util.UUID.randomUUID().toString());
        }
        return World.JSON.writeValueAsString(e);
    }

    /** The sample SNS events by file name (sns-alarm-….json), each moved by the same shift as the records. */
    Map<String, String> events() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(EVENTS)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                out.put(f.getFileName().toString(), shifted(f));
            }
        }
        return out;
    }

    private String shifted(Path eventFile) throws Exception {
        JsonNode event = World.JSON.readTree(eventFile.toFile());
        for (JsonNode record : event.path("Records")) {
            ObjectNode sns = (ObjectNode) record.path("Sns");
            ObjectNode alarm =
                    (ObjectNode) World.JSON.readTree(sns.path("Message").asText());
            Matcher m = Pattern.compile("\\((\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d)\\)")
                    .matcher(alarm.path("NewStateReason").asText());
            StringBuilder reason = new StringBuilder();
            while (m.find()) {
                Instant t = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss"))
                        .toInstant(ZoneOffset.UTC);
                m.appendReplacement(reason, "(" + DATAPOINT.format(t.plus(shift)) + ")");
            }
            m.appendTail(reason);
            alarm.put("NewStateReason", reason.toString());
            Instant changed = STATE_CHANGE.parse(alarm.path("StateChangeTime").asText(), Instant::from);
            alarm.put("StateChangeTime", STATE_CHANGE.withZone(ZoneOffset.UTC).format(changed.plus(shift)));
            sns.put("Message", World.JSON.writeValueAsString(alarm));
        }
        return World.JSON.writeValueAsString(event);
    }

    /** Every record of the sample CloudTrail files, plain or gzipped. */
    static List<ObjectNode> records() throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(EVENTS.resolve("cloudtrail"))) {
            for (Path f : files.sorted().toList()) {
                try (InputStream in = f.toString().endsWith(".gz")
                        ? new GZIPInputStream(Files.newInputStream(f))
                        : Files.newInputStream(f)) {
                    World.JSON.readTree(in).path("Records").forEach(r -> out.add((ObjectNode) r));
                }
            }
        }
        return out;
    }
}
