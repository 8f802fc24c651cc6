package dev.llmmon.triage.internal;

/** The names of the built-in slice dimensions. */
public final class Dimensions {
    public static final String FEATURE = "feature";
    public static final String MODEL = "model";
    public static final String FINGERPRINT = "system_fingerprint";

    private Dimensions() {
    }
}
