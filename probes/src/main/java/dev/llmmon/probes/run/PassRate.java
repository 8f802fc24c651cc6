package dev.llmmon.probes.run;

import java.util.Locale;

/**
 * Passes out of trials with a 95 % Wilson score interval. Wilson rather than the normal approximation because
 * probes run few repeats and pass rates sit near 0 or 1, where the normal interval leaves [0, 1] or shrinks to
 * nothing (Brown, Cai &amp; DasGupta 2001).
 */
public record PassRate(int passes, int trials, double low, double high) {
    /** Two-sided 95 % normal quantile. */
    static final double Z95 = 1.959963984540054;

    public static PassRate of(int passes, int trials) {
        if (trials < 0 || passes < 0 || passes > trials) {
            throw new IllegalArgumentException("need 0 <= passes <= trials, got " + passes + "/" + trials);
        }
        if (trials == 0) {
            return new PassRate(0, 0, 0, 1);
        }
        double n = trials;
        double p = passes / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = Z95 / denom * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new PassRate(passes, trials, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public double rate() {
        return trials == 0 ? Double.NaN : (double) passes / trials;
    }

    /** {@code 4/5 = 80% (95% CI 38%-96%)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d/%d = %.0f%% (95%% CI %.0f%%-%.0f%%)", passes, trials,
                trials == 0 ? 0 : 100 * rate(), 100 * low, 100 * high);
    }
}
