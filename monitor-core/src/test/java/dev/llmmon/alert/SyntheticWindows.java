package dev.llmmon.alert;

import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Hourly per-model window metrics of one feature, drawn with a fixed seed: error and refusal counts are binomial
 * over each window's requests, p95 latency, cost per request and output tokens are normal around their levels.
 * Incidents are hour ranges in which a level is changed. Public for llmmon-report's chart test (core's test-jar).
 */
public final class SyntheticWindows {
    static final Instant START = Instant.parse("2025-03-03T00:00:00Z"); // a Monday
    static final Duration HOUR = Duration.ofHours(1);

    private final Random random;
    String feature = "support-chat";
    String model = "gpt-4o-mini";
    int requests = 400;
    double errorRate = 0.02;
    double refusalRate = 0.01;
    double p95 = 1200;
    double p95Sd = 60;
    double costPerRequest = 0.0020;
    double costSd = 0.0001;
    double outputTokens = 300;
    double tokensSd = 12;

    public SyntheticWindows(long seed) {
        this.random = new Random(seed);
    }

    /** Hours [from, to) of the generated range, with the given levels. */
    List<WindowMetrics> hours(int from, int to) {
        return hours(from, to, h -> false, 0, h -> false, 0);
    }

    /**
     * @param errorSpike  hours whose error rate is {@code spikeRate}
     * @param latencyStep hours whose p95 is raised by {@code stepMs}
     */
    public List<WindowMetrics> hours(int from, int to, IntPredicate errorSpike, double spikeRate, IntPredicate latencyStep,
            double stepMs) {
        List<WindowMetrics> out = new ArrayList<>();
        for (int h = from; h < to; h++) {
            double pErr = errorSpike.test(h) ? spikeRate : errorRate;
            double latency = p95 + (latencyStep.test(h) ? stepMs : 0);
            out.add(window(h, requests, pErr, latency, outputTokens));
        }
        return out;
    }

    WindowMetrics window(int hour, int n, double pErr, double latency, double tokens) {
        long errors = binomial(n, pErr);
        long refusals = binomial(n, refusalRate);
        Instant start = START.plus(HOUR.multipliedBy(hour));
        double cost = costPerRequest + costSd * random.nextGaussian();
        double p95Value = latency + p95Sd * random.nextGaussian();
        double tokenValue = tokens + tokensSd * random.nextGaussian();
        return new WindowMetrics(new GroupKey(start.toEpochMilli(), feature, model, null, null), start, start.plus(HOUR),
                n, errors, refusals, errors / (double) n, refusals / (double) n, p95Value * 0.5, p95Value,
                p95Value * 1.3, cost * n, cost, 0, 500, tokenValue, null);
    }

    private long binomial(int n, double p) {
        long k = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
