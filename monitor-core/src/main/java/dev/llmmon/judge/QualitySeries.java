package dev.llmmon.judge;

import dev.llmmon.metrics.JudgedScore;
import dev.llmmon.metrics.QualityPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Quality per tumbling window (aligned to the UTC epoch, so 1 h windows start on the hour) and feature, optionally
 * per model, placed by the time of the judged request (not the time of judging).
 *
 * <p>Only the newest judgement per (request, rubric version, judge model) counts. Pass judgements of one rubric
 * version and judge model: scores under different rubrics are not comparable.
 */
public final class QualitySeries {
    private final List<QualityPoint> points;
    private final List<JudgedScore> scores;
    private final long untimed;

    private QualitySeries(List<QualityPoint> points, List<JudgedScore> scores, long untimed) {
        this.points = points;
        this.scores = scores;
        this.untimed = untimed;
    }

    /** Places each judgement at its recorded {@code request_timestamp}. */
    public static QualitySeries compute(Iterable<Judgement> judgements, Duration window, boolean byModel) {
        return compute(judgements, window, byModel, Judgement::requestTimestamp);
    }

    /**
     * @param requestTime when the judged request happened (e.g. looked up from the request logs by request id);
     *                    judgements it returns {@code null} for are counted in {@link #untimed()}
     */
    public static QualitySeries compute(Iterable<Judgement> judgements, Duration window, boolean byModel,
                                        Function<Judgement, Instant> requestTime) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        long windowMillis = window.toMillis();
        record Key(long start, String feature, String model) {
        }
        Map<Key, Acc> groups = new TreeMap<>(Comparator.comparingLong(Key::start)
                .thenComparing(Key::feature, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Key::model, Comparator.nullsFirst(Comparator.naturalOrder())));
        long untimed = 0;
        List<JudgedScore> scores = new ArrayList<>();
        for (Judgement j : JudgementStore.latest(judgements)) {
            Instant t = requestTime.apply(j);
            if (t == null) {
                untimed++;
                continue;
            }
            if (j.status() == JudgementStatus.OK) {
                scores.add(new JudgedScore(t, j.requestId(), j.featureId(), j.modelId(), j.qualityScore(),
                        j.dimensions()));
            }
            long start = Math.floorDiv(t.toEpochMilli(), windowMillis) * windowMillis;
            groups.computeIfAbsent(new Key(start, j.featureId(), byModel ? j.modelId() : null), k -> new Acc()).add(j);
        }
        List<QualityPoint> points = new ArrayList<>();
        groups.forEach((k, acc) -> points.add(acc.point(Instant.ofEpochMilli(k.start()),
                Instant.ofEpochMilli(k.start() + windowMillis), k.feature(), k.model())));
        scores.sort(Comparator.comparing(JudgedScore::requestTime).thenComparing(JudgedScore::requestId));
        return new QualitySeries(List.copyOf(points), List.copyOf(scores), untimed);
    }

    /** Points ordered by window, feature, model. */
    public List<QualityPoint> points() {
        return points;
    }

    /** Every ok judgement with a request time, in request-time order (then by request id). */
    public List<JudgedScore> scores() {
        return scores;
    }

    /** Judgements left out because their request time is unknown. */
    public long untimed() {
        return untimed;
    }

    private static final class Acc {
        long ok;
        long flagged;
        long unparseable;
        long failed;
        double scoreSum;
        final Map<String, double[]> dims = new LinkedHashMap<>(); // sum, count

        void add(Judgement j) {
            switch (j.status()) {
                case UNPARSEABLE -> unparseable++;
                case ERROR -> failed++;
                case OK -> {
                    ok++;
                    scoreSum += Objects.requireNonNull(j.qualityScore());
                    if (j.flagged()) {
                        flagged++;
                    }
                    j.dimensions().forEach((name, score) -> {
                        double[] a = dims.computeIfAbsent(name, n -> new double[2]);
                        a[0] += score;
                        a[1]++;
                    });
                }
            }
        }

        QualityPoint point(Instant start, Instant end, String feature, String model) {
            Map<String, Double> means = new LinkedHashMap<>();
            dims.forEach((name, a) -> means.put(name, a[0] / a[1]));
            return new QualityPoint(start, end, feature, model, ok, ok == 0 ? null : scoreSum / ok,
                    java.util.Collections.unmodifiableMap(means), ok == 0 ? null : (double) flagged / ok,
                    unparseable, failed);
        }
    }
}
