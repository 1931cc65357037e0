package io.trailhound.idempotency;

import io.trailhound.alert.RenderedAlert;
import io.trailhound.publish.FindingHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The idempotency table (partition key {@code id}, a string; TTL on {@code expiresAt}): GetItem, PutItem
 * and UpdateItem only. A claim is a conditional PutItem ({@code attribute_not_exists(id)}), so two
 * deliveries of one notification racing each other cannot both go on; a claim whose lease (the claiming
 * invocation's deadline) has passed belongs to an attempt that died and is taken over with a conditional
 * UpdateItem on the old lease. Records expire after {@link #KEEP}, the failure queue's retention, so a
 * notification redriven from it is still recognised.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore, FindingHistory {
    static final Duration KEEP = Duration.ofDays(14);
    /** Each call is short: the table is on the way to the alert, never in front of it. */
    private static final AwsRequestOverrideConfiguration TIMEOUTS = AwsRequestOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofMillis(1_500))
            .apiCallAttemptTimeout(Duration.ofMillis(700))
            .build();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Earlier begin(String id, Instant now, Instant leaseUntil) {
        Map<String, AttributeValue> item = read(id);
        if (item == null) {
            Map<String, AttributeValue> claim = new LinkedHashMap<>();
            claim.put("id", s(id));
            claim.put("state", s(State.IN_PROGRESS.name()));
            claim.put("leaseUntil", n(leaseUntil.getEpochSecond()));
            claim.put("createdAt", s(now.toString()));
            claim.put("expiresAt", n(now.plus(KEEP).getEpochSecond()));
            try {
                dynamo.putItem(b -> b.tableName(table)
                        .item(claim)
                        .conditionExpression("attribute_not_exists(id)")
                        .overrideConfiguration(TIMEOUTS));
                return Earlier.none();
            } catch (ConditionalCheckFailedException raced) {
                item = read(id); // another delivery claimed it a moment ago
                if (item == null) {
                    return Earlier.none();
                }
            }
        }
        State state = State.valueOf(item.get("state").s());
        List<String> actions = strings(item, "actions");
        List<String> outputs = strings(item, "outputs");
        Instant lease =
                Instant.ofEpochSecond(Long.parseLong(item.get("leaseUntil").n()));
        if (state == State.PENDING && item.containsKey("alert")) {
            return new Earlier(
                    State.PENDING, actions, outputs, alert(item.get("alert").m()), lease);
        }
        if (state == State.IN_PROGRESS && !lease.isAfter(now)) { // its attempt died (timeout, crash): take it over
            try {
                dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s(id)))
                        .updateExpression("SET #lease = :new")
                        .conditionExpression("#lease = :old")
                        .expressionAttributeNames(Map.of("#lease", "leaseUntil"))
                        .expressionAttributeValues(
                                Map.of(":new", n(leaseUntil.getEpochSecond()), ":old", n(lease.getEpochSecond())))
                        .overrideConfiguration(TIMEOUTS));
            } catch (ConditionalCheckFailedException raced) {
                return new Earlier(
                        State.IN_PROGRESS, actions, outputs, null, leaseUntil); // another retry took it first
            }
        }
        return new Earlier(state, actions, outputs, null, lease);
    }

    @Override
    public void recordAction(String id, String action) {
        append(id, "actions", action);
    }

    @Override
    public void recordOutput(String id, String output) {
        append(id, "outputs", output);
    }

    /** Appends {@code value} to the list {@code attribute} of {@code id}'s item, in one atomic UpdateItem. */
    private void append(String id, String attribute, String value) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s(id)))
                .updateExpression("SET #list = list_append(if_not_exists(#list, :none), :one)")
                .expressionAttributeNames(Map.of("#list", attribute))
                .expressionAttributeValues(Map.of(
                        ":none", AttributeValue.fromL(List.of()), ":one", AttributeValue.fromL(List.of(s(value)))))
                .overrideConfiguration(TIMEOUTS));
    }

    @Override
    public void pending(String id, RenderedAlert alert) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((k, v) -> attributes.put(k, s(v)));
        AttributeValue stored = AttributeValue.fromM(Map.of(
                "subject",
                s(alert.subject()),
                "text",
                s(alert.text()),
                "json",
                s(alert.json()),
                "attributes",
                AttributeValue.fromM(attributes)));
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s(id)))
                .updateExpression("SET #state = :pending, #alert = :alert")
                .expressionAttributeNames(Map.of("#state", "state", "#alert", "alert"))
                .expressionAttributeValues(Map.of(":pending", s(State.PENDING.name()), ":alert", stored))
                .overrideConfiguration(TIMEOUTS));
    }

    @Override
    public void published(String id, String where) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s(id)))
                .updateExpression("SET #state = :published, #to = :where REMOVE #alert")
                .expressionAttributeNames(Map.of("#state", "state", "#to", "publishedTo", "#alert", "alert"))
                .expressionAttributeValues(Map.of(":published", s(State.PUBLISHED.name()), ":where", s(where)))
                .overrideConfiguration(TIMEOUTS));
    }

    /** A conditional UpdateItem: only this attempt's claim, still in progress, is ended. */
    @Override
    public void release(String id, Instant leaseUntil, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("id", s(id)))
                    .updateExpression("SET #lease = :now")
                    .conditionExpression("#state = :inProgress AND #lease = :ours")
                    .expressionAttributeNames(Map.of("#lease", "leaseUntil", "#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":now", n(now.getEpochSecond()),
                            ":inProgress", s(State.IN_PROGRESS.name()),
                            ":ours", n(leaseUntil.getEpochSecond())))
                    .overrideConfiguration(TIMEOUTS));
        } catch (ConditionalCheckFailedException notOurs) {
            // kept as pending after all, or taken over by another attempt: its state stands
        }
    }

    /**
     * One item per key ({@code suppress:} and the key's SHA-256, so any resource or caller fits the key's
     * size): a conditional UpdateItem opens the window when none is open ({@code windowUntil} passed),
     * returning the old count; otherwise an atomic ADD counts the events, returning the new count.
     */
    @Override
    public Window suppress(String key, Instant now, Duration length, int events) {
        String id = "suppress:" + sha256(key);
        Map<String, String> names = Map.of("#until", "windowUntil", "#count", "suppressed");
        try {
            UpdateItemResponse opened = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("id", s(id)))
                    .updateExpression(
                            "SET #until = :until, #count = :zero, suppressionKey = :key, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(id) OR #until <= :now")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(
                            ":until",
                            n(now.plus(length).toEpochMilli()),
                            ":zero",
                            n(0),
                            ":key",
                            s(key),
                            ":expires",
                            n(now.plus(length).plus(KEEP).getEpochSecond()),
                            ":now",
                            n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_OLD)
                    .overrideConfiguration(TIMEOUTS));
            AttributeValue before = opened.hasAttributes() ? opened.attributes().get("suppressed") : null;
            return new Window(true, before == null ? 0 : Long.parseLong(before.n()));
        } catch (ConditionalCheckFailedException open) {
            UpdateItemResponse counted = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("id", s(id)))
                    .updateExpression("ADD #count :n")
                    .expressionAttributeNames(Map.of("#count", "suppressed"))
                    .expressionAttributeValues(Map.of(":n", n(events)))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .overrideConfiguration(TIMEOUTS));
            return new Window(
                    false, Long.parseLong(counted.attributes().get("suppressed").n()));
        }
    }

    /** How long a Security Hub finding's totals are kept after its last alert: Security Hub's 90 days, and some. */
    static final Duration OBSERVED_KEEP = Duration.ofDays(100);

    /**
     * One item per finding ({@code finding:} and the key's SHA-256): an atomic ADD counts the alert, and the
     * first-seen and created times are set only by the first, so concurrent alerts never lose one.
     */
    @Override
    public Observed observe(String key, Instant firstSeen, Instant now) {
        UpdateItemResponse r = dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("finding:" + sha256(key))))
                .updateExpression("ADD #count :n SET firstSeen = if_not_exists(firstSeen, :first),"
                        + " createdAt = if_not_exists(createdAt, :now), findingKey = :key, expiresAt = :expires")
                .expressionAttributeNames(Map.of("#count", "alerts"))
                .expressionAttributeValues(Map.of(
                        ":n", n(1),
                        ":first", s((firstSeen != null ? firstSeen : now).toString()),
                        ":now", s(now.toString()),
                        ":key", s(key),
                        ":expires", n(now.plus(OBSERVED_KEEP).getEpochSecond())))
                .returnValues(ReturnValue.ALL_NEW)
                .overrideConfiguration(TIMEOUTS));
        Map<String, AttributeValue> item = r.attributes();
        Instant first = Instant.parse(item.get("firstSeen").s());
        if (firstSeen != null && firstSeen.isBefore(first)) {
            first = firstSeen; // a late alert about earlier events
        }
        return new Observed(
                Long.parseLong(item.get("alerts").n()),
                first,
                Instant.parse(item.get("createdAt").s()));
    }

    private static String sha256(String key) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Map<String, AttributeValue> read(String id) {
        GetItemResponse r = dynamo.getItem(b ->
                b.tableName(table).key(Map.of("id", s(id))).consistentRead(true).overrideConfiguration(TIMEOUTS));
        return r.hasItem() && !r.item().isEmpty() ? r.item() : null;
    }

    private static List<String> strings(Map<String, AttributeValue> item, String attribute) {
        List<String> out = new ArrayList<>();
        if (item.containsKey(attribute)) {
            item.get(attribute).l().forEach(a -> out.add(a.s()));
        }
        return out;
    }

    private static RenderedAlert alert(Map<String, AttributeValue> m) {
        Map<String, String> attributes = new LinkedHashMap<>();
        m.get("attributes").m().forEach((k, v) -> attributes.put(k, v.s()));
        return new RenderedAlert(
                m.get("subject").s(), m.get("text").s(), m.get("json").s(), attributes);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
