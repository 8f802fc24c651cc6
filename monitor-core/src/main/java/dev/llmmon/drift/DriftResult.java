package dev.llmmon.drift;

/**
 * One drift test of a current sample against a reference sample.
 *
 * @param test      the test's name ({@code ks}, {@code chi_square}, {@code z_proportion}, {@code wasserstein_normed},
 *                  {@code jensen_shannon}, {@code psi}, {@code mmd})
 * @param statistic the test statistic or distance
 * @param pValue    the p-value; NaN for distance measures
 * @param threshold p-value below which (tests), or distance at or above which (distances), drift is declared
 * @param drift     the verdict
 */
public record DriftResult(String test, double statistic, double pValue, double threshold, boolean drift) {

    static DriftResult byPValue(String test, double statistic, double p, double alpha) {
        return new DriftResult(test, statistic, p, alpha, p < alpha);
    }

    static DriftResult byDistance(String test, double distance, double threshold) {
        return new DriftResult(test, distance, Double.NaN, threshold, distance >= threshold);
    }
}
