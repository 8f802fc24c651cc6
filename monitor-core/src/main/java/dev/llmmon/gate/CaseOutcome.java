package dev.llmmon.gate;

import java.util.OptionalDouble;

/**
 * One case run on both sides: repeats and passes per side, optional mean scores, and the share of repeats that makes
 * the case pass ({@code min_pass_rate} of the probe or eval file).
 *
 * @param cluster cases that share a cluster are not independent evidence (same source conversation, same template);
 *                null or blank means the feature
 * @param severity how bad the case's failure is ({@code critical}, {@code major}, {@code minor}, or any label), for
 *                 the policy's floors per severity; null when the case says none
 */
public record CaseOutcome(String caseId, String feature, String cluster, int baselineRuns, int baselinePasses,
                          int candidateRuns, int candidatePasses, OptionalDouble baselineScore,
                          OptionalDouble candidateScore, double minPassRate, String severity) {
    /** The probe format's default: every repeat must pass. */
    public static final double DEFAULT_MIN_PASS_RATE = 1.0;

    public CaseOutcome {
        if (caseId == null || caseId.isBlank()) {
            throw new IllegalArgumentException("case outcome without caseId");
        }
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("case " + caseId + ": feature is missing");
        }
        cluster = cluster == null || cluster.isBlank() ? feature : cluster;
        severity = severity == null || severity.isBlank() ? null : severity.strip();
        checkSide(caseId, "baseline", baselineRuns, baselinePasses);
        checkSide(caseId, "candidate", candidateRuns, candidatePasses);
        baselineScore = checkScore(caseId, "baselineScore", baselineScore);
        candidateScore = checkScore(caseId, "candidateScore", candidateScore);
        if (!(minPassRate >= 0 && minPassRate <= 1)) {
            throw new IllegalArgumentException("case " + caseId + ": minPassRate must be in [0, 1], was " + minPassRate);
        }
    }

    /** A case without a severity. */
    public CaseOutcome(String caseId, String feature, String cluster, int baselineRuns, int baselinePasses,
                       int candidateRuns, int candidatePasses, OptionalDouble baselineScore,
                       OptionalDouble candidateScore, double minPassRate) {
        this(caseId, feature, cluster, baselineRuns, baselinePasses, candidateRuns, candidatePasses, baselineScore,
                candidateScore, minPassRate, null);
    }

    public CaseOutcome(String caseId, String feature, String cluster, int baselineRuns, int baselinePasses,
                       int candidateRuns, int candidatePasses, OptionalDouble baselineScore,
                       OptionalDouble candidateScore) {
        this(caseId, feature, cluster, baselineRuns, baselinePasses, candidateRuns, candidatePasses, baselineScore,
                candidateScore, DEFAULT_MIN_PASS_RATE);
    }

    private static void checkSide(String caseId, String side, int runs, int passes) {
        if (runs < 1) {
            throw new IllegalArgumentException("case " + caseId + ": " + side + "Runs must be at least 1, was " + runs);
        }
        if (passes < 0 || passes > runs) {
            throw new IllegalArgumentException("case " + caseId + ": " + side + "Passes must be in [0, " + side
                    + "Runs=" + runs + "], was " + passes);
        }
    }

    private static OptionalDouble checkScore(String caseId, String field, OptionalDouble score) {
        if (score == null) {
            return OptionalDouble.empty();
        }
        if (score.isPresent() && !Double.isFinite(score.getAsDouble())) {
            throw new IllegalArgumentException("case " + caseId + ": " + field + " must be finite, was "
                    + score.getAsDouble());
        }
        return score;
    }

    public double baselineRate() {
        return (double) baselinePasses / baselineRuns;
    }

    public double candidateRate() {
        return (double) candidatePasses / candidateRuns;
    }

    /** The case passes on the baseline: its share of passing repeats reaches {@code minPassRate}. */
    public boolean baselinePassed() {
        return passed(baselinePasses, baselineRuns);
    }

    public boolean candidatePassed() {
        return passed(candidatePasses, candidateRuns);
    }

    // Compared in integers: 4 of 5 against 0.8 must not fail on 0.7999999.
    private boolean passed(int passes, int runs) {
        return passes >= Math.ceil(minPassRate * runs - 1e-9);
    }

    /** Some repeats passed and some failed on the baseline: the model itself disagrees about this case. */
    public boolean flakyOnBaseline() {
        return baselinePasses > 0 && baselinePasses < baselineRuns;
    }

    public boolean flakyOnCandidate() {
        return candidatePasses > 0 && candidatePasses < candidateRuns;
    }

    public boolean flaky() {
        return flakyOnBaseline() || flakyOnCandidate();
    }
}
