package dev.llmmon.drift;

import dev.llmmon.alert.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/** Day-by-day drift checks folded into alerts: consecutive drifting days are one, closed at the next quiet day. */
final class DayRuns {
    private DayRuns() {
    }

    /**
     * @param checks one series' checks in day order
     * @param alert  builds the alert of a run of drifting checks and the day it closed ({@code null}: still open)
     */
    static <C> List<Alert> alerts(List<C> checks, Predicate<C> drifts, Function<C, Instant> day,
                                  BiFunction<List<C>, Instant, Alert> alert) {
        List<Alert> out = new ArrayList<>();
        List<C> run = new ArrayList<>();
        for (C check : checks) {
            if (drifts.test(check)) {
                run.add(check);
            } else if (!run.isEmpty()) {
                out.add(alert.apply(run, day.apply(check)));
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            out.add(alert.apply(run, null));
        }
        return out;
    }
}
