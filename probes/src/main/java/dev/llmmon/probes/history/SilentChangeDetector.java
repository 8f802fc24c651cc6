package dev.llmmon.probes.history;

import dev.llmmon.stats.FisherExact;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares the latest run of every (probe, model, way of running) with the runs before it and reports what looks like
 * the model changing behind an unchanged name, as opposed to ordinary sampling noise. Only like is compared with like
 * ({@link BehaviourFingerprint#comparisonKey()}: replays with replays, live runs with live runs against the same
 * endpoint), and a run in which no call got an answer ({@link BehaviourFingerprint#unavailable()}, an outage) is neither
 * judged nor part of any baseline. Rates count answered calls only: a failed call is the endpoint's, not the model's.
 * <ul>
 *   <li>pass rate and bare-JSON rate: one-sided Fisher exact test (hypergeometric tail) of latest vs pooled baseline;</li>
 *   <li>output length: two-sided Mann-Whitney U test, when both sides have at least {@value #MIN_LENGTH_SAMPLES} answers.
 *   A probe with fewer repeats (the catalog's 3) pools the latest run with the runs just before it, at most
 *   {@value #MAX_RECENT_LENGTH_RUNS} runs in all, until it has {@value #MIN_LENGTH_SAMPLES} answers; those runs then
 *   leave the length baseline. A change is so seen one or two runs late, and keeps being reported until the baseline
 *   has moved;</li>
 *   <li>refusal flip: baseline refused at least 80 % and the latest run at most 20 %, or the reverse (rule, no test);</li>
 *   <li>fingerprint change: none of the latest run's {@code system_fingerprint}s was seen in the run before it.</li>
 * </ul>
 * Several probes are tested at once, so keep {@code alpha} small (default 0.01) or expect some false alarms.
 */
public final class SilentChangeDetector {
    static final int MIN_LENGTH_SAMPLES = 5;
    /** Most runs pooled on the recent side of the length test (the latest and up to four before it). */
    static final int MAX_RECENT_LENGTH_RUNS = 5;
    private final double alpha;
    /** Below this cosine between a run's mean output embedding and the earlier runs' centroid: a semantic shift. */
    private double minEmbeddingCosine = DEFAULT_MIN_EMBEDDING_COSINE;
    public static final double DEFAULT_MIN_EMBEDDING_COSINE = 0.9;
    private final int baselineRuns;

    /**
     * @param alpha        significance level of each test
     * @param baselineRuns how many runs before the latest form the baseline
     */
    public SilentChangeDetector(double alpha, int baselineRuns) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        if (baselineRuns < 1) {
            throw new IllegalArgumentException("baselineRuns must be >= 1, was " + baselineRuns);
        }
        this.alpha = alpha;
        this.baselineRuns = baselineRuns;
    }

    public SilentChangeDetector withMinEmbeddingCosine(double value) {
        SilentChangeDetector d = new SilentChangeDetector(alpha, baselineRuns);
        d.minEmbeddingCosine = value;
        return d;
    }

    public static SilentChangeDetector defaults() {
        return new SilentChangeDetector(0.01, 10);
    }

    /**
     * Suspected changes per (probe, model, way of running) whose latest run got answers and has at least one earlier
     * run that did; history in file order.
     */
    public List<SilentChange> compare(List<BehaviourFingerprint> history) {
        Map<String, List<BehaviourFingerprint>> groups = new LinkedHashMap<>();
        for (BehaviourFingerprint f : history) {
            groups.computeIfAbsent(f.comparisonKey(), k -> new ArrayList<>()).add(f);
        }
        List<SilentChange> out = new ArrayList<>();
        for (List<BehaviourFingerprint> runs : groups.values()) {
            BehaviourFingerprint latest = runs.get(runs.size() - 1);
            if (latest.unavailable()) {
                continue; // an outage: nothing about the model to compare
            }
            List<BehaviourFingerprint> earlier = runs.subList(0, runs.size() - 1).stream()
                    .filter(f -> !f.unavailable() && !f.runId().equals(latest.runId())).toList();
            if (!earlier.isEmpty()) {
                out.addAll(compare(earlier, latest));
            }
        }
        return out;
    }

    /** {@code earlier}: the comparable runs before {@code latest}, oldest first (outages already left out). */
    List<SilentChange> compare(List<BehaviourFingerprint> earlier, BehaviourFingerprint latest) {
        List<BehaviourFingerprint> baseline = earlier.subList(Math.max(0, earlier.size() - baselineRuns), earlier.size());
        List<SilentChange> out = new ArrayList<>();
        String probe = latest.probeId();
        String model = latest.model();

        int bPass = baseline.stream().mapToInt(BehaviourFingerprint::passes).sum();
        int bN = baseline.stream().mapToInt(BehaviourFingerprint::answered).sum();
        drop(bPass, bN, latest.passes(), latest.answered()).ifPresent(p -> out.add(new SilentChange(probe, model,
                SilentChange.Kind.PASS_RATE_DROP, p, rates("pass rate", bPass, bN, latest.passes(), latest.answered())
                + failingChecks(latest))));

        List<Boolean> bJson = baseline.stream().flatMap(f -> f.jsonValid().stream()).toList();
        int bJ = count(bJson);
        int lJ = count(latest.jsonValid());
        drop(bJ, bJson.size(), lJ, latest.jsonValid().size()).ifPresent(p -> out.add(new SilentChange(probe, model,
                SilentChange.Kind.JSON_VALIDITY_DROP, p, rates("bare JSON", bJ, bJson.size(), lJ, latest.jsonValid().size()))));

        // the recent side: the latest run, pooled with the runs just before it until it has enough answers
        int recentRuns = 1;
        int recentAnswers = latest.outputLengths().size();
        while (recentAnswers < MIN_LENGTH_SAMPLES && recentRuns < MAX_RECENT_LENGTH_RUNS && recentRuns <= earlier.size() - 1) {
            recentAnswers += earlier.get(earlier.size() - recentRuns).outputLengths().size();
            recentRuns++;
        }
        List<BehaviourFingerprint> recent = new ArrayList<>(earlier.subList(earlier.size() - (recentRuns - 1), earlier.size()));
        recent.add(latest);
        List<BehaviourFingerprint> older = earlier.subList(0, earlier.size() - (recentRuns - 1));
        List<BehaviourFingerprint> lengthBaseline = older.subList(Math.max(0, older.size() - baselineRuns), older.size());
        double[] bLen = lengthBaseline.stream().flatMap(f -> f.outputLengths().stream()).mapToDouble(Integer::doubleValue).toArray();
        double[] lLen = recent.stream().flatMap(f -> f.outputLengths().stream()).mapToDouble(Integer::doubleValue).toArray();
        if (bLen.length >= MIN_LENGTH_SAMPLES && lLen.length >= MIN_LENGTH_SAMPLES) {
            double p = new MannWhitneyUTest().mannWhitneyUTest(bLen, lLen);
            if (p < alpha) {
                out.add(new SilentChange(probe, model, SilentChange.Kind.LENGTH_SHIFT, p, String.format(Locale.ROOT,
                        "median output length %.0f -> %.0f chars", median(bLen), median(lLen))
                        + (recentRuns == 1 ? "" : String.format(Locale.ROOT,
                        " (latest %d runs pooled, %d answers, against the %d runs before)", recentRuns, lLen.length,
                        lengthBaseline.size()))));
            }
        }

        List<Boolean> bRef = baseline.stream().flatMap(f -> f.refusals().stream()).toList();
        double before = BehaviourFingerprint.share(bRef);
        double now = BehaviourFingerprint.share(latest.refusals());
        if (bRef.size() >= 3 && !latest.refusals().isEmpty()
                && ((before >= 0.8 && now <= 0.2) || (before <= 0.2 && now >= 0.8))) {
            out.add(new SilentChange(probe, model, SilentChange.Kind.REFUSAL_FLIP, null, String.format(Locale.ROOT,
                    "refused %.0f%% of %d answers before, %.0f%% of %d now", 100 * before, bRef.size(), 100 * now,
                    latest.refusals().size())));
        }

        List<BehaviourFingerprint> embedded = baseline.stream().filter(f -> !f.outputEmbedding().isEmpty()).toList();
        if (!embedded.isEmpty() && !latest.outputEmbedding().isEmpty()) {
            int dim = latest.outputEmbedding().size();
            double[] centroid = new double[dim];
            for (BehaviourFingerprint f : embedded) {
                for (int i = 0; i < dim && i < f.outputEmbedding().size(); i++) {
                    centroid[i] += f.outputEmbedding().get(i);
                }
            }
            List<Float> c = BehaviourFingerprint.unit(centroid);
            double cosine = 0;
            for (int i = 0; i < dim; i++) {
                cosine += c.get(i) * latest.outputEmbedding().get(i);
            }
            if (cosine < minEmbeddingCosine) {
                out.add(new SilentChange(probe, model, SilentChange.Kind.SEMANTIC_SHIFT, null, String.format(Locale.ROOT,
                        "outputs moved away from the earlier runs: cosine %.3f to their centroid (< %.2f)", cosine,
                        minEmbeddingCosine)));
            }
        }

        BehaviourFingerprint previous = baseline.get(baseline.size() - 1);
        Set<String> seen = new LinkedHashSet<>(previous.systemFingerprints());
        if (!seen.isEmpty() && !latest.systemFingerprints().isEmpty()
                && latest.systemFingerprints().stream().noneMatch(seen::contains)) {
            out.add(new SilentChange(probe, model, SilentChange.Kind.FINGERPRINT_CHANGE, null,
                    "system_fingerprint " + seen + " -> " + latest.systemFingerprints()));
        }
        return out;
    }

    /**
     * One-sided Fisher exact test that the latest share is lower: with the margins fixed, the latest run's successes
     * are hypergeometric; the p-value is P(X <= observed).
     */
    private java.util.Optional<Double> drop(int baseHits, int baseN, int lastHits, int lastN) {
        if (baseN == 0 || lastN == 0 || (double) lastHits / lastN >= (double) baseHits / baseN) {
            return java.util.Optional.empty();
        }
        double p = FisherExact.lowerTail(baseHits, baseN, lastHits, lastN);
        return p < alpha ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    private static String rates(String what, int bHits, int bN, int lHits, int lN) {
        return String.format(Locale.ROOT, "%s %d/%d (%.0f%%) before, %d/%d (%.0f%%) now", what, bHits, bN,
                100.0 * bHits / bN, lHits, lN, 100.0 * lHits / lN);
    }

    private static String failingChecks(BehaviourFingerprint latest) {
        List<String> names = latest.checks().entrySet().stream().filter(e -> e.getValue().failed() > 0)
                .map(e -> e.getKey() + " failed " + e.getValue().failed()).toList();
        return names.isEmpty() ? "" : "; " + String.join(", ", names);
    }

    private static int count(List<Boolean> flags) {
        return (int) flags.stream().filter(b -> b).count();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
