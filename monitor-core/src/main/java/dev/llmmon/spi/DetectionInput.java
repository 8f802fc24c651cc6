package dev.llmmon.spi;

import dev.llmmon.metrics.JudgedScore;
import dev.llmmon.metrics.QualityPoint;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.record.ChangeEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every detector sees besides its own state.
 *
 * @param windows the window metrics of the run, in time order
 * @param quality judge quality per window, feature and model (empty without a judgement store)
 * @param window  the windows' length
 * @param changes the team's change events (deploys, model and prompt changes), may be empty
 * @param judged  every ok judgement in request-time order (empty without a judgement store)
 */
public record DetectionInput(List<WindowMetrics> windows, List<QualityPoint> quality, Duration window,
                             List<ChangeEvent> changes, List<JudgedScore> judged) {
    public DetectionInput {
        windows = List.copyOf(windows);
        quality = List.copyOf(quality);
        changes = List.copyOf(changes);
        judged = List.copyOf(judged);
    }

    /** Without individual judgements. */
    public DetectionInput(List<WindowMetrics> windows, List<QualityPoint> quality, Duration window,
                          List<ChangeEvent> changes) {
        this(windows, quality, window, changes, List.of());
    }

    /** Per feature, the latest model or prompt change among the events that name a feature. */
    public Map<String, Instant> latestBehaviourChanges() {
        Map<String, Instant> latest = new HashMap<>();
        for (ChangeEvent e : changes) {
            if (e.changesBehaviour() && e.featureId() != null) {
                latest.merge(e.featureId(), e.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return latest;
    }
}
