package dev.llmmon.detect;

/** Which direction of change a chart signals. Use one side where only one direction hurts. */
public enum Side {
    /** Only increases signal (cost up, error rate up). */
    UPPER,
    /** Only decreases signal (quality down). */
    LOWER,
    BOTH;

    boolean checksUpper() {
        return this != LOWER;
    }

    boolean checksLower() {
        return this != UPPER;
    }
}
