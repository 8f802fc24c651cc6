package dev.llmmon.gate;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Sample size and minimum detectable effect for paired binary outcomes (McNemar's test), by Connor's (1987)
 * formula: n = [z(1-alpha/2) sqrt(psi) + z(power) sqrt(psi - delta^2)]^2 / delta^2, with psi the share of
 * discordant cases and delta the difference in pass rates. Two-sided alpha as Connor states it (so a one-sided
 * test at alpha is slightly over-powered by it). 10% discordant, a 5-point drop, alpha 0.05, power 0.8: 312 cases.
 */
public final class Power {
    /** Discordant share assumed when a run has not shown one yet (no discordant pair observed, or before the run). */
    public static final double PLANNING_DISCORDANT_SHARE = 0.10;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Power() {
    }

    /** Cases needed to detect a drop of {@code delta} (at most sqrt(psi), the formula's domain). */
    public static int casesNeeded(double delta, double discordantShare, double alpha, double power) {
        check(discordantShare, alpha, power);
        if (!(delta > 0 && delta * delta < discordantShare)) {
            throw new IllegalArgumentException("detectable difference must be in (0, sqrt(discordantShare)), was "
                    + delta);
        }
        double root = zAlpha(alpha) * Math.sqrt(discordantShare)
                + NORMAL.inverseCumulativeProbability(power) * Math.sqrt(discordantShare - delta * delta);
        return (int) Math.ceil(root * root / (delta * delta));
    }

    /**
     * The smallest drop {@code cases} pairs detect: Connor's formula solved for delta by bisection (n delta^2 grows
     * faster than the right side). 1 when no drop up to sqrt(psi) is detectable.
     */
    public static double minimumDetectableEffect(int cases, double discordantShare, double alpha, double power) {
        check(discordantShare, alpha, power);
        if (cases < 1) {
            return 1;
        }
        double za = zAlpha(alpha);
        double zb = NORMAL.inverseCumulativeProbability(power);
        double lo = 0;
        double hi = Math.sqrt(discordantShare);
        if (gap(hi, cases, discordantShare, za, zb) < 0) {
            return 1;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = (lo + hi) / 2;
            if (gap(mid, cases, discordantShare, za, zb) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static double gap(double delta, int n, double psi, double za, double zb) {
        return Math.sqrt(n) * delta - za * Math.sqrt(psi) - zb * Math.sqrt(Math.max(0, psi - delta * delta));
    }

    private static double zAlpha(double alpha) {
        return NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    }

    private static void check(double psi, double alpha, double power) {
        if (!(psi > 0 && psi <= 1)) {
            throw new IllegalArgumentException("discordantShare must be in (0, 1], was " + psi);
        }
        if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
            throw new IllegalArgumentException("alpha and power must be in (0, 1), were " + alpha + " and " + power);
        }
    }
}
