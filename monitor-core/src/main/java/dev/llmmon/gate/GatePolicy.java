package dev.llmmon.gate;

import java.util.HashMap;
import java.util.Map;

/**
 * How the gate decides.
 *
 * @param margin             non-inferiority margin on the case pass rate: the candidate may be at most this much
 *                           worse (0.02 = 2 points)
 * @param alpha              one-sided error rate of each claim (non-inferior; worse)
 * @param power              wanted power, for the minimum detectable effect
 * @param floors             minimum candidate pass rate per feature, whatever the baseline did
 * @param bootstrapResamples resamples of the score interval
 * @param seed               seed of the bootstrap: the same cases give the same verdict
 * @param sequential         run in batches and stop when the verdict is clear ({@link SequentialGate})
 * @param batchSize          cases per batch in sequential mode
 * @param quarantineFlaky    leave flaky cases out of the decision (they are listed either way)
 * @param scoreMargin        when set (not NaN): a feature whose mean rubric score drops significantly (one-sided
 *                           Wilcoxon, Holm over features, below alpha) <em>and</em> by more than this many points
 *                           (the bootstrap's upper bound of candidate - baseline below -scoreMargin) fails; NaN: scores
 *                           are reported but never decide
 * @param severityFloors     minimum candidate pass rate of the cases of each severity ({@code critical}, ...), over
 *                           all features, whatever the baseline did
 */
public record GatePolicy(double margin, double alpha, double power, Map<String, Double> floors,
                         int bootstrapResamples, long seed, boolean sequential, int batchSize,
                         boolean quarantineFlaky, double scoreMargin, Map<String, Double> severityFloors) {
    public GatePolicy {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("gate margin must be in [0, 1), was " + margin);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("gate alpha must be in (0, 0.5), was " + alpha);
        }
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("gate power must be in (0, 1), was " + power);
        }
        floors = Map.copyOf(floors == null ? Map.of() : floors);
        floors.forEach((feature, min) -> {
            if (!(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException("gate floor of feature " + feature + " must be in [0, 1], was " + min);
            }
        });
        if (bootstrapResamples < 100) {
            throw new IllegalArgumentException("gate bootstrapResamples must be at least 100, was " + bootstrapResamples);
        }
        severityFloors = Map.copyOf(severityFloors == null ? Map.of() : severityFloors);
        severityFloors.forEach((severity, min) -> {
            if (!(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException("gate floor of severity " + severity + " must be in [0, 1], was " + min);
            }
        });
        if (!Double.isNaN(scoreMargin) && !(scoreMargin >= 0 && scoreMargin < 4)) {
            throw new IllegalArgumentException("gate scoreMargin must be in [0, 4) score points (or unset), was "
                    + scoreMargin);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("gate batchSize must be at least 1, was " + batchSize);
        }
    }

    /** Candidate at most 2 points worse at 95% one-sided confidence, power 0.8, 2000 resamples, seed 42. */
    public static GatePolicy defaults() {
        return new GatePolicy(0.02, 0.05, 0.8, Map.of(), 2000, 42, false, 20, false, Double.NaN, Map.of());
    }

    public GatePolicy withMargin(double v) {
        return new GatePolicy(v, alpha, power, floors, bootstrapResamples, seed, sequential, batchSize, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withAlpha(double v) {
        return new GatePolicy(margin, v, power, floors, bootstrapResamples, seed, sequential, batchSize, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withPower(double v) {
        return new GatePolicy(margin, alpha, v, floors, bootstrapResamples, seed, sequential, batchSize, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withFloors(Map<String, Double> v) {
        return new GatePolicy(margin, alpha, power, v, bootstrapResamples, seed, sequential, batchSize, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withFloor(String feature, double min) {
        Map<String, Double> copy = new HashMap<>(floors);
        copy.put(feature, min);
        return withFloors(copy);
    }

    public GatePolicy withBootstrapResamples(int v) {
        return new GatePolicy(margin, alpha, power, floors, v, seed, sequential, batchSize, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withSeed(long v) {
        return new GatePolicy(margin, alpha, power, floors, bootstrapResamples, v, sequential, batchSize, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withSequential(boolean v) {
        return new GatePolicy(margin, alpha, power, floors, bootstrapResamples, seed, v, batchSize, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withBatchSize(int v) {
        return new GatePolicy(margin, alpha, power, floors, bootstrapResamples, seed, sequential, v, quarantineFlaky, scoreMargin, severityFloors);
    }

    public GatePolicy withQuarantineFlaky(boolean v) {
        return new GatePolicy(margin, alpha, power, floors, bootstrapResamples, seed, sequential, batchSize, v, scoreMargin, severityFloors);
    }

    /** Scores may fail the gate: a significant drop of the mean rubric score by more than {@code v} points. */
    public GatePolicy withScoreMargin(double v) {
        return new GatePolicy(margin, alpha, power, floors, bootstrapResamples, seed, sequential, batchSize,
                quarantineFlaky, v, severityFloors);
    }

    /** Whether rubric scores can fail the gate ({@link #withScoreMargin}). */
    public boolean scoresDecide() {
        return !Double.isNaN(scoreMargin);
    }

    /** Minimum candidate pass rate per severity ({@code critical}: 1.0), over all features. */
    public GatePolicy withSeverityFloors(Map<String, Double> v) {
        return new GatePolicy(margin, alpha, power, floors, bootstrapResamples, seed, sequential, batchSize,
                quarantineFlaky, scoreMargin, v);
    }
}
