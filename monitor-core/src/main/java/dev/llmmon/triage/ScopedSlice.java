package dev.llmmon.triage;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One slice (one or two dimension values) and how its bad-outcome rate moved from the reference period to the
 * window.
 *
 * @param dimensions      dimension to value, one or two entries ({@code feature}, {@code model}, metadata keys)
 * @param windowUnits     units of the slice in the window (requests, or judged requests for judge metrics)
 * @param windowBad       of those, bad
 * @param referenceUnits  units of the reference the slice is compared with
 * @param referenceBad    of those, bad
 * @param referenceOf     whose reference that is: the slice's own, a parent slice's ({@code feature=x}) when the
 *                        slice is new in the window, or {@code all} for the whole population's
 * @param riskRatio       window rate / reference rate (counts + 0.5, so an empty reference is no infinity)
 * @param riskRatioLower  one-sided 95% lower bound of the risk ratio (log scale, Katz): what ranks the slices
 * @param difference      window rate − reference rate
 * @param pValue          one-sided Fisher exact p that the window's rate is no higher than the reference's
 * @param adjustedP       Holm-adjusted over every slice tested
 * @param excessShare     the slice's bad outcomes above its reference rate, as a share of the whole window's excess
 */
public record ScopedSlice(Map<String, String> dimensions, long windowUnits, long windowBad, long referenceUnits,
                          long referenceBad, String referenceOf, double riskRatio, double riskRatioLower,
                          double difference, double pValue, double adjustedP, double excessShare) {
    public ScopedSlice {
        dimensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dimensions));
    }

    public double windowRate() {
        return windowUnits == 0 ? Double.NaN : (double) windowBad / windowUnits;
    }

    public double referenceRate() {
        return referenceUnits == 0 ? Double.NaN : (double) referenceBad / referenceUnits;
    }

    /** {@code feature=sql-assist & prompt_version=v8}. */
    public String label() {
        return dimensions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" & "));
    }
}
