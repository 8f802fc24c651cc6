package dev.llmmon.metrics;

import java.util.Comparator;

/**
 * What one row of window metrics is about: a window × feature × model, optionally narrowed to one value of one
 * metadata slice. {@code modelId} is {@link #ALL_MODELS} for a feature's roll-up over its models; {@code sliceKey}
 * and {@code sliceValue} are {@code null} for the unsliced row.
 */
public record GroupKey(long windowStartMillis, String featureId, String modelId, String sliceKey, String sliceValue) {
    public static final String ALL_MODELS = "*";
    /** The slice value of records that lack the slice's metadata key. */
    public static final String MISSING_SLICE = "(none)";
    /**
     * The metadata key of a record's operation ({@code chat}, {@code embeddings}, ... as the OTLP reader sets it).
     * Records of a {@linkplain #isSeparateOperation separate operation} are counted only in this slice's rows.
     */
    public static final String OPERATION_SLICE = "operation";

    /** Whether records of this operation are kept out of the unsliced rows (embeddings: no output, other latency). */
    public static boolean isSeparateOperation(String operation) {
        return "embeddings".equals(operation);
    }

    public static final Comparator<GroupKey> ORDER = Comparator.comparingLong(GroupKey::windowStartMillis)
            .thenComparing(GroupKey::featureId)
            .thenComparing(k -> k.modelId().equals(ALL_MODELS) ? "\uffff" : k.modelId())
            .thenComparing(k -> k.sliceKey() == null ? "" : k.sliceKey())
            .thenComparing(k -> k.sliceValue() == null ? "" : k.sliceValue());

    public boolean isRollup() {
        return ALL_MODELS.equals(modelId);
    }

    public boolean isSliced() {
        return sliceKey != null;
    }

    GroupKey rollup() {
        return new GroupKey(windowStartMillis, featureId, ALL_MODELS, sliceKey, sliceValue);
    }
}
