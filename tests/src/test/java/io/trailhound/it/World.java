package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.cli.InvokeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A small AWS world in moto: a CloudTrail log group with a metric filter and CloudTrail records, an alert
 * topic with an SQS queue subscribed (raw delivery, so the queue holds what a machine subscriber gets),
 * and helpers to run {@code invoke} in-process and read the alert back.
 */
final class World {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Secrets Manager's error for a secret scheduled for deletion, as CloudTrail records it. */
    static final String GONE = "You can't perform this operation on the secret because it was marked for deletion.";

    static final DateTimeFormatter DATAPOINT =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

    final MotoServer moto;
    final Aws aws;
    /** The start of the breaching period: the events happen just after it. */
    final Instant datapoint =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.MINUTES); // moto's ALARM is set now

    String alertTopicArn;
    String queueUrl;

    World(MotoServer moto) {
        this.moto = moto;
        this.aws = new Aws(moto);
    }

    void alertTopicWithQueue() {
        alertTopicArn = aws.sns.createTopic(b -> b.name("trailhound-alerts")).topicArn();
        queueUrl = aws.sqs.createQueue(b -> b.queueName("alerts")).queueUrl();
        String queueArn = aws.sqs
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        aws.sns.subscribe(b -> b.topicArn(alertTopicArn)
                .protocol("sqs")
                .endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    /** A queue of its own, subscribed to {@code topicArn} with raw delivery (what that topic's subscriber gets); returns its URL. */
    String queueOn(String topicArn, String name) {
        String url = aws.sqs.createQueue(b -> b.queueName(name)).queueUrl();
        aws.sns.subscribe(b -> b.topicArn(topicArn)
                .protocol("sqs")
                .endpoint(queueArn(url))
                .attributes(Map.of("RawMessageDelivery", "true")));
        return url;
    }

    String queueArn(String url) {
        return aws.sqs
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** The messages a queue holds now (each is then hidden for 30 s). */
    List<Message> received(String url) {
        return aws.sqs
                .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
                .messages();
    }

    /** The idempotency table as the template creates it (partition key id, a string; on demand); returns its name. */
    String idempotencyTable() {
        aws.dynamo.createTable(b -> b.tableName("trailhound-idempotency")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
        return "trailhound-idempotency";
    }

    void logGroupWithFilter(String logGroup, String pattern, String namespace, String metric) {
        aws.logs.createLogGroup(b -> b.logGroupName(logGroup));
        aws.logs.createLogStream(b -> b.logGroupName(logGroup).logStreamName("111122223333_CloudTrail_us-east-1"));
        aws.logs.putMetricFilter(b -> b.logGroupName(logGroup)
                .filterName(metric + "-filter")
                .filterPattern(pattern)
                .metricTransformations(MetricTransformation.builder()
                        .metricNamespace(namespace)
                        .metricName(metric)
                        .metricValue("1")
                        .build()));
    }

    /** Records that happened: in the log group (the trail's own stream) and in the stand-in's event history. */
    void happened(CloudTrailStandIn cloudTrail, String logGroup, List<ObjectNode> records) {
        putEvents(logGroup, records);
        cloudTrail.happened(records);
    }

    /** Records someone with logs:PutLogEvents wrote into a stream of their own: never in CloudTrail's history. */
    void plant(String logGroup, String stream, List<ObjectNode> records) {
        aws.logs.createLogStream(b -> b.logGroupName(logGroup).logStreamName(stream));
        putEvents(logGroup, stream, records);
    }

    void putEvents(String logGroup, List<ObjectNode> records) {
        putEvents(logGroup, "111122223333_CloudTrail_us-east-1", records);
    }

    void putEvents(String logGroup, String stream, List<ObjectNode> records) {
        List<InputLogEvent> events = new ArrayList<>();
        for (ObjectNode r : records) {
            Instant t = Instant.parse(r.get("eventTime").asText());
            events.add(InputLogEvent.builder()
                    .timestamp(t.toEpochMilli())
                    .message(r.toString())
                    .build());
        }
        events.sort(Comparator.comparing(InputLogEvent::timestamp));
        aws.logs.putLogEvents(
                b -> b.logGroupName(logGroup).logStreamName(stream).logEvents(events));
    }

    /** A CloudTrail record at {@code secondsAfterDatapoint}; {@code fields} override or add top-level fields. */
    ObjectNode record(int secondsAfterDatapoint, Map<String, Object> fields) {
        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", "1.08");
        r.set(
                "userIdentity",
                JSON.valueToTree(Map.of(
                        "type",
                        "AssumedRole",
                        "arn",
                        "arn:aws:sts::" + MotoServer.ACCOUNT + ":assumed-role/payments-api/app-7f3a",
                        "accountId",
                        MotoServer.ACCOUNT,
                        "sessionContext",
                        Map.of(
                                "sessionIssuer",
                                Map.of(
                                        "type",
                                        "Role",
                                        "arn",
                                        "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/payments-api")))));
        r.put(
                "eventTime",
                datapoint
                        .plusSeconds(secondsAfterDatapoint)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        r.put("awsRegion", MotoServer.REGION);
        r.put("sourceIPAddress", "203.0.113.10");
        r.put("userAgent", "aws-sdk-java/2.40.2");
        r.put("eventID", UUID.randomUUID().toString());
        r.put("eventType", "AwsApiCall");
        r.put("recipientAccountId", MotoServer.ACCOUNT);
        fields.forEach((k, v) -> r.set(k, JSON.valueToTree(v)));
        return r;
    }

    /** The DeleteSecret call that scheduled {@code name} for deletion, {@code secondsAfterDatapoint} from the datapoint (negative: before). */
    ObjectNode deleteSecretCall(int secondsAfterDatapoint, String name, String arn, String region) {
        return record(
                secondsAfterDatapoint,
                Map.of(
                        "eventSource",
                        "secretsmanager.amazonaws.com",
                        "eventName",
                        "DeleteSecret",
                        "awsRegion",
                        region,
                        "requestParameters",
                        Map.of("secretId", name, "recoveryWindowInDays", 7),
                        "responseElements",
                        Map.of("arn", arn, "name", name),
                        "userIdentity",
                        Map.of(
                                "type",
                                "IAMUser",
                                "arn",
                                "arn:aws:iam::" + MotoServer.ACCOUNT + ":user/alice",
                                "accountId",
                                MotoServer.ACCOUNT)));
    }

    /** The fields of a GetSecretValue call refused because the secret is scheduled for deletion. */
    static Map<String, Object> deletedSecretRead(String secretId) {
        return Map.of(
                "eventSource",
                "secretsmanager.amazonaws.com",
                "eventName",
                "GetSecretValue",
                "errorCode",
                "InvalidRequestException",
                "errorMessage",
                GONE,
                "requestParameters",
                Map.of("secretId", secretId));
    }

    /**
     * A LookupEvents page (as CloudTrail returns it) holding the DeleteSecret event of {@code secret}, which
     * must exist in moto, or no event when {@code secret} is null; with {@code nextToken} when not null.
     */
    String lookupEventsPage(String secret, String nextToken) {
        var page = JSON.createObjectNode();
        var events = page.putArray("Events");
        if (secret != null) {
            String arn = aws.secrets.describeSecret(b -> b.secretId(secret)).arn();
            var record = record(
                    -86_400,
                    Map.of(
                            "eventSource",
                            "secretsmanager.amazonaws.com",
                            "eventName",
                            "DeleteSecret",
                            "requestParameters",
                            Map.of("secretId", secret, "recoveryWindowInDays", 7),
                            "responseElements",
                            Map.of("arn", arn, "name", secret)));
            events.addObject()
                    .put("EventId", record.get("eventID").asText())
                    .put("EventName", "DeleteSecret")
                    .put("ReadOnly", "false")
                    .put(
                            "EventTime",
                            Instant.parse(record.get("eventTime").asText()).getEpochSecond())
                    .put("EventSource", "secretsmanager.amazonaws.com")
                    .put("CloudTrailEvent", record.toString());
        }
        if (nextToken != null) {
            page.put("NextToken", nextToken);
        }
        return page.toString();
    }

    /** An SNS event file carrying the alarm message, as `sam local invoke -e` takes it. */
    Path alarmEvent(Path dir, String alarmName, String namespace, String metric) throws Exception {
        return snsEvent(dir, alarmName, alarmMessage(alarmName, namespace, metric));
    }

    private static Path snsEvent(Path dir, String alarmName, String message) throws Exception {
        Path file = dir.resolve(alarmName + ".json");
        Files.writeString(
                file,
                JSON.writeValueAsString(Map.of(
                        "Records",
                        List.of(Map.of(
                                "EventSource",
                                "aws:sns",
                                "Sns",
                                Map.of(
                                        "Type",
                                        "Notification",
                                        "MessageId",
                                        UUID.randomUUID().toString(),
                                        "Message",
                                        message))))));
        return file;
    }

    /**
     * The alarm message CloudWatch publishes for this world's breaching datapoint: the alarm is created in
     * moto's CloudWatch and set to ALARM for that reason, and the message carries moto's state-change time,
     * so Trailhound's check with CloudWatch finds it as it would find a real one.
     */
    String alarmMessage(String alarmName, String namespace, String metric) throws Exception {
        String reason = breachReason();
        aws.cloudWatch.putMetricAlarm(b -> b.alarmName(alarmName)
                .namespace(namespace)
                .metricName(metric)
                .statistic(Statistic.SUM)
                .period(300)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData("notBreaching"));
        aws.cloudWatch.setAlarmState(
                b -> b.alarmName(alarmName).stateValue(StateValue.ALARM).stateReason(reason));
        MetricAlarm alarm = aws.cloudWatch
                .describeAlarms(b -> b.alarmNames(alarmName))
                .metricAlarms()
                .get(0);
        return message(alarmName, namespace, metric, reason, alarm.stateUpdatedTimestamp());
    }

    /** A notification for an alarm CloudWatch does not have, as anyone allowed to sns:Publish could send it. */
    Path forgedAlarmEvent(Path dir, String alarmName, String namespace, String metric, String reason) throws Exception {
        return snsEvent(dir, alarmName, message(alarmName, namespace, metric, reason, Instant.now()));
    }

    String breachReason() {
        return "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (" + DATAPOINT.format(datapoint)
                + ")] was greater than or equal to the threshold (1.0).";
    }

    static String message(String alarmName, String namespace, String metric, String reason, Instant changed)
            throws Exception {
        return JSON.writeValueAsString(Map.of(
                "AlarmName",
                alarmName,
                "AWSAccountId",
                MotoServer.ACCOUNT,
                "NewStateValue",
                "ALARM",
                "OldStateValue",
                "OK",
                "NewStateReason",
                reason,
                "StateChangeTime",
                changed.toString(),
                "AlarmArn",
                "arn:aws:cloudwatch:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":alarm:" + alarmName,
                "Trigger",
                Map.of(
                        "MetricName",
                        metric,
                        "Namespace",
                        namespace,
                        "Statistic",
                        "SUM",
                        "Period",
                        300,
                        "EvaluationPeriods",
                        1,
                        "DatapointsToAlarm",
                        1,
                        "Threshold",
                        1.0)));
    }

    record Run(String out, String err) {}

    /** Runs `invoke` in-process with moto's environment (and the alert topic when there is one). */
    Run invoke(String... args) throws Exception {
        return invokeWith(Map.of(), args);
    }

    /** As {@link #invoke}, with extra or overriding environment variables. */
    Run invokeWith(Map<String, String> extraEnv, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(moto.env());
        if (alertTopicArn != null) {
            env.put("ALERT_TOPIC_ARN", alertTopicArn);
        }
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InvokeCommand.run(
                List.of(args),
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The alerts the queue received: JSON documents with their SNS message attributes. */
    List<Alert> alerts() throws Exception {
        List<Alert> out = new ArrayList<>();
        for (Message m : aws.sqs
                .receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).messageAttributeNames("All"))
                .messages()) {
            Map<String, String> attrs = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> attrs.put(k, v.stringValue()));
            out.add(new Alert(JSON.readTree(m.body()), attrs));
        }
        return out;
    }

    record Alert(JsonNode doc, Map<String, String> attributes) {}
}
