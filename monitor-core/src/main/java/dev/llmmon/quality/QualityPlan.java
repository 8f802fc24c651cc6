package dev.llmmon.quality;

/**
 * How judge quality is charted.
 *
 * @param lambda             EWMA weight of each judgement (default 0.05: the statistic averages about 40 judgements,
 *                           tuned to drops of 0.5–1 sd)
 * @param baselineJudgements the first B ok judgements of each feature and model are its in-control phase
 *                           (default 200); nothing is charted before
 * @param familyArlHours     the quality charts of a run together false-alarm about once per this many hours of
 *                           traffic (default 2000, about 12 weeks): each of m charts gets an in-control ARL of
 *                           m · familyArlHours · (its baseline's judgements per hour) judgements
 * @param minArlJudgements   a floor for that ARL (default 50), for charts judged very rarely
 */
public record QualityPlan(double lambda, int baselineJudgements, double familyArlHours, double minArlJudgements) {
    public static final double DEFAULT_LAMBDA = 0.05;
    public static final int DEFAULT_BASELINE_JUDGEMENTS = 200;
    public static final double DEFAULT_FAMILY_ARL_HOURS = 2000;
    /** Score distributions drawn from the baseline's posterior to average the false-alarm rate over. */
    static final int POSTERIOR_DRAWS = 12;

    public QualityPlan {
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in (0, 1], got " + lambda);
        }
        if (baselineJudgements < 10) {
            throw new IllegalArgumentException("a quality baseline needs at least 10 judgements, got "
                    + baselineJudgements);
        }
        if (!(familyArlHours > 0 && Double.isFinite(familyArlHours))) {
            throw new IllegalArgumentException("familyArlHours must be a positive number of hours, got "
                    + familyArlHours);
        }
        if (!(minArlJudgements >= 2)) {
            throw new IllegalArgumentException("minArlJudgements must be >= 2, got " + minArlJudgements);
        }
    }

    public static QualityPlan defaults() {
        return new QualityPlan(DEFAULT_LAMBDA, DEFAULT_BASELINE_JUDGEMENTS, DEFAULT_FAMILY_ARL_HOURS, 50);
    }

    public QualityPlan withBaselineJudgements(int value) {
        return new QualityPlan(lambda, value, familyArlHours, minArlJudgements);
    }

    public QualityPlan withFamilyArlHours(double value) {
        return new QualityPlan(lambda, baselineJudgements, value, minArlJudgements);
    }

    public QualityPlan withLambda(double value) {
        return new QualityPlan(value, baselineJudgements, familyArlHours, minArlJudgements);
    }
}
