package dev.llmmon.gate;

/** A point estimate with its lower and upper bounds. */
public record Interval(double estimate, double lower, double upper) {
}
