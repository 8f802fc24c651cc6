package dev.llmmon.alert;

/** What raised an alert. */
public enum AlertKind {
    /** An EWMA/CUSUM (or legacy) control chart on a window metric series. */
    CONTROL_CHART,
    /** Hourly cost above its hour-of-week seasonal baseline. */
    COST_ANOMALY,
    /** Output tokens per request up after a model or prompt change. */
    TOKEN_BLOAT,
    /** The mix of a metadata slice (query category, prompt version, ...) moved away from its reference days. */
    SLICE_DRIFT,
    /** A feature's token counts or finish-reason mix moved away from its reference days. */
    COLUMN_DRIFT,
    /** The users' inputs moved in embedding space (MMD two-sample test against reference days). */
    INPUT_DRIFT,
    /** The same model id behaves differently: suspected provider-side change. */
    PROVIDER_CHANGE,
    /** Judge scores of a feature and model fell: an EWMA over individual judgements crossed its lower limit. */
    QUALITY_DROP
}
