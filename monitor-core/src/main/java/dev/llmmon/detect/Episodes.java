package dev.llmmon.detect;

import dev.llmmon.detect.Episode.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds per-window verdicts into episodes: one per run of out-of-control windows, closed once {@value #QUIET}
 * charted windows in a row are back inside the limits. One quiet window is not enough: a rate that signals through
 * the Shewhart limit one hour, dips under it the next and signals again is one condition, not two alerts.
 */
final class Episodes {
    static final int QUIET = 2;

    private final double baselineMean;
    private int quiet;
    private Instant quietSince;
    private final List<Episode> done = new ArrayList<>();
    private List<PointResult> evidence;
    private Direction direction;
    private double limit;

    Episodes(double baselineMean) {
        this.baselineMean = baselineMean;
    }

    /**
     * @param signal the direction of an out-of-control window, {@code null} for an in-control one
     * @return whether this in-control window closed an open episode (the chart then restarts)
     */
    boolean charted(PointResult point, Direction signal) {
        if (signal == null) {
            if (evidence == null) {
                return false;
            }
            if (quiet++ == 0) {
                quietSince = point.windowStart();
            }
            if (quiet < QUIET) {
                return false;
            }
            close(quietSince);
            return true;
        }
        quiet = 0;
        if (evidence != null && signal != direction) {
            close(point.windowStart());
        }
        if (evidence == null) {
            evidence = new ArrayList<>();
            direction = signal;
            limit = signal == Direction.UP ? point.upperLimit() : point.lowerLimit();
        }
        evidence.add(point);
        return false;
    }

    List<Episode> finish() {
        close(null);
        return List.copyOf(done);
    }

    private void close(Instant closedAt) {
        if (evidence == null) {
            return;
        }
        PointResult peak = evidence.get(0);
        for (PointResult p : evidence) {
            if (direction == Direction.UP ? p.value() > peak.value() : p.value() < peak.value()) {
                peak = p;
            }
        }
        done.add(new Episode(direction, evidence.get(0).windowStart(),
                evidence.get(evidence.size() - 1).windowStart(), closedAt, peak.value(), peak.windowStart(),
                baselineMean, limit, evidence));
        evidence = null;
        quiet = 0;
    }
}
