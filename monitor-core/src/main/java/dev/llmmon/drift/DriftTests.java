package dev.llmmon.drift;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import dev.llmmon.stats.FisherExact;

/**
 * Picks the test the way Evidently's default data-drift algorithm does (docs-old.evidentlyai.com, "Data drift
 * algorithm"): with at most 1000 reference values, numeric columns (more than 5 distinct values) get the KS test,
 * binary ones the two-proportion z-test, other categorical ones chi-square, all at p &lt; 0.05; with more than
 * 1000 reference values, numeric columns get the normed Wasserstein distance and categorical ones the
 * Jensen–Shannon distance, both with threshold 0.1 — because on large samples any p-value test flags trivial
 * differences.
 */
public final class DriftTests {
    public static final int SMALL_REFERENCE = 1000;
    public static final double ALPHA = 0.05;
    public static final double DISTANCE_THRESHOLD = 0.1;

    private DriftTests() {
    }

    /** A numeric column; treated as categorical when it has 5 or fewer distinct values. */
    public static DriftResult numeric(double[] reference, double[] current) {
        long distinct = Arrays.stream(reference).distinct().count();
        if (distinct <= 5) {
            return categorical(counts(reference), counts(current));
        }
        return reference.length <= SMALL_REFERENCE
                ? ScalarDrift.ks(reference, current, ALPHA)
                : ScalarDrift.wassersteinNormed(reference, current, DISTANCE_THRESHOLD);
    }

    public static DriftResult categorical(Map<String, Long> reference, Map<String, Long> current) {
        long referenceSize = (long) CategoricalDrift.total(reference);
        if (referenceSize > SMALL_REFERENCE) {
            return CategoricalDrift.jensenShannon(reference, current, DISTANCE_THRESHOLD);
        }
        String[] categories = CategoricalDrift.categories(reference, current);
        if (reference.size() <= 2 && categories.length <= 2) {
            return CategoricalDrift.zProportion(reference, current, categories[categories.length - 1], ALPHA);
        }
        return CategoricalDrift.chiSquare(reference, current, ALPHA);
    }

    static Map<String, Long> counts(double[] values) {
        Map<String, Long> counts = new TreeMap<>();
        for (double v : values) {
            counts.merge(Double.toString(v), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Fisher's exact test of x1 of n1 against x2 of n2, two-sided: the probability, with the margins fixed, of a
     * table no more likely than the one observed (the usual definition, as R's {@code fisher.test}). Exact where
     * the normal approximation fails: rare events in small groups.
     */
    public static double fisherTwoSided(long x1, long n1, long x2, long n2) {
        return FisherExact.twoSided(x1, n1, x2, n2);
    }
}
