package dev.llmmon.detect;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the in-control (Phase I) parameters μ0 and σ (or p0) come from. They are estimated once and then frozen:
 * later windows never move them, so a slow drift cannot teach the chart that it is normal.
 */
public sealed interface Baseline {

    /** The first {@code count} chartable windows of the series. */
    static Baseline firstWindows(int count) {
        return new FirstWindows(count);
    }

    /** The chartable windows whose start lies in [{@code from}, {@code to}); e.g. the 14 days before a model change. */
    static Baseline between(Instant from, Instant to) {
        return new Between(from, to);
    }

    /** Known parameters for {@link Kind#INDIVIDUAL} (no Phase I: every chartable window is monitored). */
    static Baseline known(double mean, double sigma) {
        return new Known(mean, sigma);
    }

    /** Known in-control proportion p0 for {@link Kind#PROPORTION}. */
    static Baseline knownProportion(double p0) {
        if (!(p0 > 0 && p0 < 1)) {
            throw new IllegalArgumentException("known proportion must lie strictly between 0 and 1, got " + p0);
        }
        return new Known(p0, Math.sqrt(p0 * (1 - p0)));
    }

    record FirstWindows(int count) implements Baseline {
        public FirstWindows {
            if (count < 2) {
                throw new IllegalArgumentException("a baseline needs at least 2 windows, got " + count);
            }
        }
    }

    record Between(Instant from, Instant to) implements Baseline {
        public Between {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("baseline range is empty: from " + from + " is not before " + to);
            }
        }
    }

    /** For proportions {@code sigma} is the per-request standard deviation √(p0(1−p0)). */
    record Known(double mean, double sigma) implements Baseline {
        public Known {
            if (!(sigma > 0) || !Double.isFinite(sigma) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("known baseline needs a finite mean and sigma > 0, got mean "
                        + mean + ", sigma " + sigma);
            }
        }
    }
}
