package dev.llmmon.demo;

import java.util.SplittableRandom;

/**
 * Random draws on {@link SplittableRandom} (whose algorithm is specified) with {@link StrictMath}, so the demo
 * files are byte-identical on every JVM, not only on this one.
 */
final class Distributions {
    private Distributions() {
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    static double logNormal(SplittableRandom rng, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(rng));
    }

    /** Pareto with scale 1: heavy tail for the slowest calls. */
    static double pareto(SplittableRandom rng, double alpha) {
        return StrictMath.pow(1.0 - rng.nextDouble(), -1 / alpha);
    }

    static int poisson(SplittableRandom rng, double lambda) {
        double limit = StrictMath.exp(-lambda);
        int k = 0;
        double p = rng.nextDouble();
        while (p > limit) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    /** Number of failures before a success, with the given mean (0 when the mean is 0). */
    static int geometric(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = 1 / (1 + mean);
        return (int) StrictMath.floor(StrictMath.log(1.0 - rng.nextDouble()) / StrictMath.log(1 - p));
    }

    /**
     * Latency of a successful call: time to first token, prefill and generation, each with lognormal noise; a
     * share {@code tailShare} of calls is multiplied by a Pareto factor (provider queueing), which is what moves
     * p95 and p99.
     */
    static double latencyMs(SplittableRandom rng, Catalog.Model m, long in, long out, double speedFactorTtft,
                            double speedFactorToken, double tailShare) {
        double ttft = m.ttftMs() * speedFactorTtft * logNormal(rng, 1, 0.3);
        double perToken = m.msPerToken() * speedFactorToken * logNormal(rng, 1, 0.15);
        double ms = ttft + in * 0.03 + out * perToken;
        if (rng.nextDouble() < tailShare) {
            ms *= Math.min(25, pareto(rng, 1.6));
        }
        return Math.round(ms * 10) / 10.0;
    }
}
