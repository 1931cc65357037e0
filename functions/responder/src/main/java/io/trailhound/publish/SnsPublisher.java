package io.trailhound.publish;

import io.trailhound.alert.RenderedAlert;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * {@code sns:Publish} to the alert topic (never the alarm topic), with MessageStructure=json. The call has
 * its own time limit, within the reserve the Handler keeps for it, so a slow SNS fails the invocation
 * (and Lambda retries) rather than running into the function's timeout.
 */
public final class SnsPublisher implements Publisher {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private final SnsClient sns;
    private final String topicArn;

    public SnsPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String publish(RenderedAlert alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes()
                .forEach((k, v) -> attributes.put(
                        k,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(v)
                                .build()));
        String id = sns.publish(b -> b.topicArn(topicArn)
                        .subject(alert.subject())
                        .messageStructure("json")
                        .message(SnsEnvelope.SNS.body(alert))
                        .messageAttributes(attributes)
                        .overrideConfiguration(
                                o -> o.apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT)))
                .messageId();
        return "sns:" + topicArn + " message " + id;
    }
}
