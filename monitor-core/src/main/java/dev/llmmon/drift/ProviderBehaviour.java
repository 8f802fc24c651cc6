package dev.llmmon.drift;

import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Collector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Silent model changes: the same {@code model_id} behaving differently, which points at a provider-side change
 * (a new snapshot behind an alias, a changed system prompt or safety layer).
 *
 * <p>Feed it every {@link RequestRecord} ({@link #add}); per model, feature and window it keeps only counts (system
 * fingerprints, a log2 histogram of output tokens, refusals, JSON-looking outputs), so partial accumulators from
 * parallel readers {@link #merge} exactly. {@link #suspectedChanges} then compares each window with the pooled
 * previous {@code referenceWindows} windows of the same model <i>and feature</i> (pooled over features, a shift in
 * the feature mix or one feature's new prompt would look like a new model):
 * <ul>
 *   <li>fingerprint: the window's dominant {@code system_fingerprint} (at least half its requests) never appeared
 *       in the reference;</li>
 *   <li>output length: Jensen–Shannon distance of the length histograms ≥ 0.1 <i>and</i> chi-square p &lt; 0.001
 *       (a distance and a test, so neither a tiny significant shift nor a noisy small window alone counts); the
 *       chi-square pools neighbouring buckets until each expects at least 5 (a bucket expecting 0.3 that sees 3
 *       would otherwise add 24 to the statistic on its own);</li>
 *   <li>refusal rate or JSON-output rate: Fisher's exact test, two-sided p &lt; 6.3·10⁻⁵ (the tail of |z| ≥ 4; exact
 *       because refusals are rare: 2 of 140 against 2 of 2,000 is "z = 4.8" by the normal approximation and p = 0.02
 *       by Fisher).</li>
 * </ul>
 * Consecutive suspicious windows of a (model, feature) are one suspected change, reported at its first window.
 */
public final class ProviderBehaviour implements Collector<ProviderBehaviour> {
    private static final int BUCKETS = 18; // 0, 1, 2–3, 4–7, ..., ≥ 2^16

    private final long windowMillis;
    /** model → feature → window start → counts. */
    private final Map<String, Map<String, TreeMap<Long, Cell>>> models = new TreeMap<>();

    public ProviderBehaviour(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        this.windowMillis = window.toMillis();
    }

    /**
     * One suspected provider-side change seen in one feature's traffic, with the reasons that point at it.
     *
     * @param fingerprint whether a new {@code system_fingerprint} is among the reasons: the provider's own word
     *                    that something changed, unlike a behaviour shift that the feature's own change can explain
     */
    public record SuspectedChange(String model, String feature, Instant windowStart, Instant lastWindow,
                                  List<String> reasons, boolean fingerprint) {
        public SuspectedChange {
            reasons = List.copyOf(reasons);
        }
    }

    private static final class Cell {
        long requests;
        long refusals;
        long jsonKnown;
        long json;
        final long[] lengths = new long[BUCKETS];
        final Map<String, Long> fingerprints = new TreeMap<>();

        void merge(Cell o) {
            requests += o.requests;
            refusals += o.refusals;
            jsonKnown += o.jsonKnown;
            json += o.json;
            for (int i = 0; i < BUCKETS; i++) {
                lengths[i] += o.lengths[i];
            }
            o.fingerprints.forEach((k, v) -> fingerprints.merge(k, v, Long::sum));
        }
    }

    @Override
    public synchronized void accept(RequestRecord r) {
        if (r.isError()) {
            return; // failed calls say nothing about the model's behaviour
        }
        long start = Math.floorDiv(r.timestamp().toEpochMilli(), windowMillis) * windowMillis;
        Cell c = models.computeIfAbsent(r.modelId(), m -> new TreeMap<>())
                .computeIfAbsent(r.featureId(), f -> new TreeMap<>()).computeIfAbsent(start, s -> new Cell());
        c.requests++;
        if (r.isRefusal()) {
            c.refusals++;
        }
        c.lengths[bucket(r.outputTokens())]++;
        if (r.systemFingerprint() != null) {
            c.fingerprints.merge(r.systemFingerprint(), 1L, Long::sum);
        }
        if (r.output() != null) {
            c.jsonKnown++;
            String t = r.output().strip();
            if (t.startsWith("{") && t.endsWith("}") || t.startsWith("[") && t.endsWith("]")) {
                c.json++;
            }
        }
    }

    /** Adds another accumulator's counts (same window length). */
    @Override
    public synchronized void merge(ProviderBehaviour other) {
        if (other.windowMillis != windowMillis) {
            throw new IllegalArgumentException("cannot merge accumulators with different windows");
        }
        synchronized (other) {
            other.models.forEach((model, features) -> features.forEach((feature, cells) -> cells.forEach(
                    (start, cell) -> models.computeIfAbsent(model, m -> new TreeMap<>())
                            .computeIfAbsent(feature, f -> new TreeMap<>())
                            .computeIfAbsent(start, s -> new Cell()).merge(cell))));
        }
    }

    static int bucket(long tokens) {
        if (tokens <= 0) {
            return 0;
        }
        return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(tokens));
    }

    /**
     * @param referenceWindows previous windows pooled as the reference (e.g. 7 daily windows)
     * @param minRequests      windows (and references) with fewer requests are not compared
     */
    public synchronized List<SuspectedChange> suspectedChanges(int referenceWindows, long minRequests) {
        List<SuspectedChange> out = new ArrayList<>();
        models.forEach((model, features) -> features.forEach((feature, cells) -> {
            List<Map.Entry<Long, Cell>> windows = new ArrayList<>(cells.entrySet());
            SuspectedChange open = null;
            for (int i = 1; i < windows.size(); i++) {
                Cell current = windows.get(i).getValue();
                Cell reference = new Cell();
                for (int j = Math.max(0, i - referenceWindows); j < i; j++) {
                    reference.merge(windows.get(j).getValue());
                }
                List<String> reasons = current.requests < minRequests || reference.requests < minRequests
                        ? List.of() : compare(reference, current);
                Instant at = Instant.ofEpochMilli(windows.get(i).getKey());
                if (reasons.isEmpty()) {
                    if (open != null) {
                        out.add(open);
                        open = null;
                    }
                } else if (open == null) {
                    open = new SuspectedChange(model, feature, at, at, reasons,
                            reasons.stream().anyMatch(r -> r.startsWith(FINGERPRINT)));
                } else {
                    open = new SuspectedChange(model, feature, open.windowStart(), at, open.reasons(),
                            open.fingerprint());
                }
            }
            if (open != null) {
                out.add(open);
            }
        }));
        return Collections.unmodifiableList(out);
    }

    private static final String FINGERPRINT = "system_fingerprint ";

    private static List<String> compare(Cell ref, Cell cur) {
        List<String> reasons = new ArrayList<>();
        String dominant = cur.fingerprints.entrySet().stream().max(Map.Entry.comparingByValue())
                .filter(e -> e.getValue() * 2 >= cur.requests).map(Map.Entry::getKey).orElse(null);
        if (dominant != null && !ref.fingerprints.isEmpty() && !ref.fingerprints.containsKey(dominant)) {
            reasons.add(FINGERPRINT + dominant + " replaced " + ref.fingerprints.keySet());
        }
        double[] p = new double[BUCKETS];
        double[] q = new double[BUCKETS];
        int used = 0;
        for (int i = 0; i < BUCKETS; i++) {
            p[i] = ref.lengths[i] / (double) ref.requests;
            q[i] = cur.lengths[i] / (double) cur.requests;
        }
        double js = CategoricalDrift.jensenShannonDistance(p, q);
        long unseen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (ref.lengths[i] == 0) {
                unseen += cur.lengths[i];
            }
        }
        if (js >= 0.1) {
            boolean significant = unseen * 2 > cur.requests;
            if (!significant) {
                List<double[]> pooled = pooledBuckets(p, cur);
                if (pooled.size() >= 2) {
                    double[] expected = pooled.stream().mapToDouble(e -> e[0]).toArray();
                    long[] observed = pooled.stream().mapToLong(e -> (long) e[1]).toArray();
                    significant = new ChiSquareTest().chiSquareTest(expected, observed) < 0.001;
                }
            }
            if (significant) {
                reasons.add(String.format(Locale.ROOT, "output length distribution shifted (JS distance %.2f, median "
                        + "~%d -> ~%d tokens)", js, medianTokens(ref.lengths), medianTokens(cur.lengths)));
            }
        }
        if (DriftTests.fisherTwoSided(ref.refusals, ref.requests, cur.refusals, cur.requests) < RATE_ALPHA) {
            reasons.add(String.format(Locale.ROOT, "refusal rate %.3f -> %.3f (%d of %d)",
                    ref.refusals / (double) ref.requests, cur.refusals / (double) cur.requests, cur.refusals,
                    cur.requests));
        }
        if (ref.jsonKnown > 0 && cur.jsonKnown > 0
                && DriftTests.fisherTwoSided(ref.json, ref.jsonKnown, cur.json, cur.jsonKnown) < RATE_ALPHA) {
            reasons.add(String.format(Locale.ROOT, "JSON-output rate %.3f -> %.3f (%d of %d)",
                    ref.json / (double) ref.jsonKnown, cur.json / (double) cur.jsonKnown, cur.json, cur.jsonKnown));
        }
        return reasons;
    }

    /** Two-sided tail of |z| ≥ 4 under a normal: refusal and JSON rates must move this clearly. */
    static final double RATE_ALPHA = 6.334e-5;

    /**
     * (expected, observed) pairs over the reference's buckets, neighbours pooled until each group expects at least
     * 5 (the usual condition for the chi-square approximation); a short last group joins the one before it.
     */
    private static List<double[]> pooledBuckets(double[] referenceShare, Cell cur) {
        List<double[]> groups = new ArrayList<>();
        double expected = 0;
        double observed = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (referenceShare[i] == 0) {
                continue; // unseen buckets are judged by the unseen share above
            }
            expected += referenceShare[i] * cur.requests;
            observed += cur.lengths[i];
            if (expected >= 5) {
                groups.add(new double[] {expected, observed});
                expected = 0;
                observed = 0;
            }
        }
        if (expected > 0 || observed > 0) {
            if (groups.isEmpty()) {
                groups.add(new double[] {expected, observed});
            } else {
                double[] last = groups.get(groups.size() - 1);
                last[0] += expected;
                last[1] += observed;
            }
        }
        return groups;
    }

    private static long medianTokens(long[] histogram) {
        long total = 0;
        for (long h : histogram) {
            total += h;
        }
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen * 2 >= total) {
                return i == 0 ? 0 : 3L << (i - 1) >> 1; // bucket midpoint, roughly 1.5 × 2^(i−1)
            }
        }
        return 0;
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    @Override
    public String toString() {
        return "ProviderBehaviour" + Objects.toString(models.keySet());
    }
}
