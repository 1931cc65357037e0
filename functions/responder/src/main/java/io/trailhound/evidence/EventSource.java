package io.trailhound.evidence;

import io.trailhound.alarm.TimeWindow;
import io.trailhound.budget.Budget;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivers the candidate events of one metric filter in a window. A source may pre-filter (CloudWatch Logs
 * applies the pattern server-side), but our engine makes the decision.
 */
public interface EventSource {
    /**
     * Feeds candidates to {@code sink} until done or until {@code budget} runs out; returns the problems met
     * on the way (damaged files, AWS errors) and whether the source was read completely.
     */
    Result scan(MetricFilter filter, TimeWindow window, Budget budget, Consumer<RawEvent> sink);

    /** {@code complete}: every candidate of the window was read; otherwise {@code problems} says why not. */
    record Result(List<String> problems, boolean complete) {
        public static final Result COMPLETE = new Result(List.of(), true);

        public Result {
            problems = List.copyOf(problems);
        }
    }
}
