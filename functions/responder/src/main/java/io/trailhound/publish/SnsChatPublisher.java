package io.trailhound.publish;

import io.trailhound.alert.Alert;
import io.trailhound.alert.ChatNotification;
import io.trailhound.alert.RenderedAlert;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * {@code sns:Publish} of the custom notification to the chat topic, which Amazon Q Developer in chat
 * applications maps to a Slack or Microsoft Teams channel. A plain message (that service reads the JSON
 * itself), marked as Trailhound's own like every alert, within the time SnsPublisher has.
 */
public final class SnsChatPublisher implements Output {
    private final SnsClient sns;
    private final String topicArn;

    public SnsChatPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String name() {
        return "chat topic";
    }

    @Override
    public String document(Alert alert, RenderedAlert rendered) {
        return ChatNotification.json(alert, rendered);
    }

    @Override
    public String send(Alert alert, RenderedAlert rendered) {
        String id = sns.publish(b -> b.topicArn(topicArn)
                        .message(document(alert, rendered))
                        .messageAttributes(Map.of(
                                io.trailhound.alarm.OwnMessage.ORIGIN_ATTRIBUTE,
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("trailhound")
                                        .build()))
                        .overrideConfiguration(o ->
                                o.apiCallTimeout(Outputs.CALL_TIMEOUT).apiCallAttemptTimeout(Outputs.ATTEMPT_TIMEOUT)))
                .messageId();
        return "chat:" + topicArn + " message " + id;
    }
}
