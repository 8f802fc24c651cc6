package dev.llmmon.drift;

import dev.llmmon.metrics.WindowMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where inside a drifting day the change began, from the feature's hourly (or shorter) windows: the start of the
 * suffix of the day that best fits a step away from the reference level in the day's direction: the window τ that
 * maximises S_τ²/N_τ, S_τ the request-weighted sum of deviations from the reference level from τ to the end of the
 * day and N_τ its requests. That is the maximum-likelihood change point of a step in a normal mean with the level
 * before it known (Hinkley 1970, Biometrika 57; close to the estimate
 * Montgomery, ch. 9, gives after a CUSUM signal: the last window the one-sided sum was at zero), applied within
 * one day. A daily alert dated 00:00 then also says, e.g., 14:00, when the prompt change went out.
 */
final class ChangeHour {
    private ChangeHour() {
    }

    /**
     * @param windows   the run's window metrics (only the feature's unsliced roll-up rows are used)
     * @param value     the hourly statistic that moved (mean input tokens, error rate, ...)
     * @param reference [from, to) of the reference days
     * @return the start of the first window of the change, or {@code null} when the windows cannot place it
     */
    static Instant of(List<WindowMetrics> windows, String feature, ToDoubleFunction<WindowMetrics> value, Instant day,
                      Instant referenceFrom, Instant referenceTo) {
        List<WindowMetrics> rows = windows.stream()
                .filter(w -> w.featureId().equals(feature) && w.key().isRollup() && !w.key().isSliced()
                        && Duration.between(w.windowStart(), w.windowEnd()).compareTo(SliceDrift.DAY) < 0
                        && w.requests() > 0 && !Double.isNaN(value.applyAsDouble(w)))
                .sorted(Comparator.comparing(WindowMetrics::windowStart)).toList();
        double sum = 0;
        long n = 0;
        for (WindowMetrics w : rows) {
            if (!w.windowStart().isBefore(referenceFrom) && w.windowStart().isBefore(referenceTo)) {
                sum += value.applyAsDouble(w) * w.requests();
                n += w.requests();
            }
        }
        Instant end = day.plus(SliceDrift.DAY);
        List<WindowMetrics> inDay = rows.stream()
                .filter(w -> !w.windowStart().isBefore(day) && w.windowStart().isBefore(end)).toList();
        if (n == 0 || inDay.isEmpty()) {
            return null;
        }
        double level = sum / n;
        double total = 0;
        for (WindowMetrics w : inDay) {
            total += (value.applyAsDouble(w) - level) * w.requests();
        }
        if (total == 0) {
            return null;
        }
        double sign = Math.signum(total);
        double suffix = 0;
        long weight = 0;
        double best = 0;
        Instant at = null;
        for (int i = inDay.size() - 1; i >= 0; i--) {
            WindowMetrics w = inDay.get(i);
            suffix += sign * (value.applyAsDouble(w) - level) * w.requests();
            weight += w.requests();
            // likelihood ratio of a step at this window (known level before, fitted level after): S²/n
            double score = suffix > 0 ? suffix * suffix / weight : 0;
            if (score > best) { // strict: among equal scores the latest start
                best = score;
                at = w.windowStart();
            }
        }
        return at;
    }
}
