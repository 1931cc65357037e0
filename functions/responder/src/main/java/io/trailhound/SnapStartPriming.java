package io.trailhound;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.alarm.AlarmReader;
import io.trailhound.alarm.Delivery;
import io.trailhound.aws.AwsClients;
import io.trailhound.aws.CannedHttpClient;
import io.trailhound.aws.CannedHttpClient.Canned;
import io.trailhound.budget.Budget;
import io.trailhound.config.Config;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.idempotency.IdempotencyStore;
import io.trailhound.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart runtime hook: before Lambda takes the snapshot, run the whole Lambda path on the three sample
 * alarms (parse, DescribeMetricFilters, FilterLogEvents, match, classify, group, DescribeSecret, DescribeKey,
 * ListAliases, ListResourceTags, LookupEvents, render, Publish, and the idempotency table's GetItem, PutItem and
 * UpdateItem), with SDK clients built exactly as the
 * function's own but over {@link CannedHttpClient}: each client's request marshalling, signing, retry and
 * response (and error) unmarshalling runs, so the restored function starts with those classes loaded and
 * initialised. Nothing leaves the process and nothing from the environment is used: the priming clients have
 * fixed fake credentials, and they are dropped afterwards (the function's clients resolve credentials on
 * their first real request, after the restore).
 */
public final class SnapStartPriming implements Resource {
    static final String SAMPLE = "/io/trailhound/priming-sample.json";
    static final String ACCOUNT = "111122223333";

    /** CRaC keeps resources weakly; this keeps ours alive for the life of the container. */
    private static SnapStartPriming registered;

    private volatile Instant checkpointAt;

    /**
     * What one priming run did: the operations the SDK sent, the alerts rendered, whether the runtime's event
     * reader read the sample event, and the time it took.
     */
    record Primed(Set<String> operations, List<String> alerts, boolean eventRead, Duration took) {
        String summary() {
            return alerts.size() + " sample alarms through the Lambda path, " + operations.size()
                    + " SDK operations over canned responses " + operations
                    + (eventRead ? ", the handler's event reading" : "") + ", in " + took.toMillis() + " ms";
        }
    }

    /**
     * Registers the checkpoint hooks. If this is a SnapStart init but no CRaC implementation is reachable (the
     * runtime's org.crac.Core.Compat property is absent, as in a container image or a custom runtime), the hooks
     * would never run: prime now instead, since the snapshot is taken after init anyway, and say so.
     */
    public static void register(Map<String, String> environment) {
        boolean snapStart = "snap-start".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
        if (cracReachable()) {
            registered = new SnapStartPriming();
            Core.getGlobalContext().register(registered);
        } else if (snapStart) {
            log(
                    "SnapStart priming: no CRaC runtime hooks (no org.crac.Core.Compat, no javax.crac or jdk.crac); priming during init: "
                            + prime(environment).summary());
        }
    }

    /** What org.crac.Core looks for, in its order: the package named by org.crac.Core.Compat, javax.crac, jdk.crac. */
    static boolean cracReachable() {
        List<String> packages = new ArrayList<>();
        String compat = System.getProperty("org.crac.Core.Compat");
        if (compat != null) {
            packages.add(compat);
        }
        packages.addAll(List.of("javax.crac", "jdk.crac"));
        for (String p : packages) {
            try {
                Class.forName(p + ".Core", false, SnapStartPriming.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next one
            }
        }
        return false;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        log("SnapStart priming: " + prime(System.getenv()).summary());
        checkpointAt = Instant.now();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        log("SnapStart restore: running again "
                + Duration.between(checkpointAt, Instant.now()).toMillis()
                + " ms after the checkpoint; the SDK clients resolve credentials on their first request");
    }

    private static void log(String message) {
        LambdaRuntime.getLogger().log(message, LogLevel.INFO);
    }

    /**
     * Runs the Lambda path on the sample alarms over canned SDK responses, in the function's Region (default
     * us-east-1), with the optional outputs the function's {@code environment} configures (Security Hub,
     * EventBridge, chat), each to a made-up destination.
     */
    static Primed prime(Map<String, String> environment) {
        long t0 = System.nanoTime();
        String region = environment.get(Config.AWS_REGION);
        String r = region == null || region.isBlank() ? "us-east-1" : region;
        JsonNode sample = sample();
        CannedHttpClient http = new CannedHttpClient(cannedResponses(sample, r));
        Config function = Config.from(environment);
        Map<String, String> priming = new HashMap<>(Map.of(
                Config.AWS_REGION,
                r,
                Config.ALERT_TOPIC_ARN,
                "arn:aws:sns:" + r + ":" + ACCOUNT + ":trailhound-priming",
                Config.IDEMPOTENCY_TABLE,
                "trailhound-priming"));
        if (function.securityHub()) {
            priming.put(Config.SECURITY_HUB, "on");
        }
        if (function.eventBusName() != null) {
            priming.put(Config.EVENT_BUS_NAME, "trailhound-priming");
        }
        if (function.chatTopicArn() != null) {
            priming.put(Config.CHAT_TOPIC_ARN, "arn:aws:sns:" + r + ":" + ACCOUNT + ":trailhound-priming-chat");
        }
        Config config = Config.from(priming);
        AwsClients aws = AwsClients.canned(config, http);
        Responder responder = new Responder(config, Wiring.lambda(config, aws), Clock.systemUTC(), Handler.RUNTIME_LOG);
        IdempotencyStore once = Wiring.idempotency(config, aws);
        List<String> alerts = new ArrayList<>();
        for (JsonNode alarm : sample.path("alarms")) {
            String id = "sns:priming-" + alerts.size();
            once.begin(
                    id, Instant.now(), Instant.now().plusSeconds(60)); // as the Handler does around each notification
            Responder.Outcome outcome =
                    responder.respond(alarm.asText(), Budget.until(Instant.now().plusSeconds(60), Clock.systemUTC()));
            once.pending(id, outcome.alert());
            once.published(id, outcome.detail());
            alerts.add(outcome.alert().text());
        }
        boolean reader = primeEventReading(sample.path("event").toString());
        return new Primed(new TreeSet<>(http.answered()), alerts, reader, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The handler reads the invocation's event itself (a stream handler): the SNS, EventBridge and SQS shapes. */
    static boolean primeEventReading(String snsEvent) {
        return AlarmReader.read(snsEvent).get(0) instanceof Delivery.Alarm;
    }

    private static JsonNode sample() {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE + " is missing from the artifact");
            }
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * DescribeAlarms' answer {"MetricAlarms":[],"CompositeAlarms":[]} in CBOR (RFC 8949): a map of two
     * entries (0xA2), each a text key (0x60 + length) and an empty array (0x80).
     */
    static final byte[] NO_ALARMS_CBOR = cborNoAlarms();

    private static byte[] cborNoAlarms() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0xA2);
        for (String key : List.of("MetricAlarms", "CompositeAlarms")) {
            byte[] k = key.getBytes(StandardCharsets.US_ASCII);
            out.write(0x60 + k.length);
            out.writeBytes(k);
            out.write(0x80);
        }
        return out.toByteArray();
    }

    /**
     * What each operation of the Lambda path answers: the three documented metric filters for every metric
     * (so each alarm's scan runs every pattern), the sample records, a secret and a key pending deletion, the
     * scheduling events, a published message id, and an AccessDenied for ListResourceTags so the error path
     * (error unmarshalling, AwsErrors) is primed too.
     */
    static Map<String, Canned> cannedResponses(JsonNode sample, String region) {
        Map<String, Canned> out = new HashMap<>();
        ObjectNode filters = Json.object();
        ArrayNode list = filters.putArray("metricFilters");
        String[][] documented = {
            {MetricFilterCatalog.SECRET_PATTERN, "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets"},
            {MetricFilterCatalog.KMS_PATTERN, "CloudTrailLogMetrics", "KMSKeyPendingDeletionErrorCount"},
            {MetricFilterCatalog.ROOT_PATTERN, "CloudTrailMetrics", "RootAccountUsageCount"}
        };
        for (String[] f : documented) {
            ObjectNode filter = list.addObject()
                    .put("filterName", f[2] + "-filter")
                    .put("logGroupName", "CloudTrail/priming")
                    .put("filterPattern", f[0])
                    .put("creationTime", 0);
            filter.putArray("metricTransformations")
                    .addObject()
                    .put("metricNamespace", f[1])
                    .put("metricName", f[2])
                    .put("metricValue", "1");
        }
        out.put("Logs_20140328.DescribeMetricFilters", Canned.json(Json.write(filters)));

        ObjectNode events = Json.object();
        ArrayNode eventList = events.putArray("events");
        int n = 0;
        for (JsonNode record : sample.path("records")) {
            long t = Instant.parse(record.path("eventTime").asText()).toEpochMilli();
            eventList
                    .addObject()
                    .put("logStreamName", ACCOUNT + "_CloudTrail_" + region)
                    .put("timestamp", t)
                    .put("message", Json.write(record))
                    .put("ingestionTime", t)
                    .put("eventId", String.valueOf(++n));
        }
        out.put("Logs_20140328.FilterLogEvents", Canned.json(Json.write(events)));

        long deletion = Instant.parse("2026-11-27T16:02:11Z").getEpochSecond();
        out.put(
                "secretsmanager.DescribeSecret",
                Canned.json("{\"ARN\":\"arn:aws:secretsmanager:" + region + ":" + ACCOUNT
                        + ":secret:prod/payments/db-password-Ab12Cd\",\"Name\":\"prod/payments/db-password\",\"DeletedDate\":"
                        + deletion
                        + ",\"Tags\":[{\"Key\":\"team\",\"Value\":\"payments\"}]}"));
        String keyArn = "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
        out.put(
                "TrentService.DescribeKey",
                Canned.json(
                        "{\"KeyMetadata\":{\"AWSAccountId\":\"" + ACCOUNT + "\",\"KeyId\":"
                                + "\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"Arn\":\"" + keyArn
                                + "\",\"KeyState\":\"PendingDeletion\",\"Enabled\":false,"
                                + "\"DeletionDate\":" + deletion
                                + ",\"KeyManager\":\"CUSTOMER\",\"KeyUsage\":\"ENCRYPT_DECRYPT\",\"Description\":\"priming\"}}"));
        out.put(
                "TrentService.ListAliases",
                Canned.json(
                        "{\"Aliases\":[{\"AliasName\":\"alias/priming\",\"AliasArn\":\"arn:aws:kms:" + region + ":"
                                + ACCOUNT
                                + ":alias/priming\",\"TargetKeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\"}],\"Truncated\":false}"));
        out.put(
                "TrentService.ListResourceTags",
                Canned.jsonError(400, "AccessDeniedException", "priming: not allowed"));

        ObjectNode lookup = Json.object();
        ArrayNode found = lookup.putArray("Events");
        for (JsonNode record : sample.path("scheduling")) {
            found.addObject()
                    .put("EventId", record.path("eventID").asText())
                    .put("EventName", record.path("eventName").asText())
                    .put(
                            "EventTime",
                            Instant.parse(record.path("eventTime").asText()).getEpochSecond())
                    .put("EventSource", record.path("eventSource").asText())
                    .put("CloudTrailEvent", Json.write(record));
        }
        out.put("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", Canned.json(Json.write(lookup)));

        // The idempotency table: no earlier delivery, so the claim succeeds and the updates follow.
        out.put("DynamoDB_20120810.GetItem", Canned.json("{}"));
        out.put("DynamoDB_20120810.PutItem", Canned.json("{}"));
        out.put("DynamoDB_20120810.UpdateItem", Canned.json("{}"));

        // The alarm check: CloudWatch knows no such alarm, so the sample is an unverified notification and the
        // rest of the path runs without acting (this primes the Smithy RPCv2 CBOR protocol CloudWatch speaks).
        out.put("GraniteServiceVersion20100801.DescribeAlarms", Canned.cbor(NO_ALARMS_CBOR));

        // The optional outputs, when configured: every finding imported, every event put.
        out.put(
                "POST /findings/import",
                Canned.restJson("{\"FailedCount\":0,\"SuccessCount\":3,\"FailedFindings\":[]}"));
        out.put(
                "AWSEvents.PutEvents",
                Canned.json(
                        "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"00000000-0000-0000-0000-000000000000\"}]}"));

        // Who the function is: the sample's resources are in its own account, so no member role is assumed.
        out.put(
                "Action=GetCallerIdentity",
                Canned.xml(
                        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                + "<GetCallerIdentityResult><Arn>arn:aws:sts::" + ACCOUNT
                                + ":assumed-role/trailhound-priming/priming</Arn><UserId>AROAPRIMING:priming</UserId>"
                                + "<Account>" + ACCOUNT + "</Account></GetCallerIdentityResult>"
                                + "<ResponseMetadata><RequestId>canned</RequestId></ResponseMetadata></GetCallerIdentityResponse>"));
        // The account's name in the organization (asked when the alert first needs it): primes Organizations.
        out.put(
                "AWSOrganizationsV20161128.DescribeAccount",
                Canned.json("{\"Account\":{\"Id\":\"" + ACCOUNT + "\",\"Name\":\"priming\"}}"));
        out.put(
                "Action=Publish",
                Canned.xml("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>00000000-0000-0000-0000-000000000000</MessageId></PublishResult><ResponseMetadata><RequestId>canned</RequestId>"
                        + "</ResponseMetadata></PublishResponse>"));
        return out;
    }
}
