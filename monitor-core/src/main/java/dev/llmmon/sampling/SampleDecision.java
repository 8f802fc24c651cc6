package dev.llmmon.sampling;

/** Why a request will or will not be judged. */
public enum SampleDecision {
    /** Below its feature's rate. */
    SAMPLED,
    /** Carries a signal the policy always judges (thumbs-down, correction, ...), whatever the rate. */
    ALWAYS_JUDGE,
    /** Above its feature's rate. */
    NOT_SAMPLED,
    /** A failed call, and the policy excludes errors. */
    EXCLUDED_ERROR;

    public boolean judge() {
        return this == SAMPLED || this == ALWAYS_JUDGE;
    }
}
