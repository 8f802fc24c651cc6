package dev.llmmon.quality;

import dev.llmmon.metrics.JudgedScore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run of the quality chart over one feature and model's judgements.
 *
 * @param judgements         ok judgements of the series
 * @param baselineRemaining  judgements still needed before the chart starts (0 once it charts)
 * @param baselineMean       μ0, the baseline's mean score (NaN while collecting)
 * @param baselineSd         the baseline's standard deviation of single scores (NaN while collecting)
 * @param judgementsPerHour  the baseline's judgements per hour (NaN while collecting)
 * @param arl0               the in-control ARL the limit was set for, in judgements (NaN while collecting)
 * @param limit              h, the lower limit of the EWMA (NaN while collecting)
 * @param episodes           the drops found, in time order
 */
public record QualityChart(String feature, String model, int judgements, int baselineRemaining,
                           double baselineMean, double baselineSd, double judgementsPerHour, double arl0,
                           double limit, List<Episode> episodes) {

    public QualityChart {
        episodes = List.copyOf(episodes);
    }

    public boolean collectingBaseline() {
        return baselineRemaining > 0;
    }

    /**
     * One drop.
     *
     * @param onset           request time of the first judgement after the EWMA last stood at μ0 before the signal:
     *                        where the evidence starts (the chart's estimate of when the drop began)
     * @param signal          request time of the judgement at which the EWMA fell below the limit
     * @param closedAt        request time of the first judgement after which the EWMA stayed above the midpoint of
     *                        limit and μ0 for 1/λ judgements; {@code null} while the drop lasts
     * @param lowest          the EWMA's lowest value in the episode
     * @param evidenceMean    mean score of the judgements from onset to signal
     * @param evidenceCount   how many judgements those are
     * @param dimensionDrops  per dimension: baseline mean minus the evidence mean, largest drop first
     * @param evidence        the judgements from onset to the episode's last judgement below the limit
     */
    public record Episode(Instant onset, Instant signal, Instant closedAt, double lowest, double evidenceMean,
                          int evidenceCount, Map<String, Double> dimensionDrops, List<Point> evidence) {
        public Episode {
            evidence = List.copyOf(evidence);
        }

        public boolean open() {
            return closedAt == null;
        }
    }

    /** One charted judgement: its request time, score, and the EWMA after it. */
    public record Point(Instant time, double score, double statistic) {
    }

    /** Phase I of one series: what the limit is computed from. */
    record Baseline(double mean, double sd, double perHour, ScorePmf pmf, Map<String, Double> dimensionMeans) {
    }

    static Baseline baseline(List<JudgedScore> scores, int size) {
        if (scores.size() < size) {
            return null;
        }
        double[] x = new double[size];
        Map<String, double[]> dims = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            JudgedScore s = scores.get(i);
            x[i] = s.score();
            s.dimensions().forEach((d, v) -> {
                double[] acc = dims.computeIfAbsent(d, k -> new double[2]);
                acc[0] += v;
                acc[1]++;
            });
        }
        ScorePmf pmf = ScorePmf.estimate(x);
        double hours = Duration.between(scores.get(0).requestTime(), scores.get(size - 1).requestTime()).toMillis()
                / 3_600_000.0;
        double perHour = (size - 1) / Math.max(hours, 1.0 / 60);
        Map<String, Double> means = new LinkedHashMap<>();
        dims.forEach((d, acc) -> means.put(d, acc[0] / acc[1]));
        return new Baseline(pmf.mean(), pmf.sd(), perHour, pmf, means);
    }

    /** Limits from the baseline, then the EWMA over every judgement after it. */
    static QualityChart run(String feature, String model, List<JudgedScore> scores, QualityPlan plan,
                            Baseline baseline, double arl0) {
        int b = plan.baselineJudgements();
        if (baseline == null) {
            return new QualityChart(feature, model, scores.size(), b - scores.size(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, List.of());
        }
        double lambda = plan.lambda();
        double mu0 = baseline.mean();
        ScorePmf pmf = baseline.pmf();
        double limit = ScoreEwmaRunLength.limitFor(lambda, mu0, pmf.values(),
                pmf.posteriorDraws(QualityPlan.POSTERIOR_DRAWS), arl0);

        int stayAbove = (int) Math.ceil(1 / lambda);
        // hysteresis: an open drop closes only once z is back above halfway to μ0, so a shifted mean that sits near
        // the limit is one alert, not a new one each time z wanders across h
        double closeAbove = limit + (mu0 - limit) / 2;
        List<Episode> episodes = new ArrayList<>();
        double z = mu0;
        int lastAtCentre = b - 1; // index of the last judgement after which z was at μ0
        int open = -1; // index of the signal of the open episode
        int onset = -1;
        double lowest = Double.NaN;
        int lastBelow = -1;
        int firstAbove = -1; // first judgement of the current run above the limit while an episode is open
        List<Point> points = new ArrayList<>();
        for (int i = b; i < scores.size(); i++) {
            JudgedScore s = scores.get(i);
            z = Math.min(mu0, lambda * s.score() + (1 - lambda) * z);
            points.add(new Point(s.requestTime(), s.score(), z));
            if (open < 0) {
                if (z >= mu0) {
                    lastAtCentre = i;
                }
                if (z < limit) {
                    open = i;
                    onset = lastAtCentre + 1;
                    lowest = z;
                    lastBelow = i;
                    firstAbove = -1;
                }
                continue;
            }
            if (z < limit) {
                lowest = Math.min(lowest, z);
                lastBelow = i;
            }
            if (z < closeAbove) {
                firstAbove = -1;
                continue;
            }
            if (firstAbove < 0) {
                firstAbove = i;
            }
            if (i - firstAbove + 1 >= stayAbove) {
                episodes.add(episode(scores, points, b, onset, open, lastBelow, scores.get(firstAbove).requestTime(),
                        lowest, baseline));
                open = -1;
                lastAtCentre = i; // the next episode's evidence starts after this one closed
            }
        }
        if (open >= 0) {
            episodes.add(episode(scores, points, b, onset, open, lastBelow, null, lowest, baseline));
        }
        return new QualityChart(feature, model, scores.size(), 0, mu0, baseline.sd(), baseline.perHour(), arl0,
                limit, episodes);
    }

    private static Episode episode(List<JudgedScore> scores, List<Point> points, int b, int onset, int signal,
                                   int lastBelow, Instant closedAt, double lowest, Baseline baseline) {
        double sum = 0;
        Map<String, double[]> dims = new LinkedHashMap<>();
        for (int i = onset; i <= signal; i++) {
            JudgedScore s = scores.get(i);
            sum += s.score();
            s.dimensions().forEach((d, v) -> {
                double[] acc = dims.computeIfAbsent(d, k -> new double[2]);
                acc[0] += v;
                acc[1]++;
            });
        }
        int count = signal - onset + 1;
        List<Map.Entry<String, Double>> drops = new ArrayList<>();
        dims.forEach((d, acc) -> {
            Double before = baseline.dimensionMeans().get(d);
            if (before != null) {
                drops.add(Map.entry(d, before - acc[0] / acc[1]));
            }
        });
        drops.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Double> ordered = new LinkedHashMap<>();
        drops.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new Episode(scores.get(onset).requestTime(), scores.get(signal).requestTime(), closedAt, lowest,
                sum / count, count, java.util.Collections.unmodifiableMap(ordered),
                points.subList(onset - b, lastBelow - b + 1));
    }
}
