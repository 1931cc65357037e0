package io.trailhound.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finding's events per minute as text people would rather look at than read: one line per minute that had
 * events, in order (UTC), a bar of one {@code #} per event (scaled to {@link #WIDTH} when the busiest minute
 * has more) and the count ("10:15Z ##  2"), and how many
 * quiet minutes lie between two lines. At most {@link #LINES} minutes are drawn; the rest are counted (the
 * JSON document has every minute).
 */
public final class MinuteHistogram {
    static final int LINES = 12;
    static final int WIDTH = 30;

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);

    private MinuteHistogram() {}

    /** The lines for the group's minutes; empty when its events have no times. */
    public static List<String> lines(FindingGroup g) {
        Map<Instant, Long> perMinute = g.perMinute();
        List<String> out = new ArrayList<>();
        if (perMinute.isEmpty()) {
            return out;
        }
        long max = perMinute.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int width = (int) Math.min(max, WIDTH);
        int digits = Long.toString(max).length();
        Instant previous = null;
        int drawn = 0;
        for (Map.Entry<Instant, Long> e : perMinute.entrySet()) {
            if (drawn == LINES) {
                int rest = perMinute.size() - LINES;
                out.add("... and " + rest + " more minute(s) with events (every minute is in the JSON document)");
                break;
            }
            if (previous != null) {
                long quiet = (e.getKey().getEpochSecond() - previous.getEpochSecond()) / 60 - 1;
                if (quiet > 0) {
                    out.add("       (" + quiet + " quiet minute(s))");
                }
            }
            long n = e.getValue();
            int bar = (int) Math.max(1, Math.round((double) n * width / max));
            out.add(MINUTE.format(e.getKey()) + " " + "#".repeat(bar) + " ".repeat(width - bar + 1)
                    + " ".repeat(digits - Long.toString(n).length()) + n);
            previous = e.getKey();
            drawn++;
        }
        if (g.laterEvents() > 0) {
            out.add("... and " + g.laterEvents() + " event(s) in later minutes, counted but not drawn");
        }
        return out;
    }
}
