package dev.llmmon.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Seeded series generators and run-length measurement for the chart tests. */
final class Simulation {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    private Simulation() {}

    static Instant window(int i) {
        return T0.plus(HOUR.multipliedBy(i));
    }

    /** N(mean, sigma) windows with {@code n} observations each; from index {@code shiftAt} on the mean moves by {@code shift}. */
    static List<SeriesPoint> normal(long seed, int length, double mean, double sigma, int shiftAt, double shift) {
        RandomGenerator rng = new Well19937c(seed);
        List<SeriesPoint> series = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            double level = i >= shiftAt ? mean + shift : mean;
            series.add(new SeriesPoint(window(i), level + sigma * rng.nextGaussian(), 1000));
        }
        return series;
    }

    static List<SeriesPoint> normal(long seed, int length) {
        return normal(seed, length, 0, 1, Integer.MAX_VALUE, 0);
    }

    /**
     * Windows from the first monitored window to the first signal (inclusive), for N(0,1) data whose mean moves by
     * {@code shift} from the first window on. The series is regenerated longer with the same seed (same prefix)
     * until a signal appears, so long run lengths are not truncated.
     */
    static int runLength(Detector detector, long seed, double shift) {
        for (int length = 64; ; length *= 4) {
            DetectionResult result = detector.run(normal(seed, length, 0, 1, 0, shift));
            int first = result.firstSignalIndex();
            if (first >= 0) {
                int monitoredBefore = 0;
                for (int i = 0; i <= first; i++) {
                    PointResult.Status status = result.points().get(i).status();
                    if (status == PointResult.Status.IN_CONTROL || status == PointResult.Status.OUT_OF_CONTROL) {
                        monitoredBefore++;
                    }
                }
                return monitoredBefore;
            }
            if (length > 10_000_000) {
                throw new AssertionError("no signal in " + length + " windows for seed " + seed);
            }
        }
    }

    /**
     * Steady-state delay: the mean moves by {@code shift} at window {@code shiftAt}; returns the number of windows
     * from the shift to the first signal (inclusive), averaged over the runs that had no false alarm before the
     * shift (the conditional steady-state ARL).
     */
    static double averageDelayAfter(Detector detector, long baseSeed, int runs, int shiftAt, double shift) {
        long total = 0;
        int counted = 0;
        for (int run = 0; run < runs; run++) {
            DetectionResult result = detector.run(normal(baseSeed + run, shiftAt + 2000, 0, 1, shiftAt, shift));
            int first = result.firstSignalIndex();
            if (first >= shiftAt) {
                total += first - shiftAt + 1;
                counted++;
            } else if (first < 0) {
                throw new AssertionError("no signal within 2000 windows after the shift, seed " + (baseSeed + run));
            }
        }
        return (double) total / counted;
    }

    /** Mean run length over {@code runs} seeds starting at {@code baseSeed}. */
    static double averageRunLength(Detector detector, long baseSeed, int runs, double shift) {
        long total = 0;
        for (int run = 0; run < runs; run++) {
            total += runLength(detector, baseSeed + run, shift);
        }
        return (double) total / runs;
    }
}
