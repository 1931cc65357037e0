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
 * Works out when the breaching events were logged, so that the window is right or says why it is an
 * estimate. CloudWatch lists the breaching datapoints in NewStateReason as {@code 2 out of the last 3
 * datapoints [3.0 (23/11/26 10:15:00), 1.0 (23/11/26 10:10:00)]}: UTC, dd/MM/yy, each the start of one
 * period. Only that bracketed list counts (a threshold can carry a timestamp too). The window runs from the
 * first datapoint to the end of the last one's period, widened on both sides by the delivery slack
 * (CloudTrail reaches CloudWatch Logs minutes late); when fewer datapoints are listed than "N out of the
 * last M" says breached, it covers the last M periods, where the unlisted ones must be.
 *
 * <p>The datapoints must end near StateChangeTime (within Period x max(EvaluationPeriods, M) plus the
 * slack). Some published samples write them month-first: when the day-first reading is not near and the
 * month-first one is, the month-first one is used and the note says so. When neither is, or nothing is
 * listed, the window is StateChangeTime minus Period x EvaluationPeriods, and the note says why. Without a
 * readable StateChangeTime the time the alarm was received stands in for it.
 */
public final class BreachWindow {
    static final Duration MAX_EVALUATION = Duration.ofDays(7);

    /** CloudWatch's longest period and evaluation range; larger values in a notification are forged or damaged. */
    static final Duration MAX_PERIOD = Duration.ofDays(1);

    /** The bracketed list right after "datapoint(s)". */
    private static final Pattern LIST = Pattern.compile("datapoints?\\s*\\[([^\\]]*)\\]");
    /** (dd/MM/yy HH:mm:ss), read by hand: a DateTimeFormatter costs a cold CLI tens of milliseconds. */
    private static final Pattern DATAPOINT =
            Pattern.compile("\\((\\d{2})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})\\)");

    private static final Pattern N_OF_M = Pattern.compile("(\\d+) out of the last (\\d+) datapoints");

    private BreachWindow() {}

    /** @param receivedAt when the notification arrived: the stand-in for an unreadable StateChangeTime */
    public static TimeWindow of(AlarmNotification alarm, Duration slack, Instant receivedAt) {
        Duration period = Duration.ofSeconds(Math.min(MAX_PERIOD.toSeconds(), Math.max(60, alarm.periodSeconds())));
        int[] nOfM = nOfM(alarm.reason());
        long claimed = (long) alarm.periodSeconds() * Math.max(alarm.evaluationPeriods(), nOfM[1]);
        Duration evaluation = period.multipliedBy(alarm.evaluationPeriods());
        Duration lastM = period.multipliedBy(nOfM[1]);
        String damaged = "";
        if (alarm.periodSeconds() > MAX_PERIOD.toSeconds() || claimed > MAX_EVALUATION.toSeconds()) {
            evaluation = evaluation.compareTo(MAX_EVALUATION) > 0 ? MAX_EVALUATION : evaluation;
            lastM = lastM.compareTo(MAX_EVALUATION) > 0 ? MAX_EVALUATION : lastM;
            damaged = "; damaged notification: Period " + alarm.periodSeconds() + " s x EvaluationPeriods "
                    + alarm.evaluationPeriods()
                    + " is beyond what CloudWatch allows, so at most " + MAX_PERIOD.toHours() + " h per period and "
                    + MAX_EVALUATION.toDays() + " days in all were used";
        }
        Instant changed = alarm.stateChangeTime();
        Duration allowed = (evaluation.compareTo(lastM) > 0 ? evaluation : lastM).plus(slack);
        String reading = "";
        List<Instant> points = datapoints(alarm.reason(), false);
        String rejected = null;
        if (!points.isEmpty() && changed != null && !endsNear(points, period, changed, slack, allowed)) {
            List<Instant> monthFirst = datapoints(alarm.reason(), true);
            if (monthFirst.size() == points.size() && endsNear(monthFirst, period, changed, slack, allowed)) {
                reading = ", read month-first (MM/dd/yy): day-first they would end "
                        + Math.abs(Duration.between(last(points).plus(period), changed)
                                .toDays()) + " day(s) away from StateChangeTime";
                points = monthFirst;
            } else {
                rejected = "the datapoints in NewStateReason (" + first(points) + " .. " + last(points)
                        + ") do not end near StateChangeTime " + changed + " (within Period x EvaluationPeriods + "
                        + slack + ")";
                points = List.of();
            }
        }
        if (!points.isEmpty()) {
            Instant start = first(points);
            Instant end = last(points).plus(period);
            String covers = "";
            if (points.size() < nOfM[0]) {
                start = min(start, end.minus(lastM));
                covers = "; NewStateReason lists " + points.size() + " of the " + nOfM[0]
                        + " breaching datapoints, so the window covers the last " + nOfM[1] + " periods";
            }
            return new TimeWindow(
                    start.minus(slack),
                    end.plus(slack),
                    true,
                    "from " + points.size() + " breaching datapoint(s) in NewStateReason" + reading + covers
                            + ", widened by " + slack + damaged);
        }
        String why = rejected != null ? rejected : "NewStateReason lists no datapoints";
        Instant end = changed;
        if (end == null) {
            end = receivedAt;
            why += alarm.unreadableTime() != null
                    ? " and StateChangeTime '" + alarm.unreadableTime()
                            + "' is not a timestamp, so the window ends when Trailhound received the alarm"
                    : " and there is no StateChangeTime, so the window ends when Trailhound received the alarm";
        }
        Instant start = end.minus(evaluation);
        return new TimeWindow(
                start.minus(slack),
                end.plus(slack),
                false,
                why + "; estimated as StateChangeTime minus Period x EvaluationPeriods, widened by " + slack + damaged);
    }

    /** A composite alarm has no datapoints of its own: around its StateChangeTime (or receipt). */
    public static TimeWindow around(AlarmNotification alarm, Duration slack, Instant receivedAt, String why) {
        Instant at = alarm.stateChangeTime() != null ? alarm.stateChangeTime() : receivedAt;
        String from = alarm.stateChangeTime() != null
                ? "StateChangeTime"
                : alarm.unreadableTime() != null
                        ? "StateChangeTime '" + alarm.unreadableTime()
                                + "' is not a timestamp, so the time Trailhound received the alarm"
                        : "no StateChangeTime, so the time Trailhound received the alarm";
        return new TimeWindow(
                at.minus(slack), at.plus(slack), false, why + "; " + from + ", widened by " + slack + " on both sides");
    }

    private static boolean endsNear(
            List<Instant> points, Duration period, Instant changed, Duration slack, Duration allowed) {
        Duration gap = Duration.between(last(points).plus(period), changed);
        return gap.compareTo(slack.negated()) >= 0 && gap.compareTo(allowed) <= 0;
    }

    /** {N, M} of "N out of the last M datapoints"; {0, 0} when the reason does not say. */
    static int[] nOfM(String reason) {
        Matcher m = reason == null ? null : N_OF_M.matcher(reason);
        if (m == null || !m.find()) {
            return new int[] {0, 0};
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    static List<Instant> datapoints(String reason, boolean monthFirst) {
        List<Instant> out = new ArrayList<>();
        if (reason == null) {
            return out;
        }
        Matcher list = LIST.matcher(reason);
        if (!list.find()) {
            return out;
        }
        Matcher m = DATAPOINT.matcher(list.group(1));
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            try {
                out.add(LocalDateTime.of(
                                2000 + Integer.parseInt(m.group(3)),
                                monthFirst ? a : b,
                                monthFirst ? b : a,
                                Integer.parseInt(m.group(4)),
                                Integer.parseInt(m.group(5)),
                                Integer.parseInt(m.group(6)))
                        .toInstant(ZoneOffset.UTC));
            } catch (DateTimeException ignored) {
                // not a datapoint timestamp in this reading (e.g. 31/02/26); the others still count
            }
        }
        return out;
    }

    private static Instant first(List<Instant> points) {
        return points.stream().min(Instant::compareTo).orElseThrow();
    }

    private static Instant last(List<Instant> points) {
        return points.stream().max(Instant::compareTo).orElseThrow();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
