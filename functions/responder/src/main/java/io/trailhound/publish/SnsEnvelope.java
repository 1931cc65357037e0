package io.trailhound.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.alarm.OwnMessage;
import io.trailhound.alert.Alert;
import io.trailhound.alert.MessageEnvelope;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.alert.Sanitize;
import io.trailhound.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SNS message an alert is published as: the {@code MessageStructure=json} body, the bytes SNS counts,
 * its limit, and the message attributes subscribers filter on.
 */
public final class SnsEnvelope implements MessageEnvelope {
    /** SNS allows 262,144 bytes for message and attributes together; keep room for the attributes. */
    public static final int BUDGET = 256 * 1024 - 8 * 1024;

    public static final SnsEnvelope SNS = new SnsEnvelope();

    private SnsEnvelope() {}

    /**
     * The MessageStructure=json body. SNS sends a protocol's own key when present, else "default"; so the
     * JSON document is the default (SQS, Lambda, HTTP/S, Firehose, e-mail-json) and only e-mail gets the
     * text: each is carried once, and together they share the 256 KB.
     */
    public String body(RenderedAlert r) {
        ObjectNode body = Json.object();
        body.put("default", r.json());
        body.put("email", r.text());
        return Json.write(body);
    }

    /** The bytes SNS counts: the MessageStructure=json body as sent. */
    @Override
    public int bytes(RenderedAlert r) {
        return body(r).getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public int budget() {
        return BUDGET;
    }

    @Override
    public Map<String, String> attributes(Alert alert) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("detection", alert.headline().name());
        attrs.put("severity", alert.severity());
        if (alert.alarm().accountId() != null) {
            attrs.put("account", Sanitize.subject(alert.alarm().accountId(), 64));
        }
        if (alert.alarm().region() != null) {
            attrs.put("region", Sanitize.subject(alert.alarm().region(), 64));
        }
        attrs.put(OwnMessage.ORIGIN_ATTRIBUTE, "trailhound");
        return attrs;
    }
}
