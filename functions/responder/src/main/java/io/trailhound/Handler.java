package io.trailhound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.AlarmReader;
import io.trailhound.alarm.Delivery;
import io.trailhound.alarm.LogBatch;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.alert.Sanitize;
import io.trailhound.aws.AwsClients;
import io.trailhound.budget.Budget;
import io.trailhound.config.Config;
import io.trailhound.idempotency.IdempotencyStore;
import io.trailhound.idempotency.Once;
import io.trailhound.json.Json;
import io.trailhound.publish.Publisher;
import io.trailhound.subscription.Suppression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point for every way an alarm arrives: the alarm topic's SNS events, an SQS queue subscribed
 * to it, an EventBridge rule, or the alarm's own Lambda action. It takes the raw event
 * ({@link RequestStreamHandler}) because no one event class of aws-lambda-java-events fits all of them;
 * {@link AlarmReader} tells them apart. Every notification is handled; a message Trailhound published
 * itself is ignored; one that is not an alarm still reaches people as an alert saying what it is. Only a
 * failure to publish fails the invocation, after every notification was tried, so Lambda retries and the
 * on-failure destination keeps the event.
 */
public final class Handler implements RequestStreamHandler {
    /**
     * Kept back from the function's remaining time for publishing the alert: SnsPublisher's call timeout
     * (5 s), the idempotency record's two writes around it (1.5 s each at most) and a margin. The
     * investigation's budget ends this long before Lambda's own timeout; chosen together with the template's
     * Timeout (120 s), so an alert goes out by 111 s at the latest.
     */
    public static final Duration RESERVE = Duration.ofSeconds(9);

    private final Config config;
    private final Responder responder;
    private final Publisher publisher;
    private final Once once;
    private final Suppression suppression;
    /** Kept back from each record's budget for publishing: the alert topic's and each optional output's. */
    private final Duration reserve;

    /** Used by Lambda: clients and stages are built once per container, then the path is primed for SnapStart. */
    public Handler() {
        this(System.getenv());
        SnapStartPriming.register(System.getenv());
    }

    /** As Lambda builds it, from the given environment instead of the process's (test harnesses). */
    public Handler(Map<String, String> environment) {
        this(Config.from(environment), Wiring.InitClients.of(environment));
    }

    private Handler(Config config, Wiring.InitClients clients) {
        this(config, new AwsClients(config), clients);
    }

    private Handler(Config config, AwsClients aws, Wiring.InitClients clients) {
        this(config, Wiring.lambda(config, aws, clients), Wiring.idempotency(config, aws));
    }

    Handler(Config config, Responder.Stages stages) {
        this(config, stages, IdempotencyStore.NONE);
    }

    Handler(Config config, Responder.Stages stages, IdempotencyStore store) {
        this.config = config;
        this.responder = new Responder(config, stages, Clock.systemUTC(), RUNTIME_LOG);
        this.publisher = stages.publisher();
        this.reserve = RESERVE.plus(io.trailhound.publish.Outputs.RESERVE_EACH.multipliedBy(
                stages.outputs().list().size()));
        this.once = new Once(store, Clock.systemUTC(), message -> log(LogLevel.WARN, null, message));
        this.suppression =
                new Suppression(store, config.suppressionWindow(), message -> log(LogLevel.WARN, null, message));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String result = handle(new String(input.readAllBytes(), StandardCharsets.UTF_8), context);
        output.write(Json.write(TextNode.valueOf(result)).getBytes(StandardCharsets.UTF_8));
    }

    /** Handles one invocation's event; returns what happened to each notification. */
    String handle(String event, Context context) {
        List<Delivery> deliveries = AlarmReader.read(event);
        if (deliveries.isEmpty()) {
            log(LogLevel.WARN, null, "the event has no records; nothing to do");
            return "no records";
        }
        return String.join("; ", Notifications.handle(deliveries, new LambdaFront(context)));
    }

    /** The Lambda's side of the per-record rules: the idempotency record around each investigation, log lines. */
    private final class LambdaFront implements Notifications.Front {
        private final Context context;

        LambdaFront(Context context) {
            this.context = context;
        }

        @Override
        public Publisher publisher() {
            return publisher;
        }

        @Override
        public String investigate(Notifications.Item item, AlarmNotification alarm) {
            String messageId = item.delivery().id();
            return once(
                    messageId == null ? null : "sns:" + messageId,
                    alarm.alarmName(),
                    context,
                    item.left(),
                    attempt -> responder.respond(alarm, attempt));
        }

        @Override
        public String investigate(Notifications.Item item, LogBatch batch) {
            return once(item.delivery().id(), null, context, item.left(), attempt -> {
                Suppression.Admitted admitted = suppression.admit(batch, Instant.now());
                if (admitted.batch().events().isEmpty()) {
                    return new Responder.Outcome(
                            false,
                            "suppressed " + admitted.suppressed() + " event(s), already alerted within the "
                                    + config.suppressionWindow() + " window: "
                                    + String.join("; ", admitted.suppressedKeys()),
                            null,
                            List.of());
                }
                if (admitted.suppressed() > 0) {
                    log(LogLevel.INFO, null, "suppressed (counted): " + String.join("; ", admitted.suppressedKeys()));
                }
                return responder.respond(admitted.batch(), attempt.withNotes(admitted.notes()));
            });
        }

        /** Through the idempotency record too, so a redelivered unreadable notification is one alert, not one each time. */
        @Override
        public String publishUnreadable(Notifications.Item item, RenderedAlert alert) {
            String messageId = item.delivery().id();
            return once(
                    messageId == null ? null : "sns:" + messageId,
                    null,
                    context,
                    item.left(),
                    attempt -> new Responder.Outcome(true, attempt.publisher().publish(alert), alert, List.of()));
        }

        @Override
        public void own(Notifications.Item item) {
            log(LogLevel.INFO, null, "ignoring message " + item.delivery().id() + ": Trailhound published it");
        }

        @Override
        public void control(Notifications.Item item, String logGroup) {
            log(
                    LogLevel.INFO,
                    null,
                    "CloudWatch Logs checked that the subscription of " + logGroup
                            + " reaches this function: no alert");
        }

        @Override
        public void unreadable(Notifications.Item item, String reason) {
            log(
                    LogLevel.ERROR,
                    alarmName(item),
                    "message " + item.delivery().id() + " is not a usable alarm notification: " + reason);
        }

        @Override
        public void failed(Notifications.Item item, Throwable error) {
            log(LogLevel.ERROR, alarmName(item), "message " + item.delivery().id() + ": unexpected failure: " + error);
        }

        @Override
        public void publishFailed(Notifications.Item item, RuntimeException error) {
            log(
                    LogLevel.ERROR,
                    alarmName(item),
                    "message " + item.delivery().id() + ": publishing the alert failed: "
                            + (error instanceof Responder.PublishFailedException ? error.getCause() : error));
        }

        private static String alarmName(Notifications.Item item) {
            return item.delivery() instanceof Delivery.Alarm d ? d.alarm().alarmName() : null;
        }
    }

    /**
     * One notification through the idempotency record: a duplicate is skipped; an alert an earlier attempt
     * prepared but could not publish is published now; otherwise {@code respond} runs the pipeline.
     */
    private String once(
            String key,
            String alarm,
            Context context,
            int recordsLeft,
            java.util.function.Function<Responder.Attempt, Responder.Outcome> respond) {
        Once.Attempt attempt = once.begin(key, deadline(context));
        if (attempt.skip() != null) {
            log(LogLevel.INFO, alarm, attempt.skip());
            return attempt.skip();
        }
        if (attempt.pendingAlert() != null) { // an earlier attempt could not publish it: publish that alert now
            log(LogLevel.INFO, alarm, "message " + key + ": publishing the alert an earlier attempt prepared");
            try {
                return attempt.around(publisher).publish(attempt.pendingAlert());
            } catch (RuntimeException e) {
                log(LogLevel.ERROR, alarm, "message " + key + ": publishing the alert failed again: " + e);
                throw new Responder.PublishFailedException(e);
            }
        }
        Responder.Outcome outcome = respond.apply(new Responder.Attempt(
                budget(context, recordsLeft, reserve),
                attempt::acted,
                attempt.earlierActions(),
                attempt.around(publisher),
                attempt.deliveries(),
                List.of()));
        log(LogLevel.INFO, alarm, "message " + key + ": " + outcome.detail());
        if (outcome.alert() != null) {
            logAlert(alarm, outcome.alert().json());
        }
        return outcome.detail();
    }

    /** When Lambda stops the invocation; far away without a context (tests, local runs). */
    static Instant deadline(Context context) {
        return context == null
                ? Instant.now().plus(Duration.ofMinutes(15))
                : Instant.now().plusMillis(context.getRemainingTimeInMillis());
    }

    /** This record's budget: its share of the time left for the records not yet handled, minus the reserve. */
    static Budget budget(Context context, int recordsLeft) {
        return budget(context, recordsLeft, RESERVE);
    }

    /** As {@link #budget(Context, int)}, keeping {@code reserve} back for publishing. */
    static Budget budget(Context context, int recordsLeft, Duration reserve) {
        Clock clock = Clock.systemUTC();
        if (context == null) {
            return Budget.unlimited(clock);
        }
        Instant end =
                clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(reserve);
        return Budget.until(end, clock).share(1.0 / recordsLeft);
    }

    /** The pipeline's own lines through the runtime's logger too. */
    static final Responder.Log RUNTIME_LOG = new Responder.Log() {
        @Override
        public void info(String alarmName, String message) {
            log(LogLevel.INFO, alarmName, message);
        }

        @Override
        public void error(String alarmName, String message) {
            log(LogLevel.ERROR, alarmName, message);
        }
    };

    /**
     * The alert's JSON document in full, values unchanged: printable ASCII with markup escaped ({@link
     * Json#asciiOnly}) instead of sanitised, since the sanitiser would defang the next steps' links and cut it.
     */
    static void logAlert(String alarmName, String json) {
        String exact = Json.asciiOnly(json);
        if (exact == null) {
            log(LogLevel.INFO, alarmName, "alert: " + json);
            return;
        }
        LambdaRuntime.getLogger()
                .log(
                        "alarm " + (alarmName == null ? "(none)" : Sanitize.text(alarmName, 256)) + ": alert: " + exact,
                        LogLevel.INFO);
    }

    /**
     * Through the runtime's logger: with the function's JSON log format each line is a JSON object with
     * timestamp, level, message and the invocation's AWSRequestId; the message starts with the alarm name.
     */
    static void log(LogLevel level, String alarmName, String message) {
        LambdaRuntime.getLogger()
                .log(
                        "alarm " + (alarmName == null ? "(none)" : Sanitize.text(alarmName, 256)) + ": "
                                + Sanitize.text(message, 200_000),
                        level);
    }
}
