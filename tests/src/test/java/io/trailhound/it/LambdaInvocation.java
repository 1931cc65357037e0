package io.trailhound.it;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.Handler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the Lambda handler the way the runtime does: built once from the function's environment, then
 * invoked with the bytes of an SNS event and a {@link Context} whose remaining time follows the real clock towards a
 * real deadline (the function's timeout from the moment of invocation). All AWS traffic goes through a
 * {@link FaultProxy} in front of moto, which also records when the alert was published.
 */
final class LambdaInvocation {
    static final String PUBLISH = "Action=Publish";

    /** What one invocation did: its result or exception, and when the alert reached SNS, if it did. */
    record Result(
            Instant started,
            Instant deadline,
            Instant finished,
            String returned,
            RuntimeException thrown,
            List<Instant> publishes) {
        Duration timeToAlert() {
            return publishes.isEmpty() ? null : Duration.between(started, publishes.get(0));
        }

        boolean alertedBeforeDeadline() {
            return !publishes.isEmpty() && publishes.get(0).isBefore(deadline);
        }
    }

    private final Handler handler;
    private final FaultProxy proxy;
    private final Duration timeout;

    /** The handler as Lambda builds it, from {@code extraEnv} on top of moto's environment, behind {@code proxy}. */
    LambdaInvocation(World world, FaultProxy proxy, Duration timeout, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(world.moto.env());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint());
        env.put("ALERT_TOPIC_ARN", world.alertTopicArn);
        env.putAll(extraEnv);
        this.handler = new Handler(env);
        this.proxy = proxy;
        this.timeout = timeout;
    }

    Result invoke(String message) {
        return invoke(message, UUID.randomUUID().toString());
    }

    /** One invocation for an SNS record with this message ID; the clock starts now. */
    Result invoke(String message, String messageId) {
        ObjectNode event = World.JSON.createObjectNode();
        event.putArray("Records")
                .addObject()
                .put("EventSource", "aws:sns")
                .putObject("Sns")
                .put("Type", "Notification")
                .put("MessageId", messageId)
                .put("Message", message);
        return invokeWith(event.toString());
    }

    /** One invocation with this event exactly as the runtime would hand it over (any shape); the clock starts now. */
    Result invokeWith(String event) {
        int before = proxy.callTimes(PUBLISH).size();
        Instant started = Instant.now();
        Instant deadline = started.plus(timeout);
        String returned = null;
        RuntimeException thrown = null;
        try {
            // the raw bytes, as the runtime hands them to a RequestStreamHandler
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    out,
                    new DeadlineContext(deadline));
            returned = World.JSON.readTree(out.toByteArray()).asText();
        } catch (RuntimeException e) {
            thrown = e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instant> all = proxy.callTimes(PUBLISH);
        return new Result(started, deadline, Instant.now(), returned, thrown, all.subList(before, all.size()));
    }

    /** A Lambda context whose remaining time is measured against a real deadline. */
    record DeadlineContext(Instant deadline) implements Context {
        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        }

        @Override
        public String getAwsRequestId() {
            return "test-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/trailhound-responder";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "trailhound-responder";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:" + MotoServer.ACCOUNT + ":function:trailhound-responder:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
