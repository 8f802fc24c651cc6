package dev.llmmon.demo;

import dev.llmmon.judge.FlagPolicy;
import dev.llmmon.judge.Judgement;
import dev.llmmon.judge.JudgementStatus;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.judge.Rubric;
import dev.llmmon.sampling.Sampler;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmmon.demo.Catalog.Category;
import dev.llmmon.demo.Catalog.Feature;
import dev.llmmon.demo.Catalog.Model;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a seeded, realistic multi-day export of an LLM-backed product in llmmon's native formats, with a few
 * deliberately injected incidents (see {@code docs/demo-data.md}). The same options give byte-identical files.
 *
 * <pre>java dev.llmmon.demo.DemoDataGenerator out/ [--days 7] [--seed 42] [--start 2026-11-16T00:00:00Z] [--otlp]</pre>
 */
public final class DemoDataGenerator {
    public static final String REQUESTS_FILE = "requests.jsonl";
    public static final String SIGNALS_FILE = "signals.jsonl";
    public static final String CHANGES_FILE = "changes.jsonl";
    public static final String OTLP_FILE = "requests.otlp.jsonl";
    public static final String INCIDENTS_FILE = "incidents.json";
    /** Synthetic judge scores for a 25% sample (what {@code llmmon:judge} would write), so the demo has quality series. */
    public static final String JUDGEMENTS_FILE = "judgements.jsonl";
    /** The judge model named in the synthetic judgements: no model produced them. */
    public static final String SYNTHETIC_JUDGE = "synthetic-demo-judge";
    static final double JUDGED_SHARE = 0.25;
    static final int ORPHAN_SIGNALS = 12;

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final double[] DIURNAL = diurnalShape();

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line without {@code System.exit}, for tests: 0 on success, 2 on bad arguments. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path outDir = null;
        DemoOptions options = DemoOptions.defaults();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--days" -> options = options.withDays(Integer.parseInt(value(args, ++i, a)));
                    case "--seed" -> options = options.withSeed(Long.parseLong(value(args, ++i, a)));
                    case "--start" -> options = options.withStart(Instant.parse(value(args, ++i, a)));
                    case "--otlp" -> options = options.withOtlp(true);
                    default -> {
                        if (a.startsWith("--") || outDir != null) {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                        outDir = Path.of(a);
                    }
                }
            }
            if (outDir == null) {
                throw new IllegalArgumentException("missing output folder");
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            err.println("bad value: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            DemoSummary summary = write(outDir, options);
            out.printf("wrote %d requests, %d signals (%d orphans), %d change events%s to %s%n",
                    summary.requests(), summary.signals(), summary.orphanSignals(), summary.changeEvents(),
                    options.otlp() ? ", " + summary.otlpSpans() + " OTLP spans in " + summary.otlpBatches() + " batches" : "",
                    outDir);
            for (Incident incident : summary.incidents()) {
                out.printf("incident: %s / %s / %s  %s .. %s  %s%n", incident.featureId(),
                        incident.modelId() == null ? "all models" : incident.modelId(), incident.metric(),
                        incident.start(), incident.end(), incident.description());
            }
            return 0;
        } catch (IOException e) {
            err.println("cannot write to " + outDir + ": " + e);
            return 1;
        }
    }

    private static final String USAGE = "usage: DemoDataGenerator <output-folder> [--days N] [--seed S] "
            + "[--start 2026-11-16T00:00:00Z] [--otlp]";

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Generates the export into {@code outDir} (created if missing; existing demo files are replaced). */
    public static DemoSummary write(Path outDir, DemoOptions options) throws IOException {
        Files.createDirectories(outDir);
        Generation g = new Generation(options);
        g.run();

        List<Path> files = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>(g.kept.size());
        for (Req r : g.kept) {
            records.add(r.toRecord());
        }
        Path requests = outDir.resolve(REQUESTS_FILE);
        try (NativeJsonlWriter w = new NativeJsonlWriter(requests)) {
            for (RequestRecord r : records) {
                w.write(r);
            }
        }
        files.add(requests);

        Path signals = outDir.resolve(SIGNALS_FILE);
        long signalCount = writeSignals(signals, g.signals);
        files.add(signals);

        Path changes = outDir.resolve(CHANGES_FILE);
        writeChanges(changes, g.changes);
        files.add(changes);

        Path incidents = outDir.resolve(INCIDENTS_FILE);
        writeIncidents(incidents, g.incidents);
        files.add(incidents);

        Path judgements = outDir.resolve(JUDGEMENTS_FILE);
        writeSyntheticJudgements(judgements, g.kept, options.seed());
        files.add(judgements);

        long spans = 0;
        long batches = 0;
        if (options.otlp()) {
            Path otlp = outDir.resolve(OTLP_FILE);
            OtlpJsonWriter w = new OtlpJsonWriter(otlp, options.seed() ^ 0x07_1E_5A_7AL);
            try (w) {
                for (RequestRecord r : records) {
                    w.write(r);
                }
            }
            spans = w.spans(); // read after close, which flushes the last batch
            batches = w.batches();
            files.add(otlp);
        }
        return new DemoSummary(outDir, files, records.size(), signalCount, ORPHAN_SIGNALS, g.changes.size(),
                spans, batches, g.incidents);
    }

    /**
     * Scores the deterministic 25% sample the way a judge would see the latent answer quality: bad answers get low
     * correctness and completeness, good ones high scores, with noise from a generator seeded per request (so these
     * scores never disturb the other files). Flagged by the judge's default {@link FlagPolicy}.
     */
    private static void writeSyntheticJudgements(Path file, List<Req> requests, long seed) throws IOException {
        Files.deleteIfExists(file);
        String rubricVersion = Rubric.defaults().version();
        try (JudgementStore store = JudgementStore.open(file)) {
            for (Req r : requests) {
                if (r.finish == FinishReason.ERROR || r.output == null || !Sampler.isSampled(r.id, JUDGED_SHARE)) {
                    continue;
                }
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed ^ r.id.hashCode() * 0x9E3779B97F4A7C15L);
                Map<String, Integer> scores = new LinkedHashMap<>();
                scores.put("correctness", r.bad ? 1 + rnd.nextInt(2) : 4 + rnd.nextInt(2));
                scores.put("completeness", r.bad ? 1 + rnd.nextInt(3) : 3 + rnd.nextInt(3));
                scores.put("tone", r.bad ? 3 + rnd.nextInt(2) : 4 + rnd.nextInt(2));
                double mean = scores.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
                String flagReason = FlagPolicy.defaults().reason(scores, mean);
                Instant at = Instant.ofEpochMilli(r.millis);
                store.append(new Judgement(r.id, r.feature.id(), r.model.id(), JudgementStatus.OK, mean, scores,
                        flagReason != null, flagReason, SYNTHETIC_JUDGE,
                        rubricVersion, at.plusSeconds(3600), "synthetic", at, 0, 0, null, null));
            }
        }
    }

    private static long writeSignals(Path file, List<Sig> signals) throws IOException {
        long n = 0;
        try (JsonGenerator gen = JsonlOut.open(file)) {
            for (Sig s : signals) {
                gen.writeStartObject();
                gen.writeStringField("request_id", s.requestId());
                if (s.sessionId != null) {
                    gen.writeStringField("session_id", s.sessionId);
                }
                gen.writeStringField("signal_type", s.type.wireName());
                gen.writeStringField("timestamp", JsonlOut.iso(Instant.ofEpochMilli(s.millis)));
                if (s.metaKey != null) {
                    gen.writeObjectFieldStart("metadata");
                    gen.writeStringField(s.metaKey, s.metaValue);
                    gen.writeEndObject();
                }
                gen.writeEndObject();
                JsonlOut.endLine(gen);
                n++;
            }
        }
        return n;
    }

    private static void writeChanges(Path file, List<Change> changes) throws IOException {
        try (JsonGenerator gen = JsonlOut.open(file)) {
            for (Change c : changes) {
                gen.writeStartObject();
                gen.writeStringField("timestamp", JsonlOut.iso(c.at));
                gen.writeStringField("kind", c.kind);
                if (c.featureId != null) {
                    gen.writeStringField("feature_id", c.featureId);
                }
                gen.writeStringField("description", c.description);
                gen.writeEndObject();
                JsonlOut.endLine(gen);
            }
        }
    }

    /** Ground truth for checking a monitor run; a JSON array, so folder globs for *.jsonl never pick it up. */
    private static void writeIncidents(Path file, List<Incident> incidents) throws IOException {
        try (JsonGenerator gen = JsonlOut.open(file)) {
            gen.useDefaultPrettyPrinter();
            gen.writeStartArray();
            for (Incident i : incidents) {
                gen.writeStartObject();
                gen.writeStringField("feature_id", i.featureId());
                gen.writeStringField("model_id", i.modelId());
                gen.writeStringField("metric", i.metric());
                gen.writeStringField("start", JsonlOut.iso(i.start()));
                gen.writeStringField("end", JsonlOut.iso(i.end()));
                gen.writeStringField("description", i.description());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            JsonlOut.endLine(gen);
        }
    }

    /** Traffic shape over the UTC day at minute resolution, mean 1: night trough, late-morning and afternoon peaks. */
    private static double[] diurnalShape() {
        double[] shape = new double[1440];
        double sum = 0;
        for (int m = 0; m < 1440; m++) {
            double h = m / 60.0;
            shape[m] = 0.12
                    + 0.75 * StrictMath.exp(-sq(h - 10.5) / (2 * sq(2.2)))
                    + 0.95 * StrictMath.exp(-sq(h - 15.0) / (2 * sq(2.8)))
                    + 0.30 * StrictMath.exp(-sq(h - 20.5) / (2 * sq(1.5)));
            sum += shape[m];
        }
        for (int m = 0; m < 1440; m++) {
            shape[m] = shape[m] * 1440 / sum;
        }
        return shape;
    }

    /** {@code prefix} + zero-padded number (String.format is slow and locale-dependent). */
    static String id(String prefix, long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? prefix + digits : prefix + "0".repeat(width - digits.length()) + digits;
    }

    private static double sq(double x) {
        return x * x;
    }

    // ------------------------------------------------------------------------------------------------ generation

    private record Change(Instant at, String kind, String featureId, String description) {
    }

    /** One request while it is being generated; ids are given after sorting by time. */
    private static final class Req {
        long millis;
        long seq;
        String id;
        Feature feature;
        Model model;
        String sessionId;
        String category;
        String segment;
        String deployment;
        String promptVersion;
        String input;
        String output;
        long inputTokens;
        long outputTokens;
        double latencyMs;
        Double costUsd;
        FinishReason finish;
        String error;
        String fingerprint;
        boolean bad;
        int textIndex;
        Texts texts;

        RequestRecord toRecord() {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("prompt_version", promptVersion);
            metadata.put("query_category", category);
            metadata.put("user_segment", segment);
            metadata.put("deployment", deployment);
            return new RequestRecord(id, Instant.ofEpochMilli(millis), feature.id(), model.id(), latencyMs,
                    inputTokens, outputTokens, costUsd, finish, error, sessionId, input, output, fingerprint, metadata);
        }
    }

    private static final class Sig {
        final Req target;        // null for an orphan
        final String orphanId;
        final String sessionId;
        final SignalType type;
        final long millis;
        final long seq;
        final String metaKey;
        final String metaValue;

        Sig(Req target, String orphanId, String sessionId, SignalType type, long millis, long seq,
            String metaKey, String metaValue) {
            this.target = target;
            this.orphanId = orphanId;
            this.sessionId = sessionId;
            this.type = type;
            this.millis = millis;
            this.seq = seq;
            this.metaKey = metaKey;
            this.metaValue = metaValue;
        }

        String requestId() {
            return target != null ? target.id : orphanId;
        }
    }

    /** One run of the generator: all state of a single {@link #write}. */
    private static final class Generation {
        final DemoOptions options;
        final SplittableRandom rng;
        final long startMillis;
        final long endMillis;
        final List<Req> all = new ArrayList<>();
        final List<Req> kept = new ArrayList<>();
        final List<Sig> signals = new ArrayList<>();
        final List<Change> changes = new ArrayList<>();
        final List<Incident> incidents = new ArrayList<>();
        long seq;
        long sessions;

        // incident windows (epoch millis); Long.MAX_VALUE when the day is not generated
        final long errorSpikeStart;
        final long errorSpikeEnd;
        final long qualityStart;
        final long qualityEnd;
        final long silentModelChange;
        final long promptChange;
        final long driftStart;

        Generation(DemoOptions options) {
            this.options = options;
            this.rng = new SplittableRandom(options.seed());
            this.startMillis = options.start().toEpochMilli();
            this.endMillis = startMillis + options.days() * DAY;
            errorSpikeStart = at(3, 14, 0);
            errorSpikeEnd = at(3, 17, 0);
            qualityStart = at(4, 6, 0);
            qualityEnd = at(4, 22, 0);
            silentModelChange = at(5, 0, 0);
            promptChange = at(6, 9, 0);
            driftStart = at(7, 0, 0);
        }

        /** Millis of {@code day} (1-based) at hh:mm after the start, or never when outside the data. */
        long at(int day, int hour, int minute) {
            long t = startMillis + (day - 1) * DAY + hour * HOUR + minute * MINUTE;
            return t < endMillis ? t : Long.MAX_VALUE;
        }

        void run() {
            describeIncidentsAndChanges();
            int minutes = options.days() * 1440;
            for (int m = 0; m < minutes; m++) {
                long minuteStart = startMillis + m * MINUTE;
                DayOfWeek dow = Instant.ofEpochMilli(minuteStart).atZone(ZoneOffset.UTC).getDayOfWeek();
                boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
                double shape = DIURNAL[m % 1440];
                for (Feature f : Catalog.FEATURES) {
                    double lambda = f.sessionsPerDay() * (weekend ? f.weekendFactor() : 1.0) * shape / 1440;
                    int k = poisson(lambda);
                    for (int i = 0; i < k; i++) {
                        session(f, minuteStart + rng.nextLong(MINUTE));
                    }
                }
            }
            Comparator<Req> byTime = Comparator.comparingLong((Req r) -> r.millis).thenComparingLong(r -> r.seq);
            all.sort(byTime);
            for (Req r : all) {
                if (r.millis < endMillis) {
                    r.id = id("r-", kept.size() + 1, 7);
                    kept.add(r);
                }
            }
            // signals of requests past the end of the export are not part of it either
            signals.removeIf(s -> s.target != null && s.target.id == null);
            orphans();
            signals.sort(Comparator.comparingLong((Sig s) -> s.millis).thenComparingLong(s -> s.seq));
        }

        private void describeIncidentsAndChanges() {
            Instant end = Instant.ofEpochMilli(endMillis);
            change(at(2, 10, 0), "deploy", null, "web app release 2026.47.1 (UI copy changes only, no LLM changes)");
            if (errorSpikeStart != Long.MAX_VALUE) {
                change(errorSpikeStart - 10 * MINUTE, "config_change", "extract-invoice",
                        "invoice batch workers: concurrency raised from 8 to 32");
                change(errorSpikeEnd, "config_change", "extract-invoice", "invoice batch workers: concurrency back to 8");
                incidents.add(new Incident("extract-invoice", Catalog.GPT_4O_MINI.id(), "error_rate",
                        Instant.ofEpochMilli(errorSpikeStart), Instant.ofEpochMilli(errorSpikeEnd),
                        "error spike: about 35% of calls fail, mostly 'RateLimitError: 429' after the batch "
                                + "concurrency was raised (baseline about 1%)"));
            }
            if (qualityStart != Long.MAX_VALUE) {
                change(qualityStart, "index_update", "support-chat", "help-center search index rebuilt with new chunking");
                change(qualityEnd, "index_update", "support-chat", "help-center search index rolled back");
                incidents.add(new Incident("support-chat", null, "user_signals",
                        Instant.ofEpochMilli(qualityStart), Instant.ofEpochMilli(qualityEnd),
                        "quality drop after an index rebuild: about 45% of answers are generic or wrong (baseline 8%); "
                                + "abandonment and corrections rise several-fold, thumbs-down rises, yet most users "
                                + "who leave say nothing, so the few explicit ratings stay mostly positive "
                                + "(survivorship bias) and feedback coverage falls"));
            }
            if (silentModelChange != Long.MAX_VALUE) {
                incidents.add(new Incident("support-chat", Catalog.GPT_4O.id(), "latency_p95",
                        Instant.ofEpochMilli(silentModelChange), end,
                        "silent provider-side model change: same model_id, system_fingerprint "
                                + Catalog.GPT_4O.fingerprint() + " -> " + Catalog.GPT_4O_NEW_FINGERPRINT
                                + "; time to first token x1.35, per-token time x1.45, slow-tail share 1.5% -> 6%; "
                                + "no change event is logged (llmmon should infer it from the fingerprint)"));
            }
            if (promptChange != Long.MAX_VALUE) {
                change(promptChange, "prompt_change", "summarize",
                        "summarize prompt v3 -> v4: adds a style guide and three worked examples");
                incidents.add(new Incident("summarize", null, "input_tokens",
                        Instant.ofEpochMilli(promptChange), end,
                        "token bloat after prompt_version v3 -> v4: input tokens x1.9, output tokens x1.5, "
                                + "so cost per request roughly doubles"));
                change(at(6, 15, 30), "deploy", "code-review", "code-review bot 1.8.0: posts comments in threads");
            }
            if (driftStart != Long.MAX_VALUE) {
                incidents.add(new Incident("support-chat", null, "input_drift",
                        Instant.ofEpochMilli(driftStart), end,
                        "input drift: Black Friday questions (query_category 'promotions', new templates) "
                                + "become about 30% of support-chat traffic and returns questions nearly double"));
            }
            changes.sort(Comparator.comparing(Change::at));
        }

        private void change(long millis, String kind, String feature, String description) {
            if (millis != Long.MAX_VALUE && millis >= startMillis) {
                changes.add(new Change(Instant.ofEpochMilli(millis), kind, feature, description));
            }
        }

        private void session(Feature f, long t) {
            Model model = f.pickModel(rng);
            String segment = switch (Catalog.pick(rng, new double[] {0.6, 0.3, 0.1})) {
                case 0 -> "free";
                case 1 -> "pro";
                default -> "enterprise";
            };
            String deployment = rng.nextDouble() < 0.82 ? "us-east" : "eu-west";
            String sessionId = f.hasSessions() ? id("s-", ++sessions, 6) : null;
            int turns = 1 + geometric(f.extraTurns());
            Req retryOf = null;
            for (int turn = 0; turn < turns; turn++) {
                Req r = request(f, model, t, turn, sessionId, segment, deployment, retryOf);
                retryOf = null;
                long end = t + (long) r.latencyMs;
                long next = end + (long) logNormal(40_000, 0.8);
                boolean hasNext = turn + 1 < turns;
                if (r.finish == FinishReason.ERROR) {
                    if (f.hasSessions() && rng.nextDouble() < 0.6) {
                        signal(r, SignalType.RETRY, next, null, null);
                        retryOf = r;
                        if (!hasNext) {
                            turns++;
                        }
                    }
                } else if (r.finish == FinishReason.REFUSAL) {
                    if (rng.nextDouble() < 0.15) {
                        signal(r, SignalType.THUMBS_DOWN, end + thinkTime(), "reason", "refused");
                    }
                    if (f.hasSessions() && rng.nextDouble() < 0.25) {
                        signal(r, SignalType.ABANDONED, end + 15 * MINUTE, null, null);
                        return;
                    }
                } else if (r.bad) {
                    if (f.hasSessions() && rng.nextDouble() < 0.55) {
                        signal(r, SignalType.ABANDONED, end + 15 * MINUTE, null, null);
                        return;
                    }
                    if (rng.nextDouble() < f.explicitRate() * 0.6) {
                        boolean up = rng.nextDouble() < 0.15;
                        signal(r, up ? SignalType.THUMBS_UP : SignalType.THUMBS_DOWN, end + thinkTime(),
                                up ? null : "reason", up ? null : Catalog.oneOf(rng, List.of("incorrect", "unhelpful", "irrelevant")));
                    }
                    if (rng.nextDouble() < (f.hasSessions() ? 0.2 : 0.6)) {
                        signal(r, SignalType.CORRECTION, end + 2 * thinkTime(), "source",
                                f.hasSessions() ? "user_edit" : "reviewer_edit");
                    }
                    if (hasNext && rng.nextDouble() < 0.5) {
                        signal(r, SignalType.FOLLOW_UP, next, null, null);
                    }
                } else {
                    if (rng.nextDouble() < f.explicitRate()) {
                        boolean up = rng.nextDouble() < 0.93;
                        signal(r, up ? SignalType.THUMBS_UP : SignalType.THUMBS_DOWN, end + thinkTime(),
                                up ? null : "reason", up ? null : Catalog.oneOf(rng, List.of("too_long", "unhelpful", "incorrect")));
                    }
                    if (rng.nextDouble() < 0.01) {
                        signal(r, SignalType.CORRECTION, end + 2 * thinkTime(), "source",
                                f.hasSessions() ? "user_edit" : "reviewer_edit");
                    }
                    if (hasNext && rng.nextDouble() < 0.15) {
                        signal(r, SignalType.FOLLOW_UP, next, null, null);
                    }
                    if (!hasNext && f.hasSessions() && rng.nextDouble() < 0.04) {
                        signal(r, SignalType.ABANDONED, end + 15 * MINUTE, null, null);
                    }
                }
                t = next;
            }
        }

        private long thinkTime() {
            return 3_000 + (long) logNormal(12_000, 0.7);
        }

        private void signal(Req target, SignalType type, long millis, String metaKey, String metaValue) {
            signals.add(new Sig(target, null, target.sessionId, type, millis, seq++, metaKey, metaValue));
        }

        /** Signals for requests logged before this export began: their ids are not in requests.jsonl. */
        private void orphans() {
            SignalType[] types = {SignalType.THUMBS_UP, SignalType.THUMBS_DOWN, SignalType.CORRECTION};
            for (int i = 0; i < ORPHAN_SIGNALS; i++) {
                long millis = startMillis + rng.nextLong(3 * HOUR);
                String id = id("r-prev-", 90_000 + rng.nextInt(10_000), 5);
                signals.add(new Sig(null, id, null, types[rng.nextInt(types.length)], millis, seq++, null, null));
            }
        }

        private Req request(Feature f, Model model, long t, int turn, String sessionId, String segment,
                            String deployment, Req retryOf) {
            Req r = new Req();
            r.millis = t;
            r.seq = seq++;
            r.feature = f;
            r.model = model;
            r.sessionId = sessionId;
            r.segment = segment;
            r.deployment = deployment;
            boolean newPrompt = f == Catalog.SUMMARIZE && t >= promptChange;
            r.promptVersion = newPrompt ? "v4" : f.promptVersion();
            Texts texts;
            Category category;
            if (retryOf != null) { // the user sends the same message again: same slots, same question
                texts = retryOf.texts;
                category = categoryNamed(f, retryOf.category);
                r.input = retryOf.input;
                r.textIndex = retryOf.textIndex;
            } else {
                texts = new Texts(rng);
                category = pickCategory(f, t);
                r.textIndex = rng.nextInt(category.inputs().size());
                r.input = texts.fill(category.inputs().get(r.textIndex));
            }
            r.category = category.name();
            r.texts = texts;

            double errorRate = f.errorRate();
            boolean spike = f == Catalog.EXTRACT_INVOICE && model == Catalog.GPT_4O_MINI
                    && t >= errorSpikeStart && t < errorSpikeEnd;
            if (spike) {
                errorRate = 0.35;
            }
            boolean silentChange = model == Catalog.GPT_4O && t >= silentModelChange;
            String fingerprint = model == Catalog.GPT_4O && silentChange ? Catalog.GPT_4O_NEW_FINGERPRINT : model.fingerprint();
            if (rng.nextDouble() < errorRate) {
                errorOutcome(r, spike);
                r.costUsd = "eu-west".equals(deployment) ? null : 0.0;
                return add(r);
            }

            double inputScale = (1 + f.turnGrowth() * turn) * (newPrompt ? 1.9 : 1.0);
            r.inputTokens = Math.max(20, Math.round(logNormal(f.inputMedian() * inputScale, f.inputSigma())));
            r.fingerprint = fingerprint;
            if (rng.nextDouble() < f.refusalRate()) {
                r.finish = FinishReason.REFUSAL;
                r.output = Catalog.oneOf(rng, Catalog.REFUSALS);
                r.outputTokens = Math.max(8, Math.round(logNormal(24, 0.3)));
            } else {
                boolean inQualityDrop = f == Catalog.SUPPORT_CHAT && t >= qualityStart && t < qualityEnd;
                r.bad = rng.nextDouble() < (inQualityDrop ? 0.45 : f.badRate());
                String template = r.bad ? Catalog.oneOf(rng, f.badOutputs())
                        : category.outputs().get(r.textIndex % category.outputs().size());
                r.output = texts.fill(template);
                long out = Math.max(5, Math.round(logNormal(f.outputMedian() * (newPrompt ? 1.5 : 1.0), f.outputSigma())));
                if (out >= f.maxTokens()) {
                    r.finish = FinishReason.MAX_TOKENS;
                    out = f.maxTokens();
                } else if (rng.nextDouble() < f.toolUseRate()) {
                    r.finish = FinishReason.TOOL_USE;
                } else if ("anthropic".equals(model.provider()) && f == Catalog.CODE_REVIEW && rng.nextDouble() < 0.04) {
                    r.finish = FinishReason.STOP_SEQUENCE;
                } else {
                    r.finish = FinishReason.END_TURN;
                }
                r.outputTokens = out;
            }
            r.latencyMs = latency(model, r.inputTokens, r.outputTokens, silentChange);
            r.costUsd = "eu-west".equals(deployment) ? null : model.cost(r.inputTokens, r.outputTokens);
            return add(r);
        }

        private Req add(Req r) {
            all.add(r);
            return r;
        }

        private void errorOutcome(Req r, boolean spike) {
            boolean openai = "openai".equals(r.model.provider());
            int kind = spike && rng.nextDouble() < 0.9 ? 0 : Catalog.pick(rng, new double[] {0.35, 0.25, 0.25, 0.15});
            r.finish = FinishReason.ERROR;
            r.inputTokens = 0;
            r.outputTokens = 0;
            switch (kind) {
                case 0 -> {
                    r.error = openai ? "RateLimitError: 429 Too Many Requests" : "RateLimitError: 429 rate_limit_error";
                    r.latencyMs = round1(logNormal(120, 0.4));
                }
                case 1 -> {
                    r.error = openai ? "InternalServerError: 500 The server had an error while processing your request"
                            : "OverloadedError: 529 overloaded_error";
                    r.latencyMs = round1(logNormal(900, 0.6));
                }
                case 2 -> {
                    r.error = "APITimeoutError: Request timed out";
                    r.latencyMs = round1(60_000 + rng.nextDouble() * 50);
                }
                default -> {
                    r.error = "APIConnectionError: Connection error";
                    r.latencyMs = round1(logNormal(300, 0.8));
                }
            }
        }

        private Category pickCategory(Feature f, long t) {
            List<Category> categories = f.categories();
            double[] weights = new double[categories.size()];
            boolean drift = f == Catalog.SUPPORT_CHAT && t >= driftStart;
            for (int i = 0; i < weights.length; i++) {
                Category c = categories.get(i);
                weights[i] = c.weight();
                if (drift && c.name().equals("promotions")) {
                    weights[i] = 0.43; // about 30% of the total after the shift
                } else if (drift && c.name().equals("returns")) {
                    weights[i] = c.weight() * 1.9;
                }
            }
            return categories.get(Catalog.pick(rng, weights));
        }

        private static Category categoryNamed(Feature f, String name) {
            for (Category c : f.categories()) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
            throw new IllegalStateException("no category " + name);
        }

        private double latency(Model m, long in, long out, boolean slowedDown) {
            return slowedDown ? Distributions.latencyMs(rng, m, in, out, 1.35, 1.45, 0.06)
                    : Distributions.latencyMs(rng, m, in, out, 1.0, 1.0, 0.015);
        }

        private double logNormal(double median, double sigma) {
            return Distributions.logNormal(rng, median, sigma);
        }

        private int poisson(double lambda) {
            return Distributions.poisson(rng, lambda);
        }

        private int geometric(double mean) {
            return Distributions.geometric(rng, mean);
        }

        private static double round1(double ms) {
            return Math.round(ms * 10) / 10.0;
        }
    }
}
