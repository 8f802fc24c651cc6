package dev.llmmon.probes.history;

/**
 * A suspected silent model change on one probe: the latest run behaves unlike the runs before it.
 *
 * @param probeId the probe
 * @param model   the model name, which did not change
 * @param kind    what changed
 * @param pValue  the test's p-value, {@code null} for rule-based kinds
 * @param detail  the numbers behind it
 */
public record SilentChange(String probeId, String model, Kind kind, Double pValue, String detail) {
    public enum Kind {
        /** Pass rate fell, one-sided Fisher exact test. */
        PASS_RATE_DROP,
        /** Share of answers that parse as bare JSON fell (e.g. the model started fencing its JSON), Fisher. */
        JSON_VALIDITY_DROP,
        /** Output length distribution moved, Mann-Whitney U. */
        LENGTH_SHIFT,
        /** Mostly refused before and mostly answers now, or the other way round. */
        REFUSAL_FLIP,
        /** The provider's system_fingerprint (build id) is one not seen in the previous run. */
        /**
         * The run's mean output embedding is far from the earlier runs' centroid (a threshold on cosine, not a
         * test: one vector per run is too little for one).
         */
        SEMANTIC_SHIFT,
        FINGERPRINT_CHANGE
    }

    @Override
    public String toString() {
        return probeId + " on " + model + ": " + kind + (pValue == null ? "" : String.format(java.util.Locale.ROOT,
                " (p=%.2g)", pValue)) + " - " + detail;
    }
}
