package dev.llmmon.triage.internal;

import dev.llmmon.alert.sink.AlertJson;
import dev.llmmon.alert.sink.AlertsDocument;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.internal.SignalReader;
import dev.llmmon.internal.AtomicFiles;
import dev.llmmon.judge.Judgement;
import dev.llmmon.judge.JudgementStatus;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.monitor.LogReaders;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.record.ChangeEvent;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;
import dev.llmmon.stats.FisherExact;
import dev.llmmon.triage.Isolation;
import dev.llmmon.triage.ReviewBundle;
import dev.llmmon.triage.ScopeResult;
import dev.llmmon.triage.TriageConfig;
import dev.llmmon.triage.TriageJob;
import dev.llmmon.triage.TriageResult;
import dev.llmmon.triage.TriageTarget;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The steps of {@link TriageJob#run}. */
public final class Triage {
    static final int BOOTSTRAP_RESAMPLES = 200;
    static final int EVENT_WINDOWS = 24;
    static final int MAX_EVENTS = 10;

    private Triage() {
    }

    /** The resolved target: feature ({@code *} = all), model ({@code *} = all), metric, window. */
    record Target(String alertId, String feature, String model, String metric, Instant start, Instant end) {
        boolean matches(String f, String m) {
            return ("*".equals(feature) || feature.equals(f)) && ("*".equals(model) || model.equals(m));
        }
    }

    public static TriageResult run(TriageConfig config, TriageJob.Log log) throws IOException {
        MonitorConfig logs = config.logs();
        Duration window = logs.aggregation().window().duration();
        Target target = resolve(config.target(), window);
        Outcome outcome = Outcome.of(target.metric());
        List<String> warnings = new ArrayList<>();

        Instant searchStart = target.start().minus(config.referenceSpan());
        Instant keepFrom = searchStart.minus(config.referenceSpan());
        if (config.referenceFrom() != null && config.referenceFrom().isBefore(keepFrom)) {
            keepFrom = config.referenceFrom();
        }
        Loaded data = load(logs, target, keepFrom, warnings);
        log.info(String.format(Locale.ROOT, "llmmon: triage %s %s / %s, %s, window %s .. %s: %,d request(s) read, %,d"
                        + " kept", target.alertId() == null ? "of" : "of alert " + target.alertId() + ",", target.feature(),
                target.model(), target.metric(), target.start(), target.end(), data.read, data.rows.size()));

        Map<String, Judgement> judged = config.judgements() != null && Files.isRegularFile(config.judgements())
                ? judgements(config.judgements(), warnings) : Map.of();
        if (outcome.needsJudgements()) {
            if (config.judgements() == null || !Files.isRegularFile(config.judgements())) {
                throw new IllegalArgumentException(target.metric() + " is a judge metric: triage needs the judge's"
                        + " store (llmmon.judgements), none at " + config.judgements());
            }
            outcome.judgements(judged);
        }
        if (outcome.needsSignals()) {
            if (logs.signals().isEmpty()) {
                throw new IllegalArgumentException(target.metric() + " comes from user signals: triage needs the"
                        + " signal logs (llmmon.signals)");
            }
            outcome.signals(signals(logs, warnings));
        }
        if (outcome.numeric()) {
            Instant from = config.referenceFrom() != null ? config.referenceFrom() : searchStart;
            Instant to = config.referenceTo() != null ? config.referenceTo() : target.start();
            outcome.thresholds(p95ByFeature(data.rows, outcome, from, to));
        }

        // isolate: the change point of the target's series over [searchStart, end)
        Series series = Series.of(data.rows, target, outcome, keepFrom, target.end(), window);
        int searchFrom = series.index(searchStart);
        long[] n = java.util.Arrays.copyOfRange(series.units, searchFrom, series.units.length);
        long[] bad = java.util.Arrays.copyOfRange(series.bad, searchFrom, series.bad.length);
        ChangePoint.Estimate cp = ChangePoint.estimate(n, bad, BOOTSTRAP_RESAMPLES, config.seed());
        Instant cpAt = cp == null ? null : series.start(searchFrom + cp.index());
        Instant cpLow = cp == null ? null : series.start(searchFrom + cp.low());
        Instant cpHigh = cp == null ? null : series.start(searchFrom + cp.high());

        Instant refEnd;
        Instant refStart;
        if (config.referenceFrom() != null) {
            refStart = config.referenceFrom();
            refEnd = config.referenceTo();
        } else {
            refEnd = cpLow != null && cpLow.isBefore(target.start()) ? cpLow : target.start();
            refStart = refEnd.minus(config.referenceSpan());
        }
        List<Isolation.NearbyChange> nearby = nearby(config, logs, data, target, series, cpAt, window, warnings);
        List<Isolation.SeriesPoint> points = new ArrayList<>();
        for (int i = searchFrom; i < series.units.length; i++) {
            points.add(new Isolation.SeriesPoint(series.start(i), series.units[i], series.bad[i]));
        }
        Isolation isolation = new Isolation(points, cpAt, cpLow, cpHigh, cp == null ? Double.NaN : cp.before(),
                cp == null ? Double.NaN : cp.after(), nearby, cp == null
                ? "no rise in the series: fewer than 4 windows with units, or no split where the rate goes up" : null);

        // scope: every slice of the window against the reference
        List<String> dimensions = dimensions(data.rows);
        List<SliceScoper.Unit> units = new ArrayList<>();
        Map<String, String> redactedValues = new HashMap<>();
        for (Row r : data.rows) {
            boolean inWindow = !r.timestamp().isBefore(target.start()) && r.timestamp().isBefore(target.end());
            boolean inReference = !r.timestamp().isBefore(refStart) && r.timestamp().isBefore(refEnd);
            if (!inWindow && !inReference) {
                continue;
            }
            Boolean b = outcome.bad(r);
            if (b == null) {
                continue;
            }
            String[] values = new String[dimensions.size()];
            for (int d = 0; d < values.length; d++) {
                String v = r.dimension(dimensions.get(d));
                // slice values reach triage.md: a metadata value that is an address is written redacted
                values[d] = v == null ? null
                        : redactedValues.computeIfAbsent(v, x -> config.redactor().redact(x).text());
            }
            units.add(new SliceScoper.Unit(values, inWindow, b));
        }
        ScopeResult scope = new SliceScoper(config.minSupport(), config.alpha(), config.maxValuesPerKey())
                .scope(dimensions, units);

        // triage: the review bundle
        Path bundleFile = config.outDir().resolve(TriageConfig.BUNDLE_FILE);
        ReviewBundle previous = null;
        if (Files.isRegularFile(bundleFile)) {
            previous = ReviewBundle.read(bundleFile);
        }
        ReviewBundle bundle = BundleSampler.sample(config, target.alertId(), target.feature(), target.model(),
                target.metric(), target.start(), target.end(), data.rows.stream()
                        .filter(r -> r.input() != null || r.output() != null || r.errorText() != null)
                        .filter(r -> !r.timestamp().isBefore(target.start()) && r.timestamp().isBefore(target.end()))
                        .filter(r -> target.matches(r.feature(), r.model())).toList(), outcome, judged, previous);
        Files.createDirectories(config.outDir());
        bundle.write(bundleFile);

        List<String> commands = Commands.prepare(config, target.feature(), target.model(), bundleFile);
        Path json = config.outDir().resolve(TriageConfig.JSON_FILE);
        Path md = config.outDir().resolve(TriageConfig.MARKDOWN_FILE);
        TriageResult result = new TriageResult(target.alertId(), target.feature(), target.model(), target.metric(),
                outcome.description(), target.start(), target.end(), refStart, refEnd, scope, isolation, bundle,
                bundleFile, commands, warnings, json, md);
        AtomicFiles.write(json, TriageWriter.json(result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(md, TriageWriter.markdown(result).getBytes(StandardCharsets.UTF_8));
        return result;
    }

    static Target resolve(TriageTarget t, Duration window) throws IOException {
        if (t.alertId() == null) {
            return new Target(null, t.feature(), t.model() == null || t.model().isBlank() ? "*" : t.model(),
                    t.metric(), t.from(), t.to());
        }
        AlertsDocument doc = AlertJson.read(t.alertsFile());
        for (AlertsDocument.Entry e : doc.alerts()) {
            AlertsDocument.AlertFields a = e.alert();
            if (a.id().equals(t.alertId())) {
                Instant end = a.windowEnd() != null ? a.windowEnd() : a.closedAt();
                Instant start = a.windowStart();
                if (end == null || !end.isAfter(start)) {
                    // a daily detector's alert names the day's start: the window is that day
                    end = start.plus(a.metric() != null && a.kind().startsWith("CONTROL") ? window : Duration.ofDays(1));
                }
                return new Target(a.id(), a.feature() == null ? "*" : a.feature(), a.model() == null ? "*" : a.model(),
                        t.metric() != null ? t.metric() : a.metric(), start, end);
            }
        }
        throw new IllegalArgumentException("alert " + t.alertId() + " is not in " + t.alertsFile() + " ("
                + doc.alerts().size() + " alert(s); ids are the 'id' fields)");
    }

    /** What one pass over the logs keeps. */
    static final class Loaded {
        final List<Row> rows;
        final long read;
        final Map<String, Instant> modelFirstSeen; // feature \u0001 model
        final Map<String, Instant> fingerprintFirstSeen; // model \u0001 fingerprint
        final Map<String, Long> fingerprintCount;
        final Instant first;

        Loaded(List<Row> rows, long read, Map<String, Instant> modelFirstSeen, Map<String, Instant> fingerprintFirstSeen,
               Map<String, Long> fingerprintCount, Instant first) {
            this.rows = rows;
            this.read = read;
            this.modelFirstSeen = modelFirstSeen;
            this.fingerprintFirstSeen = fingerprintFirstSeen;
            this.fingerprintCount = fingerprintCount;
            this.first = first;
        }
    }

    static Loaded load(MonitorConfig logs, Target target, Instant keepFrom, List<String> warnings) throws IOException {
        // metadata is read only when slices are configured: triage slices every key
        MonitorConfig read = logs.aggregation().slices().isEmpty()
                ? logs.withAggregation(logs.aggregation().withSlices(List.of("query_category"))) : logs;
        ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();
        Map<String, Instant> modelFirst = new ConcurrentHashMap<>();
        Map<String, Instant> fpFirst = new ConcurrentHashMap<>();
        Map<String, Long> fpCount = new ConcurrentHashMap<>();
        Rejections rejections = Rejections.of(logs.strict());
        var stats = LogReaders.scan(read, true, r -> {
            modelFirst.merge(r.featureId() + "\u0001" + r.modelId(), r.timestamp(), Triage::earlier);
            if (r.systemFingerprint() != null) {
                String k = r.modelId() + "\u0001" + r.systemFingerprint();
                fpFirst.merge(k, r.timestamp(), Triage::earlier);
                fpCount.merge(k, 1L, Long::sum);
            }
            if (r.timestamp().isBefore(keepFrom) || !r.timestamp().isBefore(target.end())) {
                return;
            }
            boolean text = !r.timestamp().isBefore(target.start()) && target.matches(r.featureId(), r.modelId());
            rows.add(row(r, text));
        }, rejections);
        if (rejections.total() > 0) {
            warnings.add("rejected " + rejections.total() + " log record(s), e.g. " + rejections.examples().get(0));
        }
        Instant first = modelFirst.values().stream().min(Comparator.naturalOrder()).orElse(null);
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::timestamp).thenComparing(Row::requestId));
        return new Loaded(sorted, stats.records(), modelFirst, fpFirst, fpCount, first);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Row row(RequestRecord r, boolean text) {
        return new Row(r.requestId(), r.timestamp(), r.featureId(), r.modelId(), r.systemFingerprint(), r.metadata(),
                r.isError(), r.isRefusal(), r.latencyMs(), r.latencyMeasured(), r.inputTokens(), r.outputTokens(),
                r.costUsd(), text ? r.userInput() : null, text ? r.output() : null, text ? r.error() : null);
    }

    /** The latest ok judgement per request. */
    static Map<String, Judgement> judgements(Path file, List<String> warnings) throws IOException {
        JudgementStore.Loaded loaded = JudgementStore.read(file);
        if (loaded.badLines() > 0) {
            warnings.add(loaded.badLines() + " unreadable line(s) in " + file + " skipped");
        }
        Map<String, Judgement> out = new HashMap<>();
        for (Judgement j : loaded.latest()) {
            if (j.status() == JudgementStatus.OK) {
                out.merge(j.requestId(), j, (a, b) -> a.judgedAt().isAfter(b.judgedAt()) ? a : b);
            }
        }
        return out;
    }

    static Map<String, Set<SignalType>> signals(MonitorConfig logs, List<String> warnings) throws IOException {
        Map<String, Set<SignalType>> out = new HashMap<>();
        Rejections rejections = Rejections.of(false);
        SignalReader reader = new SignalReader();
        for (Path file : InputFiles.expand(logs.baseDir(), logs.signals())) {
            try (InputStream in = InputFiles.open(file)) {
                reader.read(in, file.toString(), s -> out.computeIfAbsent(s.requestId(),
                        k -> EnumSet.noneOf(SignalType.class)).add(s.type()), rejections);
            }
        }
        if (rejections.total() > 0) {
            warnings.add("rejected " + rejections.total() + " user signal line(s), e.g. " + rejections.examples().get(0));
        }
        return out;
    }

    /** Nearest-rank p95 of the metric's value per feature over [from, to). */
    static Map<String, Double> p95ByFeature(List<Row> rows, Outcome outcome, Instant from, Instant to) {
        Map<String, List<Double>> values = new HashMap<>();
        for (Row r : rows) {
            if (!r.timestamp().isBefore(from) && r.timestamp().isBefore(to) && !r.error()) {
                double v = outcome.value(r);
                if (!Double.isNaN(v)) {
                    values.computeIfAbsent(r.feature(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        Map<String, Double> out = new HashMap<>();
        values.forEach((f, v) -> {
            v.sort(Comparator.naturalOrder());
            out.put(f, v.get(Math.min(v.size() - 1, (int) Math.floor(v.size() * 0.95))));
        });
        return out;
    }

    /** The dimensions to slice: feature, model, fingerprint when logged, then every metadata key in name order. */
    static List<String> dimensions(List<Row> rows) {
        Set<String> keys = new TreeSet<>();
        boolean fingerprints = false;
        for (Row r : rows) {
            keys.addAll(r.metadata().keySet());
            fingerprints |= r.fingerprint() != null;
        }
        keys.remove(RequestRecord.LATENCY_UNMEASURED);
        List<String> out = new ArrayList<>(List.of(Dimensions.FEATURE, Dimensions.MODEL));
        if (fingerprints) {
            out.add(Dimensions.FINGERPRINT);
        }
        keys.stream().filter(k -> !out.contains(k)).forEach(out::add);
        return out;
    }

    /** The target's units and bad units per window. */
    static final class Series {
        final Instant first;
        final Duration window;
        final long[] units;
        final long[] bad;

        private Series(Instant first, Duration window, int size) {
            this.first = first;
            this.window = window;
            this.units = new long[size];
            this.bad = new long[size];
        }

        static Series of(List<Row> rows, Target target, Outcome outcome, Instant from, Instant to, Duration window) {
            long w = window.toMillis();
            Instant first = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), w) * w);
            int size = (int) Math.max(1, Math.floorDiv(to.toEpochMilli() - first.toEpochMilli() + w - 1, w));
            Series s = new Series(first, window, size);
            for (Row r : rows) {
                if (!target.matches(r.feature(), r.model()) || r.timestamp().isBefore(first) || !r.timestamp().isBefore(to)) {
                    continue;
                }
                Boolean b = outcome.bad(r);
                if (b != null) {
                    int i = s.index(r.timestamp());
                    s.units[i]++;
                    s.bad[i] += b ? 1 : 0;
                }
            }
            return s;
        }

        int index(Instant t) {
            long i = Math.floorDiv(t.toEpochMilli() - first.toEpochMilli(), window.toMillis());
            return (int) Math.max(0, Math.min(units.length - 1, i));
        }

        Instant start(int i) {
            return first.plus(window.multipliedBy(i));
        }

        /** Units and bad units over windows [from, to), clipped to the series. */
        long[] sum(int from, int to) {
            long[] out = new long[2];
            for (int i = Math.max(0, from); i < Math.min(units.length, to); i++) {
                out[0] += units[i];
                out[1] += bad[i];
            }
            return out;
        }

        boolean covers(Instant t) {
            return !t.isBefore(first) && t.isBefore(start(units.length));
        }
    }

    /** Logged and inferred change events that concern the target, nearest to the change point first. */
    static List<Isolation.NearbyChange> nearby(TriageConfig config, MonitorConfig logs, Loaded data, Target target,
                                               Series series, Instant cp, Duration window, List<String> warnings)
            throws IOException {
        if (cp == null) {
            return List.of();
        }
        record Event(Instant at, String kind, String source, String description) {
        }
        List<Event> events = new ArrayList<>();
        Rejections rejections = Rejections.of(false);
        for (ChangeEvent e : DetectionJob.readChanges(logs.baseDir(), config.changes(), rejections)) {
            if ("*".equals(target.feature()) || e.concerns(target.feature())) {
                events.add(new Event(e.timestamp(), e.kind(), "change-events", e.description() == null ? e.kind()
                        : e.description() + (e.featureId() == null ? "" : " (" + e.featureId() + ")")));
            }
        }
        if (rejections.total() > 0) {
            warnings.add("rejected " + rejections.total() + " change event line(s), e.g. " + rejections.examples().get(0));
        }
        // a model or fingerprint seen in the logs' first day is where the logs begin, not a change
        Instant settled = data.first == null ? null : data.first.plus(Duration.ofDays(1));
        Set<String> targetModels = new LinkedHashSet<>();
        data.modelFirstSeen.forEach((k, at) -> {
            String[] fm = k.split("\u0001", 2);
            if (target.matches(fm[0], fm[1])) {
                targetModels.add(fm[1]);
                if (settled != null && at.isAfter(settled)) {
                    events.add(new Event(at, ChangeEvent.MODEL_CHANGE, "inferred", "model " + fm[1]
                            + " first seen in " + fm[0]));
                }
            }
        });
        data.fingerprintFirstSeen.forEach((k, at) -> {
            String[] mf = k.split("\u0001", 2);
            if (targetModels.contains(mf[0]) && settled != null && at.isAfter(settled)
                    && data.fingerprintCount.getOrDefault(k, 0L) >= config.minSupport()) {
                events.add(new Event(at, "fingerprint_change", "inferred", "model " + mf[0]
                        + " first answers with system_fingerprint " + mf[1] + " ("
                        + data.fingerprintCount.get(k) + " requests)"));
            }
        });
        double w = window.toMillis();
        List<Isolation.NearbyChange> out = new ArrayList<>();
        for (Event e : events) {
            double distance = (e.at().toEpochMilli() - cp.toEpochMilli()) / w;
            double before = Double.NaN, after = Double.NaN, p = Double.NaN;
            long nb = 0, na = 0;
            if (series.covers(e.at())) {
                int i = series.index(e.at());
                boolean onBoundary = series.start(i).equals(e.at());
                long[] b = series.sum(i - EVENT_WINDOWS, i);
                // the window holding a mid-window event is neither before nor after it
                long[] a = series.sum(onBoundary ? i : i + 1, (onBoundary ? i : i + 1) + EVENT_WINDOWS);
                nb = b[0];
                na = a[0];
                before = nb == 0 ? Double.NaN : (double) b[1] / nb;
                after = na == 0 ? Double.NaN : (double) a[1] / na;
                p = nb == 0 || na == 0 ? Double.NaN : FisherExact.twoSided(b[1], nb, a[1], na);
            }
            out.add(new Isolation.NearbyChange(e.at(), e.kind(), e.source(), e.description(), distance, before, nb,
                    after, na, p));
        }
        // nearest first; at equal distance the earlier one, since a cause precedes its effect
        out.sort(Comparator.comparingDouble((Isolation.NearbyChange c) -> Math.abs(c.distanceWindows()))
                .thenComparingDouble(Isolation.NearbyChange::distanceWindows).thenComparing(Isolation.NearbyChange::kind));
        return out.size() > MAX_EVENTS ? List.copyOf(out.subList(0, MAX_EVENTS)) : out;
    }
}
