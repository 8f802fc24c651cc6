package dev.llmmon.quality;

import dev.llmmon.metrics.JudgedScore;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judgements of one feature and model as a judge would write them: requests arrive as a Poisson process of
 * {@code requestsPerHour}, each judged with probability {@code sampleRate}; an answer is poor with probability p
 * (8% in control) and scored on three dimensions like the default rubric (poor: correctness 1–2, completeness
 * 1–3, tone 3–4; good: 4–5, 3–5, 4–5), so the mean score is 4.333 − 2p: 4.17 in control, and a drop of d points is
 * p raised by d/2. Fixed seeds (Well19937c), so every number a test or the docs table quotes can be re-run.
 */
final class JudgementSimulation {
    static final double POOR_IN_CONTROL = 0.08;
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private JudgementSimulation() {
    }

    /** One cell of the table: traffic and judge sample rate. */
    record Cell(double requestsPerHour, double sampleRate) {
        double judgementsPerHour() {
            return requestsPerHour * sampleRate;
        }
    }

    /**
     * Judgements of one stream: in control until {@code dropAt} hours after the {@code baseline}-th judgement, then
     * the mean score lower by {@code drop} points, until {@code hoursAfter} hours after the drop.
     */
    static List<JudgedScore> stream(Cell cell, int baseline, double dropAtHoursAfterBaseline, double drop,
                                    double hoursAfter, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        double rate = cell.judgementsPerHour();
        List<JudgedScore> out = new ArrayList<>();
        double t = 0;
        double dropAt = Double.POSITIVE_INFINITY;
        double end = Double.POSITIVE_INFINITY;
        while (t < end) {
            t += -Math.log(1 - rng.nextDouble()) / rate;
            if (out.size() == baseline) {
                dropAt = t + dropAtHoursAfterBaseline;
                end = dropAt + hoursAfter;
            }
            double poor = t >= dropAt ? POOR_IN_CONTROL + drop / 2 : POOR_IN_CONTROL;
            out.add(judgement(rng, t, out.size(), rng.nextDouble() < poor));
        }
        return out;
    }

    /** When the drop of a {@link #stream} begins, in hours from its start. */
    static double dropStart(List<JudgedScore> stream, int baseline, double dropAtHoursAfterBaseline) {
        return hours(stream.get(baseline).requestTime()) + dropAtHoursAfterBaseline;
    }

    static double hours(Instant t) {
        return Duration.between(START, t).toMillis() / 3_600_000.0;
    }

    private static JudgedScore judgement(RandomGenerator rng, double hours, int n, boolean poor) {
        Map<String, Integer> dims = new LinkedHashMap<>();
        dims.put("correctness", poor ? 1 + rng.nextInt(2) : 4 + rng.nextInt(2));
        dims.put("completeness", poor ? 1 + rng.nextInt(3) : 3 + rng.nextInt(3));
        dims.put("tone", poor ? 3 + rng.nextInt(2) : 4 + rng.nextInt(2));
        double score = dims.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        return new JudgedScore(START.plusMillis((long) (hours * 3_600_000)), String.format("r%08d", n), "chat",
                "m", score, dims);
    }

    /** Hours from the drop to the first signal at or after it; NaN when an alarm came before the drop. */
    static double delay(Cell cell, QualityPlan plan, double drop, double hoursAfter, long seed) {
        double warm = 24;
        List<JudgedScore> s = stream(cell, plan.baselineJudgements(), warm, drop, hoursAfter, seed);
        double dropStart = dropStart(s, plan.baselineJudgements(), warm);
        QualityChart chart = new QualityDropDetector(plan).charts(s).charts().get(0);
        for (QualityChart.Episode e : chart.episodes()) {
            double at = hours(e.signal());
            if (at < dropStart) {
                return Double.NaN;
            }
            return at - dropStart;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** False alarms (episodes) in {@code weeks} weeks of in-control judgements after the baseline. */
    static int falseAlarms(Cell cell, QualityPlan plan, double weeks, long seed) {
        List<JudgedScore> s = stream(cell, plan.baselineJudgements(), weeks * 168, 0, 0, seed);
        return new QualityDropDetector(plan).charts(s).charts().get(0).episodes().size();
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double[] x = sorted.clone();
        Arrays.sort(x);
        int i = (int) Math.ceil(q * x.length) - 1;
        return x[Math.max(0, Math.min(x.length - 1, i))];
    }
}
