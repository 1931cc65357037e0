package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for CloudTrail's event history, because moto has no {@code LookupEvents}: a {@link FaultProxy}
 * in front of moto that answers LookupEvents (by EventId, EventName or ResourceName, in the Region the
 * request was signed for and the account its key acts in, the record's {@code recipientAccountId}) from the events a test declares genuine, shaped as CloudTrail returns them, and forwards every other
 * call to moto. A record planted in a log group is not in it, exactly as CloudTrail would not have it.
 */
final class CloudTrailStandIn implements AutoCloseable {
    static final String LOOKUP_EVENTS = OnlineBenchmark.LOOKUP_EVENTS;

    private final FaultProxy proxy;
    private final MotoAccounts accounts;
    private final List<ObjectNode> history = new CopyOnWriteArrayList<>();

    CloudTrailStandIn(MotoServer moto) throws IOException {
        proxy = new FaultProxy(moto.endpoint());
        accounts = new MotoAccounts(moto);
        proxy.answerWith(LOOKUP_EVENTS, this::lookup);
    }

    /** Where Trailhound should send its AWS calls (AWS_ENDPOINT_URL). */
    String endpoint() {
        return proxy.endpoint();
    }

    /** These CloudTrail records really happened: the event history holds them. */
    void happened(List<ObjectNode> records) {
        history.addAll(records);
    }

    /** The forwarding proxy, to inject faults into the other calls too. */
    FaultProxy proxy() {
        return proxy;
    }

    /** The accounts (recipientAccountId) of the genuine events whose IDs {@code text} contains, space-separated. */
    String accountsOfEventsNamedIn(String text) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode r : history) {
            if (text.contains(r.path("eventID").asText())) {
                out.append(' ').append(r.path("recipientAccountId").asText(MotoAccounts.CENTRAL));
            }
        }
        return out.toString();
    }

    int lookups() {
        return proxy.calls(LOOKUP_EVENTS);
    }

    private FaultProxy.Answer lookup(FaultProxy.Call call) {
        try {
            JsonNode request = World.JSON.readTree(call.body());
            JsonNode attribute = request.path("LookupAttributes").path(0);
            String key = attribute.path("AttributeKey").asText();
            String value = attribute.path("AttributeValue").asText();
            ObjectNode page = World.JSON.createObjectNode();
            ArrayNode events = page.putArray("Events");
            String account = accounts.accountOf(call.accessKey()); // each account has its own event history
            for (ObjectNode r : history) {
                if (matches(r, key, value)
                        && r.path("awsRegion").asText().equals(call.region())
                        && r.path("recipientAccountId")
                                .asText(MotoAccounts.CENTRAL)
                                .equals(account)) {
                    events.addObject()
                            .put("EventId", r.path("eventID").asText())
                            .put("EventName", r.path("eventName").asText())
                            .put("ReadOnly", "false")
                            .put("EventSource", r.path("eventSource").asText())
                            .put(
                                    "EventTime",
                                    Instant.parse(r.path("eventTime").asText()).getEpochSecond())
                            .put("CloudTrailEvent", r.toString());
                }
            }
            return new FaultProxy.Answer(
                    "application/x-amz-json-1.1", page.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ResourceName: CloudTrail's resource names of an event; here any name or ARN its request or response holds. */
    private static boolean matches(JsonNode r, String key, String value) {
        return switch (key) {
            case "EventId" -> value.equals(r.path("eventID").asText());
            case "EventName" -> value.equals(r.path("eventName").asText());
            case "ResourceName" ->
                names(r.path("requestParameters"), value) || names(r.path("responseElements"), value);
            default ->
                throw new IllegalArgumentException(
                        "the stand-in answers EventId, EventName and ResourceName lookups only");
        };
    }

    private static boolean names(JsonNode fields, String value) {
        for (JsonNode v : fields) {
            if (v.isTextual() && (value.equals(v.asText()) || v.asText().endsWith("/" + value))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
