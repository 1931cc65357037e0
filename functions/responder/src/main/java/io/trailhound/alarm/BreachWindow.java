package io.trailhound.alarm;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out when the breaching events were logged. CloudWatch lists the breaching datapoints in
 * NewStateReason as {@code [3.0 (23/11/26 10:15:00)]}: UTC, dd/MM/yy, each the start of one period. The
 * window runs from the first datapoint to the end of the last one's period, widened on both sides by the
 * delivery slack (CloudTrail reaches CloudWatch Logs minutes late). Without datapoints it falls back to
 * StateChangeTime minus Period x EvaluationPeriods.
 */
public final class BreachWindow {
    /** (dd/MM/yy HH:mm:ss), read by hand: a DateTimeFormatter costs a cold CLI tens of milliseconds. */
    private static final Pattern DATAPOINT = Pattern.compile("\\((\\d{2})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})\\)");

    private BreachWindow() {
    }

    /** CloudWatch's longest period and evaluation range; larger values in a notification are forged or damaged. */
    static final Duration MAX_PERIOD = Duration.ofDays(1);
    static final Duration MAX_EVALUATION = Duration.ofDays(7);

    public static TimeWindow of(AlarmNotification alarm, Duration slack) {
        Duration period = Duration.ofSeconds(Math.min(MAX_PERIOD.toSeconds(), Math.max(60, alarm.periodSeconds())));
        long claimed = (long) alarm.periodSeconds() * alarm.evaluationPeriods();
        Duration evaluation = period.multipliedBy(alarm.evaluationPeriods());
        String damaged = "";
        if (alarm.periodSeconds() > MAX_PERIOD.toSeconds() || claimed > MAX_EVALUATION.toSeconds()) {
            evaluation = evaluation.compareTo(MAX_EVALUATION) > 0 ? MAX_EVALUATION : evaluation;
            damaged = "; damaged notification: Period " + alarm.periodSeconds() + " s x EvaluationPeriods " + alarm.evaluationPeriods()
                    + " is beyond what CloudWatch allows, so at most " + MAX_PERIOD.toHours() + " h per period and "
                    + MAX_EVALUATION.toDays() + " days in all were used";
        }
        List<Instant> points = datapoints(alarm.reason());
        if (!points.isEmpty()) {
            Instant first = points.stream().min(Instant::compareTo).orElseThrow();
            Instant last = points.stream().max(Instant::compareTo).orElseThrow();
            return new TimeWindow(first.minus(slack), last.plus(period).plus(slack), true,
                    "from " + points.size() + " breaching datapoint(s) in NewStateReason, widened by " + slack + damaged);
        }
        if (alarm.stateChangeTime() == null) {
            throw new AlarmParseException("alarm '" + alarm.alarmName()
                    + "' has neither datapoints in NewStateReason nor a StateChangeTime, so no time window can be derived");
        }
        Instant end = alarm.stateChangeTime();
        Instant start = end.minus(evaluation);
        return new TimeWindow(start.minus(slack), end.plus(slack), false,
                "NewStateReason lists no datapoints; estimated as StateChangeTime minus Period x EvaluationPeriods, widened by " + slack + damaged);
    }

    static List<Instant> datapoints(String reason) {
        List<Instant> out = new ArrayList<>();
        if (reason == null) return out;
        Matcher m = DATAPOINT.matcher(reason);
        while (m.find()) {
            try {
                out.add(LocalDateTime.of(2000 + Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException ignored) {
                // not a datapoint timestamp after all (e.g. 31/02/26); the others still count
            }
        }
        return out;
    }
}
