package io.trailhound.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic CloudTrail log files as CloudTrail delivers them to S3 (gzipped {@code {"Records":[…]}}),
 * plus an alarm event whose breach window covers all of them. Usage: {@code GenerateTrail <dir> <records>
 * [records-per-file]}.
 */
public final class GenerateTrail {
    private GenerateTrail() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int records = Integer.parseInt(args[1]);
        int perFile = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        write(dir, records, perFile);
    }

    public static void write(Path dir, int records, int perFile) throws IOException {
        Path trail = dir.resolve("cloudtrail");
        Files.createDirectories(trail);
        SplittableRandom random = new SplittableRandom(records);
        int file = 0;
        for (int start = 0; start < records; start += perFile, file++) {
            Path out =
                    trail.resolve(String.format("111122223333_CloudTrail_us-east-1_20261123T1000Z_%05d.json.gz", file));
            try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16);
                    Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
                w.write("{\"Records\":[");
                for (int i = start; i < Math.min(records, start + perFile); i++) {
                    if (i > start) {
                        w.write(',');
                    }
                    w.write(SyntheticTrail.record(random, i));
                }
                w.write("]}");
            }
        }
        Files.writeString(dir.resolve("alarm.json"), alarm());
    }

    /** An SNS event for AttemptsToAccessDeletedSecretsAlarm whose 12 datapoints cover 10:00-11:00 UTC. */
    static String alarm() {
        StringBuilder points = new StringBuilder();
        for (int m = 0; m < 60; m += 5) {
            points.append(m == 0 ? "" : ", ")
                    .append("1.0 (23/11/26 10:")
                    .append(String.format("%02d", m))
                    .append(":00)");
        }
        String message = "{\"AlarmName\":\"AttemptsToAccessDeletedSecretsAlarm\",\"AWSAccountId\":\"111122223333\","
                + "\"NewStateValue\":\"ALARM\",\"OldStateValue\":\"OK\",\"NewStateReason\":\"Threshold Crossed: 12 out of the last 12 datapoints ["
                + points
                + "] was greater than or equal to the threshold (1.0).\",\"StateChangeTime\":\"2026-11-23T11:01:00.000+0000\","
                + "\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:111122223333:alarm:AttemptsToAccessDeletedSecretsAlarm\","
                + "\"Trigger\":{\"MetricName\":\"AttemptsToAccessDeletedSecrets\",\"Namespace\":\"CloudTrailLogMetrics\",\"Period\":300,"
                + "\"EvaluationPeriods\":12}}";
        return "{\"Records\":[{\"Sns\":{\"Message\":\""
                + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                        .quoteAsString(message)) + "\"}}]}";
    }
}
