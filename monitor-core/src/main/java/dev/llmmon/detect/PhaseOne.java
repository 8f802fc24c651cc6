package dev.llmmon.detect;

import dev.llmmon.detect.PointResult.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared Phase I for the charts: decides which windows are chartable, which form the baseline, estimates and
 * freezes μ0/σ (or p0), and standardizes every monitored window to u_i = (x_i − μ0)/σ_i, which is N(0, 1) while
 * the process is in control.
 */
final class PhaseOne {

    /** d2 for subgroups of two: E|X1 − X2| = 1.128σ for normal data. */
    static final double D2 = 1.128;

    enum Role {
        BASELINE,
        MONITOR,
        SKIPPED
    }

    /** {@code standardized} is set for MONITOR slots only. */
    record Slot(SeriesPoint point, Role role, SkipReason skipReason, String note, double standardized) {}

    record Prepared(BaselineSummary summary, List<Slot> slots) {}

    private PhaseOne() {}

    static Prepared prepare(List<SeriesPoint> series, Kind kind, Baseline baseline, long minCount) {
        return prepare(series, kind, baseline, minCount, 0);
    }

    /** With a floor under σ̂₁ for means (0: none); see {@link EwmaChart#withSigmaFloor}. */
    static Prepared prepare(List<SeriesPoint> series, Kind kind, Baseline baseline, long minCount, double sigmaFloor) {
        checkOrder(series);
        List<Slot> slots = new ArrayList<>(series.size());
        List<SeriesPoint> baselinePoints = new ArrayList<>();
        for (SeriesPoint p : series) {
            if (baseline instanceof Baseline.Between range && p.windowStart().isBefore(range.from())) {
                slots.add(skip(p, SkipReason.BEFORE_BASELINE, "before the pinned baseline starting " + range.from()));
                continue;
            }
            if (Double.isNaN(p.value())) {
                slots.add(skip(p, SkipReason.NO_VALUE, "no value for this window"));
                continue;
            }
            if (kind == Kind.PROPORTION && (p.value() < 0 || p.value() > 1)) {
                throw new IllegalArgumentException("window " + p.windowStart() + ": proportion " + p.value()
                        + " lies outside [0, 1]");
            }
            if (p.n() < minCount) {
                slots.add(skip(p, SkipReason.TOO_FEW_REQUESTS, p.n() + " requests, fewer than the minimum " + minCount));
                continue;
            }
            boolean inBaseline;
            if (baseline instanceof Baseline.FirstWindows first) {
                inBaseline = baselinePoints.size() < first.count();
            } else if (baseline instanceof Baseline.Between range) {
                inBaseline = p.windowStart().isBefore(range.to());
            } else {
                inBaseline = false;
            }
            if (inBaseline) {
                baselinePoints.add(p);
                slots.add(new Slot(p, Role.BASELINE, null, null, Double.NaN));
            } else {
                slots.add(new Slot(p, Role.MONITOR, null, null, Double.NaN));
            }
        }
        BaselineSummary summary = floored(summarize(series, kind, baseline, baselinePoints), kind, sigmaFloor);
        List<Slot> out = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (slot.role() != Role.MONITOR) {
                out.add(slot);
            } else if (summary.problem() != null) {
                out.add(skip(slot.point(), SkipReason.NO_BASELINE, summary.problem()));
            } else {
                out.add(new Slot(slot.point(), Role.MONITOR, null, null, standardize(slot.point(), kind, summary)));
            }
        }
        return new Prepared(summary, out);
    }

    /**
     * Individual values are clipped at ±{@value #INDIVIDUAL_CLIP} standard deviations before charting (a Huber-type
     * robust chart): hourly p95 latency or cost is heavy-tailed, and one window with a timeout in it would otherwise
     * signal on its own (a single point past about 6.4σ moves the default EWMA over its limit). Sustained shifts are
     * charted as before, and for normal data the clip is almost never active (P(|u| > 4) ≈ 6·10⁻⁵), so the
     * in-control run lengths keep their documented values. Proportions are not clipped: their σ already reflects
     * each window's size, and a one-window outage is real.
     */
    static final double INDIVIDUAL_CLIP = 4.0;

    private static BaselineSummary floored(BaselineSummary s, Kind kind, double floor) {
        if (kind != Kind.MEAN || !(floor > 0) || !s.usable() || s.sigma() >= floor) {
            return s;
        }
        return new BaselineSummary(s.complete(), s.windowsUsed(), s.windowsRemaining(), s.observations(), s.mean(),
                floor, s.dispersion(), s.excluded(), s.first(), s.last(), s.problem());
    }

    private static double standardize(SeriesPoint p, Kind kind, BaselineSummary s) {
        double u = s.score(kind, p.value(), p.n());
        if (kind == Kind.PROPORTION) {
            return u;
        }
        return Math.max(-INDIVIDUAL_CLIP, Math.min(INDIVIDUAL_CLIP, u));
    }

    /**
     * Robust Phase I for proportions: baseline windows whose own score lies beyond ±{@value #PHASE_ONE_LIMIT} are
     * left out and the estimate is redone, until none is left out (Montgomery, Introduction to SQC §6.3: trial
     * limits, drop the points with an assignable cause, recompute). Automated, it keeps an outage in the baseline
     * from raising p0 and the overdispersion factor (and so hiding the next outage). At most a quarter of the
     * windows go: a baseline that needs more is not in control, and the estimate then keeps them.
     *
     * <p>Not for individual values and means: their σ is empirical, and on heavy-tailed data (token counts, cost)
     * a legitimate 4σ window is common; dropping it shrinks σ̂ below the truth. Measured on the demo: support-chat's
     * claude-haiku output tokens, per-request σ 95, gave σ̂₁ 79 from 30 windows and 60 once one 4.4σ window was
     * dropped, which then raised two false alarms.
     */
    static final double PHASE_ONE_LIMIT = 3.0;

    private static BaselineSummary summarize(List<SeriesPoint> series, Kind kind, Baseline baseline,
            List<SeriesPoint> points) {
        if (baseline instanceof Baseline.Known known) {
            return new BaselineSummary(true, 0, 0, 0, known.mean(), known.sigma(), 1, List.of(), null, null, null);
        }
        int remaining = remaining(series, baseline, points.size());
        if (remaining != 0) {
            long observations = points.stream().mapToLong(SeriesPoint::n).sum();
            return new BaselineSummary(false, points.size(), remaining, observations, Double.NaN, Double.NaN, 1,
                    List.of(), points.isEmpty() ? null : points.get(0).windowStart(),
                    points.isEmpty() ? null : points.get(points.size() - 1).windowStart(), null);
        }
        List<SeriesPoint> kept = new ArrayList<>(points);
        List<Instant> excluded = new ArrayList<>();
        int maxExcluded = kind == Kind.PROPORTION ? points.size() / 4 : 0;
        BaselineSummary estimate = estimate(kind, kept, excluded);
        while (estimate.problem() == null) {
            List<SeriesPoint> out = new ArrayList<>();
            for (SeriesPoint p : kept) {
                if (Math.abs(estimate.score(kind, p.value(), p.n())) > PHASE_ONE_LIMIT) {
                    out.add(p);
                }
            }
            if (out.isEmpty() || excluded.size() + out.size() > maxExcluded) {
                break;
            }
            kept.removeAll(out);
            out.forEach(p -> excluded.add(p.windowStart()));
            excluded.sort(null);
            estimate = estimate(kind, kept, excluded);
        }
        return estimate;
    }

    private static BaselineSummary estimate(Kind kind, List<SeriesPoint> points, List<Instant> excluded) {
        long observations = points.stream().mapToLong(SeriesPoint::n).sum();
        Instant first = points.isEmpty() ? null : points.get(0).windowStart();
        Instant last = points.isEmpty() ? null : points.get(points.size() - 1).windowStart();
        double mean;
        double sigma;
        double dispersion = 1;
        String problem = null;
        if (kind == Kind.PROPORTION) {
            double events = 0;
            for (SeriesPoint p : points) {
                events += p.value() * p.n();
            }
            mean = observations == 0 ? Double.NaN : events / observations;
            sigma = Math.sqrt(mean * (1 - mean));
            if (points.isEmpty() || observations == 0) {
                problem = "the baseline period has no chartable windows";
            } else if (!(mean > 0 && mean < 1)) {
                // A binomial chart cannot standardize around p0 = 0 or 1 (σ = 0); inventing a p0 would make the
                // first event look like a many-sigma signal.
                problem = "baseline proportion is " + mean + " over " + observations
                        + " requests: a binomial chart needs 0 < p0 < 1";
            } else if (points.size() >= 2) {
                // Laney's p' chart (2002): when windows differ by more than binomial sampling (users or batches
                // that cluster), widen by the moving-range σ of the scores; never narrow.
                BaselineSummary binomial = new BaselineSummary(true, points.size(), 0, observations, mean, sigma, 1,
                        excluded, first, last, null);
                double movingRange = 0;
                double previous = 0;
                for (int i = 0; i < points.size(); i++) {
                    double score = binomial.score(kind, points.get(i).value(), points.get(i).n());
                    if (i > 0) {
                        movingRange += Math.abs(score - previous);
                    }
                    previous = score;
                }
                dispersion = Math.max(1, movingRange / (points.size() - 1) / D2);
            }
        } else {
            if (kind == Kind.MEAN) {
                double sum = 0;
                for (SeriesPoint p : points) {
                    sum += p.value() * p.n();
                }
                mean = observations == 0 ? Double.NaN : sum / observations;
            } else {
                mean = points.stream().mapToDouble(SeriesPoint::value).average().orElse(Double.NaN);
            }
            double movingRange = 0;
            for (int i = 1; i < points.size(); i++) {
                movingRange += Math.abs(scaled(kind, points.get(i), mean) - scaled(kind, points.get(i - 1), mean));
            }
            sigma = points.size() < 2 ? Double.NaN : movingRange / (points.size() - 1) / D2;
            if (points.size() < 2) {
                problem = "the baseline period has " + points.size()
                        + " chartable windows; a moving-range estimate needs at least 2";
            } else if (!(sigma > 0)) {
                problem = "baseline values do not vary (moving range 0): sigma cannot be estimated";
            }
        }
        return new BaselineSummary(true, points.size(), 0, observations, mean, sigma, dispersion, excluded, first,
                last, problem);
    }

    /** x for individual values, (x − μ0)·√n for means: what the moving range is taken of. */
    private static double scaled(Kind kind, SeriesPoint p, double mean) {
        return kind == Kind.MEAN ? (p.value() - mean) * Math.sqrt(p.n()) : p.value();
    }

    private static int remaining(List<SeriesPoint> series, Baseline baseline, int used) {
        if (baseline instanceof Baseline.FirstWindows firstWindows) {
            return firstWindows.count() - used;
        }
        Instant to = ((Baseline.Between) baseline).to();
        if (!series.isEmpty() && !series.get(series.size() - 1).windowStart().isBefore(to)) {
            return 0;
        }
        if (series.size() < 2) {
            return -1;
        }
        Instant lastStart = series.get(series.size() - 1).windowStart();
        Duration spacing = Duration.between(series.get(series.size() - 2).windowStart(), lastStart);
        // windows at lastStart + k·spacing (k ≥ 1) that still start before `to`
        long gap = Duration.between(lastStart, to).toNanos();
        long step = spacing.toNanos();
        return (int) Math.min(Integer.MAX_VALUE, (gap + step - 1) / step - 1);
    }

    private static void checkOrder(List<SeriesPoint> series) {
        for (int i = 1; i < series.size(); i++) {
            if (!series.get(i - 1).windowStart().isBefore(series.get(i).windowStart())) {
                throw new IllegalArgumentException("series is not in strictly increasing time order: window "
                        + series.get(i).windowStart() + " (index " + i + ") follows "
                        + series.get(i - 1).windowStart());
            }
        }
    }

    private static Slot skip(SeriesPoint p, SkipReason reason, String note) {
        return new Slot(p, Role.SKIPPED, reason, note, Double.NaN);
    }

    static PointResult nonMonitored(Slot slot) {
        return slot.role() == Role.BASELINE
                ? PointResult.baseline(slot.point())
                : PointResult.skipped(slot.point(), slot.skipReason(), slot.note());
    }
}
