package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.publish.SnsPublisher;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SnsPublisher against moto's SNS: what a machine subscriber (raw delivery) and a subscriber of the SNS
 * envelope receive.
 */
class SnsPublisherMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final RenderedAlert ALERT = new RenderedAlert(
            "Trailhound: secret prod/db (scheduled for deletion) used by app",
            "Trailhound alert: Secret scheduled for deletion was accessed (severity HIGH)\n",
            "{\"source\":\"trailhound\",\"version\":1,\"detection\":\"SECRET_MARKED_FOR_DELETION\"}",
            Map.of("detection", "SECRET_MARKED_FOR_DELETION", "severity", "HIGH", "origin", "trailhound"));

    @Test
    void aRawSubscriberGetsTheJsonDocumentAndEveryAttribute() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        String where = new SnsPublisher(w.aws.sns, w.alertTopicArn).publish(ALERT);
        assertThat(where).startsWith("sns:" + w.alertTopicArn + " message ");
        assertThat(where.substring(where.lastIndexOf(' ') + 1))
                .as("SNS's message id")
                .isNotBlank();
        assertThat(w.alerts()).singleElement().satisfies(a -> {
            assertThat(a.doc()).isEqualTo(World.JSON.readTree(ALERT.json()));
            assertThat(a.attributes()).isEqualTo(ALERT.attributes());
        });
    }

    @Test
    void theEnvelopeCarriesTheSubjectAndTheDefaultMessage() throws Exception {
        World w = new World(MOTO);
        w.alertTopicWithQueue();
        String queueUrl = w.aws.sqs.createQueue(b -> b.queueName("envelope")).queueUrl();
        String queueArn = w.aws.sqs
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        w.aws.sns.subscribe(b -> b.topicArn(w.alertTopicArn).protocol("sqs").endpoint(queueArn));
        new SnsPublisher(w.aws.sns, w.alertTopicArn).publish(ALERT);
        Message m = w.aws.sqs
                .receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                .messages()
                .get(0);
        JsonNode envelope = World.JSON.readTree(m.body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("Subject").asText()).isEqualTo(ALERT.subject());
        assertThat(World.JSON.readTree(envelope.path("Message").asText()))
                .as("SQS gets the default key of the MessageStructure=json body: the document")
                .isEqualTo(World.JSON.readTree(ALERT.json()));
        assertThat(envelope.path("MessageAttributes")
                        .path("severity")
                        .path("Value")
                        .asText())
                .isEqualTo("HIGH");
    }
}
