package io.trailhound;

import io.trailhound.alarm.AlarmReader;
import io.trailhound.alarm.Delivery;
import io.trailhound.config.Config;
import io.trailhound.enrich.OfflineEnricher;
import io.trailhound.evidence.EventSource;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.evidence.RawEvent;
import io.trailhound.json.Json;
import io.trailhound.remediate.Remediator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart runtime hook: before Lambda takes the snapshot, run the whole handler path once on a built-in
 * sample (read the event, parse the alarm, compile the pattern, match, classify, group, render), entirely in memory, so the
 * restored function starts with those classes loaded and initialised. No AWS call is made: a call at
 * snapshot time would use the snapshot's credentials and could have side effects.
 */
public final class SnapStartPriming implements Resource {
    /** CRaC keeps resources weakly; this keeps ours alive for the life of the container. */
    private static SnapStartPriming registered;

    static final String SAMPLE_ALARM = "{\"AlarmName\":\"AttemptsToAccessDeletedSecretsAlarm\",\"AWSAccountId\":\"111122223333\","
            + "\"NewStateValue\":\"ALARM\",\"OldStateValue\":\"OK\",\"NewStateReason\":\"Threshold Crossed: 1 out of the last 1 datapoints"
            + " [1.0 (23/11/26 10:15:00)] was greater than or equal to the threshold (1.0).\",\"StateChangeTime\":\"2026-11-23T10:21:08.412+0000\","
            + "\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:111122223333:alarm:AttemptsToAccessDeletedSecretsAlarm\","
            + "\"Trigger\":{\"MetricName\":\"AttemptsToAccessDeletedSecrets\",\"Namespace\":\"CloudTrailLogMetrics\",\"Period\":300,"
            + "\"EvaluationPeriods\":1}}";
    static final String SAMPLE_RECORD = "{\"eventTime\":\"2026-11-23T10:15:42Z\",\"eventSource\":\"secretsmanager.amazonaws.com\","
            + "\"eventName\":\"GetSecretValue\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.10\",\"userAgent\":\"sdk\","
            + "\"errorCode\":\"InvalidRequestException\",\"errorMessage\":\"You can't perform this operation on the secret because it was"
            + " marked for deletion.\",\"requestParameters\":{\"secretId\":\"prod/db\"},\"eventID\":\"prime-1\",\"userIdentity\":{"
            + "\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/app/s\",\"sessionContext\":{\"sessionIssuer\":"
            + "{\"arn\":\"arn:aws:iam::111122223333:role/app\"}}}}";

    public static void register() {
        registered = new SnapStartPriming();
        Core.getGlobalContext().register(registered);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: clients resolve credentials per request
    }

    /** Runs the pipeline once in memory; returns the rendered alert text (for tests). */
    static String prime() {
        EventSource sample = (filter, window, budget, sink) -> {
            sink.accept(RawEvent.text(SAMPLE_RECORD, Instant.parse("2026-11-23T10:15:42Z"), "priming"));
            return EventSource.Result.COMPLETE;
        };
        String[] text = new String[1];
        Responder.Stages stages = new Responder.Stages(new MetricFilterCatalog(List.of()), sample,
                new OfflineEnricher(io.trailhound.enrich.ScheduleLookup.NONE), Remediator.OFF, alert -> {
                    text[0] = alert.text();
                    Json.write(Json.object().put("subject", alert.subject())); // the writer path too
                    return "primed";
                });
        // through the reader, as the handler receives it: an SNS event around the alarm message
        var event = Json.object();
        event.putArray("Records").addObject().put("EventSource", "aws:sns").putObject("Sns").put("MessageId", "priming")
                .put("Message", SAMPLE_ALARM);
        Delivery.Alarm alarm = (Delivery.Alarm) AlarmReader.read(Json.write(event)).get(0);
        new Responder(Config.from(Map.of()), stages, Clock.systemUTC()).respond(alarm.alarm());
        return text[0];
    }
}
