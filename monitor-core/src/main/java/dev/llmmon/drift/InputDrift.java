package dev.llmmon.drift;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import dev.llmmon.spi.Embedder;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Collector;
import dev.llmmon.sampling.Sampler;
import dev.llmmon.spi.Embedder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Input drift in embedding space, per feature and day: a deterministic sample of the users' inputs (the same
 * SHA-256 rule as the judge's sampler, capped per day so embedding cost stays bounded) is embedded; each day after
 * the reference days is compared with them by MMD² with a permutation p-value (effect size and p-value are both
 * reported), and the share of its inputs whose cosine to a slowly moving centroid of the reference falls below 0.7
 * is reported beside it. A day drifts when the p-value is below {@code alpha}. The per-day cap keeps samples small
 * enough that a p-value does not flag every trivial shift, as it would on thousands of inputs. The 0.7 outlier
 * threshold suits large general-purpose embedding models; small sentence models put most varied questions below
 * it, so the outlier share is information, not a verdict. Consecutive drifting days are one alert.
 *
 * <p>Feed records with text ({@link #accept}), merge partial collectors ({@link #merge}); call {@link #detect} once at the end. Memory holds the sampled texts
 * only.
 */
public final class InputDrift implements Collector<InputDrift> {
    /**
     * @param rate           share of requests sampled (deterministic by request id)
     * @param perDay         at most this many inputs per feature and day (the first ones sampled)
     * @param referenceDays  the first days of each feature, pooled as the reference
     * @param alpha          permutation-test level; 0.005 by default because every feature-day is a test (four
     *                       features over a week are some twenty tests)
     * @param permutations   label shuffles for the p-value
     */
    public record Plan(double rate, int perDay, int referenceDays, double alpha, int permutations) {
        public static Plan defaults() {
            return new Plan(0.10, 100, 2, 0.005, 999);
        }
    }

    /** One day compared with the reference. */
    public record Check(String feature, Instant day, int inputs, double mmd2, double pValue, double outlierRate,
                        double referenceOutlierRate, boolean drift) {
    }

    public record Result(List<Check> checks, List<Alert> alerts) {
    }

    private static final long DAY = Duration.ofDays(1).toMillis();

    private final Plan plan;
    private final Map<String, TreeMap<Long, List<String>>> samples = new TreeMap<>();

    public InputDrift(Plan plan) {
        this.plan = plan;
    }

    public Plan plan() {
        return plan;
    }

    @Override
    public synchronized void accept(RequestRecord r) {
        if (r.userInput() == null || r.userInput().isBlank() || !Sampler.isSampled(r.requestId(), plan.rate())) {
            return;
        }
        long day = Math.floorDiv(r.timestamp().toEpochMilli(), DAY) * DAY;
        List<String> texts = samples.computeIfAbsent(r.featureId(), f -> new TreeMap<>())
                .computeIfAbsent(day, d -> new ArrayList<>());
        if (texts.size() < plan.perDay()) {
            texts.add(r.userInput());
        }
    }

    /**
     * Adds another collector's samples, taken from records that came after this one's: each feature-day keeps its
     * first {@code perDay} sampled inputs, as one collector over all records would.
     */
    @Override
    public synchronized void merge(InputDrift other) {
        if (!other.plan.equals(plan)) {
            throw new IllegalArgumentException("cannot merge input samples taken with different plans");
        }
        synchronized (other) {
            other.samples.forEach((feature, days) -> days.forEach((day, texts) -> {
                List<String> mine = samples.computeIfAbsent(feature, f -> new TreeMap<>())
                        .computeIfAbsent(day, d -> new ArrayList<>());
                for (String text : texts) {
                    if (mine.size() < plan.perDay()) {
                        mine.add(text);
                    }
                }
            }));
        }
    }

    public synchronized Result detect(Embedder embedder) {
        List<Check> checks = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        samples.forEach((feature, byDay) -> {
            List<Long> days = new ArrayList<>(byDay.keySet());
            if (days.size() <= plan.referenceDays()) {
                return;
            }
            List<String> referenceTexts = new ArrayList<>();
            for (int i = 0; i < plan.referenceDays(); i++) {
                referenceTexts.addAll(byDay.get(days.get(i)));
            }
            List<float[]> reference = embedder.embed(referenceTexts);
            float[] centroid = EmbeddingDrift.mean(reference);
            double referenceOutliers = EmbeddingDrift.outliers(centroid, reference, EmbeddingDrift.DEFAULT_THRESHOLD,
                    0.01).rate();
            List<Check> featureChecks = new ArrayList<>();
            for (int i = plan.referenceDays(); i < days.size(); i++) {
                List<String> texts = byDay.get(days.get(i));
                if (texts.size() < 10) {
                    continue; // too few inputs for a two-sample test
                }
                List<float[]> current = embedder.embed(texts);
                EmbeddingDrift.MmdResult mmd = EmbeddingDrift.mmd(reference, current, plan.permutations(),
                        days.get(i), plan.alpha());
                double outliers = EmbeddingDrift.outliers(centroid, current, EmbeddingDrift.DEFAULT_THRESHOLD, 0.01)
                        .rate();
                boolean drift = mmd.pValue() < plan.alpha();
                Check check = new Check(feature, Instant.ofEpochMilli(days.get(i)), texts.size(), mmd.mmd2(),
                        mmd.pValue(), outliers, referenceOutliers, drift);
                featureChecks.add(check);
            }
            checks.addAll(featureChecks);
            alerts.addAll(DayRuns.alerts(featureChecks, Check::drift, Check::day, InputDrift::alert));
        });
        return new Result(checks, alerts);
    }

    private static Alert alert(List<Check> run, Instant closedAt) {
        Check first = run.get(0);
        Check peak = run.stream().max((a, b) -> Double.compare(a.mmd2(), b.mmd2())).orElseThrow();
        String message = String.format(Locale.ROOT, "inputs of feature %s drifted from the reference days: MMD² %.4f"
                        + " (p = %.3f), %.0f%% of sampled inputs far from the reference centroid (%.0f%% before), %s%s",
                first.feature(), peak.mmd2(), peak.pValue(), 100 * peak.outlierRate(),
                100 * peak.referenceOutlierRate(), peak.day().toString().substring(0, 10),
                closedAt == null ? ", still drifting" : ", back at " + closedAt.toString().substring(0, 10));
        List<Alert.Evidence> evidence = run.stream().map(c -> new Alert.Evidence(c.day(), c.outlierRate(), c.inputs(),
                c.mmd2(), c.pValue())).toList();
        return Alert.of(AlertKind.INPUT_DRIFT, first.feature(), "*", "input_embeddings", first.day())
                .windowEnd(run.get(run.size() - 1).day().plusMillis(DAY)).closedAt(closedAt)
                .value(peak.outlierRate(), peak.referenceOutlierRate())
                .limit(EmbeddingDrift.DEFAULT_THRESHOLD, "outlier share").direction("UP").severity(Severity.MINOR)
                .describedBy("input-drift(mmd)", message).evidence(evidence).build();
    }
}
