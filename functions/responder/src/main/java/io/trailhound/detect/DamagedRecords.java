package io.trailhound.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The matching records whose fields are not what they claim ({@link RecordCheck}), collected for the alert:
 * the first few are named, the rest counted.
 * Thread-safe: the scan may report from several threads.
 */
public final class DamagedRecords {
    static final int NAMED = 10;

    private final List<String> named = new ArrayList<>();
    private long count;

    public synchronized void add(Finding f, List<String> problems) {
        count++;
        if (named.size() < NAMED) {
            named.add("damaged record " + f.eventId() + ": " + String.join("; ", problems)
                    + "; it is reported, never looked up or acted on");
        }
    }

    public synchronized List<String> notes() {
        List<String> out = new ArrayList<>(named);
        if (count > named.size()) {
            out.add("and " + (count - named.size()) + " more damaged record(s)");
        }
        return out;
    }
}
