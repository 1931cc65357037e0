package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A notification delivered again (SNS's redelivery, Lambda's retry of a failed invocation) yields one alert
 * and one set of optional outputs: the Lambda handler against moto's SNS, SQS, EventBridge and DynamoDB, with
 * {@link FaultProxy} failing the alert topic's Publish (and the idempotency table's write) in the first
 * attempt. What people and automation see is read where they read it: the queues subscribed to the alert
 * topic, the chat topic and the EventBridge rule.
 */
class RedeliveryMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final String UPDATE_ITEM = "DynamoDB_20120810.UpdateItem";

    World world;
    FaultProxy proxy;
    String chatQueue;
    String automationQueue;
    LambdaInvocation lambda;

    @BeforeEach
    void world() throws Exception {
        world = new World(MOTO);
        OutputsMotoTest.secretWorld(world);
        String chatTopic =
                world.aws.sns.createTopic(b -> b.name("trailhound-chat")).topicArn();
        chatQueue = world.queueOn(chatTopic, "chat");
        automationQueue = OutputsMotoTest.busWithQueue(world, "security-alerts");
        proxy = new FaultProxy(MOTO.endpoint());
        lambda = new LambdaInvocation(
                world,
                proxy,
                Duration.ofSeconds(60),
                Map.of(
                        "IDEMPOTENCY_TABLE",
                        world.idempotencyTable(),
                        "CHAT_TOPIC_ARN",
                        chatTopic,
                        "EVENT_BUS_NAME",
                        "security-alerts"));
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    String alarm() throws Exception {
        return world.alarmMessage(
                "AttemptsToAccessDeletedSecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
    }

    /** Every Publish to the alert topic fails (the chat topic's still go through) until {@link #snsIsBack}. */
    void alertTopicDown() {
        proxy.refuse(
                LambdaInvocation.PUBLISH,
                "TopicArn=" + URLEncoder.encode(world.alertTopicArn, StandardCharsets.UTF_8),
                500,
                "InternalError",
                "SNS is having a bad day");
    }

    void snsIsBack() {
        proxy.stopRefusing(LambdaInvocation.PUBLISH);
    }

    @Test
    void aRetryAfterTheAlertTopicFailedPublishesTheKeptAlertAndSendsNoSecondEventOrChatMessage() throws Exception {
        alertTopicDown();
        LambdaInvocation.Result failed = lambda.invoke(alarm(), "message-1");
        assertThat(failed.thrown())
                .as("a failed publish fails the invocation, so Lambda retries")
                .isNotNull();
        snsIsBack();

        LambdaInvocation.Result retry = lambda.invoke(alarm(), "message-1");
        assertThat(retry.thrown()).isNull();
        assertThat(retry.returned()).startsWith("sns:" + world.alertTopicArn + " message ");
        LambdaInvocation.Result redelivery = lambda.invoke(alarm(), "message-1");
        assertThat(redelivery.returned()).contains("was already handled and its alert published");

        List<World.Alert> alerts = world.alerts();
        assertThat(alerts).as("the alert, once").hasSize(1);
        assertThat(alerts.get(0).doc().at("/earlierAttempt/published").asBoolean(true))
                .as("the alert the first attempt kept")
                .isFalse();
        assertThat(world.received(automationQueue)).as("one EventBridge event").hasSize(1);
        assertThat(world.received(chatQueue)).as("one chat message").hasSize(1);
    }

    @Test
    void aRetryAfterTheAlertTopicAndTheTableFailedTakesOverAtOnceAndSendsNoSecondEventOrChatMessage() throws Exception {
        alertTopicDown();
        proxy.refuse(UPDATE_ITEM, "\"PENDING\"", 500, "InternalServerError", "DynamoDB is having a bad day too");
        LambdaInvocation.Result failed = lambda.invoke(alarm(), "message-2");
        assertThat(failed.thrown()).isNotNull();
        snsIsBack();
        proxy.stopRefusing(UPDATE_ITEM);

        // Lambda retries a minute later, long before the first attempt's lease (its deadline) would have ended
        LambdaInvocation.Result retry = lambda.invoke(alarm(), "message-2");
        assertThat(retry.thrown()).isNull();
        List<World.Alert> alerts = world.alerts();
        assertThat(alerts).as("the alert, once").hasSize(1);
        assertThat(world.received(automationQueue)).as("one EventBridge event").hasSize(1);
        assertThat(world.received(chatQueue)).as("one chat message").hasSize(1);
        assertThat(alerts.get(0).doc().path("notes").toString())
                .contains("an earlier attempt at this notification sent its alert to EventBridge, chat topic;"
                        + " this one is not sent there again");
        assertThat(alerts.get(0).doc().at("/counts/matched").asLong()).isEqualTo(3);

        assertThat(retry.returned())
                .contains("sns:" + world.alertTopicArn + " message ")
                .contains("EventBridge: sent by an earlier attempt at this notification, not again")
                .contains("chat topic: sent by an earlier attempt at this notification, not again");
    }

    @Test
    void anUnreadableNotificationDeliveredThreeTimesIsOneAlertAlsoWhenTheFirstPublishFailed() throws Exception {
        String text = "Hello from a misconfigured subscription";
        alertTopicDown();
        assertThat(lambda.invoke(text, "plain-1").thrown()).isNotNull();
        snsIsBack();

        LambdaInvocation.Result retry = lambda.invoke(text, "plain-1");
        assertThat(retry.thrown()).isNull();
        assertThat(retry.returned()).startsWith("sns:" + world.alertTopicArn + " message ");
        LambdaInvocation.Result redelivery = lambda.invoke(text, "plain-1");
        assertThat(redelivery.thrown()).isNull();
        assertThat(redelivery.publishes())
                .as("the redelivery publishes nothing")
                .isEmpty();
        assertThat(redelivery.returned()).contains("notification sns:plain-1 was already handled");

        List<World.Alert> alerts = world.alerts();
        assertThat(alerts).as("one unreadable-notification alert").hasSize(1);
        assertThat(alerts.get(0).doc().path("detection").asText()).isEqualTo("UNREADABLE_NOTIFICATION");
        assertThat(lambda.invoke(text, "plain-2").publishes())
                .as("another message with the same text is another notification")
                .hasSize(1);
        List<Message> chat = world.received(chatQueue);
        assertThat(chat)
                .as("an unreadable notification goes to the alert topic only")
                .isEmpty();
    }

    @Test
    void anUnreadableNotificationWithoutAMessageIdHasNothingToBeRecognisedBy() throws Exception {
        String event = "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":{\"not\":\"a string\"}}}]}";
        lambda.invokeWith(event);
        lambda.invokeWith(event);
        List<World.Alert> alerts = world.alerts();
        assertThat(alerts).as("each delivery is its own alert").hasSize(2);
        assertThat(alerts.get(0).attributes()).containsEntry("detection", "UNREADABLE_NOTIFICATION");
    }
}
