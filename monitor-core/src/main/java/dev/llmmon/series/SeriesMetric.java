package dev.llmmon.series;

import dev.llmmon.alert.Severity;
import dev.llmmon.detect.Kind;
import dev.llmmon.detect.Side;
import dev.llmmon.metrics.QualityPoint;
import dev.llmmon.metrics.WindowMetrics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A metric charted per (feature, model): how to read its value and n, whether it is a proportion, which
 * direction hurts, and how serious a shift in it is.
 *
 * <p>Severity tier: {@link Tier#HIGH} metrics (errors, judged quality) reach CRITICAL when the peak window is
 * 6σ or more out and are MAJOR otherwise; {@link Tier#MEDIUM} ones are CRITICAL at 10σ, MAJOR at 4σ, else MINOR;
 * {@link Tier#LOW} ones (token counts, user-signal rates) are MAJOR at 10σ, else MINOR. See {@link #severity}.
 */
public enum SeriesMetric {
    ERROR_RATE("error_rate", Kind.PROPORTION, Side.UPPER, Tier.HIGH),
    REFUSAL_RATE("refusal_rate", Kind.PROPORTION, Side.BOTH, Tier.MEDIUM),
    LATENCY_P95_MS("latency_p95_ms", Kind.INDIVIDUAL, Side.UPPER, Tier.MEDIUM),
    COST_PER_REQUEST_USD("cost_per_request_usd", Kind.MEAN, Side.UPPER, Tier.MEDIUM),
    MEAN_OUTPUT_TOKENS("mean_output_tokens", Kind.MEAN, Side.UPPER, Tier.LOW),
    CORRECTION_RATE("correction_rate", Kind.PROPORTION, Side.UPPER, Tier.LOW),
    FOLLOW_UP_RATE("follow_up_rate", Kind.PROPORTION, Side.UPPER, Tier.LOW),
    RETRY_RATE("retry_rate", Kind.PROPORTION, Side.UPPER, Tier.LOW),
    ABANDONMENT_RATE("abandonment_rate", Kind.PROPORTION, Side.UPPER, Tier.LOW),
    EXPLICIT_POSITIVE_RATE("explicit_positive_rate", Kind.PROPORTION, Side.LOWER, Tier.LOW),
    QUALITY_MEAN("quality_mean", Kind.MEAN, Side.LOWER, Tier.HIGH),
    QUALITY_FLAGGED_RATE("quality_flagged_rate", Kind.PROPORTION, Side.UPPER, Tier.HIGH);

    /** How much a shift in the metric matters. */
    public enum Tier {
        HIGH,
        MEDIUM,
        LOW
    }

    private final String id;
    private final Kind kind;
    private final Side side;
    private final Tier tier;

    SeriesMetric(String id, Kind kind, Side side, Tier tier) {
        this.id = id;
        this.kind = kind;
        this.side = side;
        this.tier = tier;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The direction(s) that hurt: one-sided charts have about twice the in-control ARL of two-sided ones. */
    public Side defaultSide() {
        return side;
    }

    public Tier tier() {
        return tier;
    }

    /** Metrics read from the judge's quality series rather than from window metrics. */
    public boolean fromQuality() {
        return this == QUALITY_MEAN || this == QUALITY_FLAGGED_RATE;
    }

    /** Severity of a condition whose peak window is {@code deviation} standard deviations out (NaN: mildest). */
    public Severity severity(double deviation) {
        double d = Double.isNaN(deviation) ? 0 : Math.abs(deviation);
        return switch (tier) {
            case HIGH -> d >= 6 ? Severity.CRITICAL : Severity.MAJOR;
            case MEDIUM -> d >= 10 ? Severity.CRITICAL : d >= 4 ? Severity.MAJOR : Severity.MINOR;
            case LOW -> d >= 10 ? Severity.MAJOR : Severity.MINOR;
        };
    }

    /** The window's value ({@code NaN} when it has none) and the count behind it. */
    record Reading(double value, long n) {
    }

    Reading read(WindowMetrics w) {
        WindowMetrics.UserSignalMetrics s = w.signals();
        long requests = w.requests();
        return switch (this) {
            case ERROR_RATE -> new Reading(w.errorRate(), requests);
            case REFUSAL_RATE -> new Reading(w.refusalRate(), requests);
            case LATENCY_P95_MS -> new Reading(w.latencyP95Ms(), requests);
            case COST_PER_REQUEST_USD -> new Reading(w.costPerRequestUsd(), requests - w.costUnknownRequests());
            case MEAN_OUTPUT_TOKENS -> new Reading(w.meanOutputTokens(), requests);
            case CORRECTION_RATE -> s == null ? none() : new Reading(s.correctionRate(), requests);
            case FOLLOW_UP_RATE -> s == null ? none() : new Reading(s.followUpRate(), requests);
            case RETRY_RATE -> s == null ? none() : new Reading(s.retryRate(), requests);
            case ABANDONMENT_RATE -> s == null ? none() : new Reading(s.abandonmentRate(), requests);
            case EXPLICIT_POSITIVE_RATE -> s == null ? none() : new Reading(s.explicitPositiveRate(), s.explicitFeedback());
            case QUALITY_MEAN, QUALITY_FLAGGED_RATE -> throw new IllegalStateException(id + " comes from quality points");
        };
    }

    Reading read(QualityPoint q) {
        return switch (this) {
            case QUALITY_MEAN -> new Reading(q.meanScore() == null ? Double.NaN : q.meanScore(), q.judged());
            case QUALITY_FLAGGED_RATE -> new Reading(q.flaggedRate() == null ? Double.NaN : q.flaggedRate(), q.judged());
            default -> throw new IllegalStateException(id + " comes from window metrics");
        };
    }

    private static Reading none() {
        return new Reading(Double.NaN, 0);
    }

    /** Accepts {@code error_rate}, {@code errorRate} or {@code ERROR_RATE}. */
    public static Optional<SeriesMetric> parse(String name) {
        String normalized = name.trim().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(normalized)).findFirst();
    }
}
