package dev.llmmon.trial;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmmon.judge.FlagPolicy;
import dev.llmmon.judge.Judgement;
import dev.llmmon.judge.JudgementStatus;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.judge.Rubric;
import dev.llmmon.sampling.Sampler;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A second traffic generator, written apart from {@code dev.llmmon.demo.DemoDataGenerator} (no shared code or
 * constants) so that detection can be measured on data it was not tuned on (issue 12). Fourteen days of five
 * features: a two-peak working-day curve in UTC−5 with thin nights (some series get under 20 requests an hour) and
 * half-volume weekends, log-normal latencies with a Pareto tail, max_tokens truncations, refusals, a daily wobble
 * of prompt length (about 4% of cost), a quiet control period and seven incidents of seven kinds at known times
 * with known scope ({@link TrialIncident}). Writes the native request log, user signals and a judgement store (5%
 * sample plus every thumbs-down), so it goes through the same readers as users' files.
 */
public final class TrialTrafficGenerator {
    public static final String REQUESTS = "requests.jsonl";
    public static final String SIGNALS = "signals.jsonl";
    public static final String JUDGEMENTS = "judgements.jsonl";
    /** The judge model named in the synthetic judgements. */
    public static final String TRIAL_JUDGE = "trial-judge";

    /** Monday 00:00 UTC; the two weeks run from here. */
    public static final Instant START = Instant.parse("2027-03-01T00:00:00Z");
    public static final int DAYS = 14;
    /** No incident before this: the first two days are (mostly) the charts' baseline, the next three are quiet. */
    public static final Instant QUIET_FROM = START.plus(Duration.ofDays(2));
    public static final Instant QUIET_TO = START.plus(Duration.ofDays(5));

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Relative traffic per local hour (UTC−5) on a working day: morning and afternoon peaks, a small evening bump. */
    private static final double[] LOCAL_HOUR_SHAPE = {0.04, 0.03, 0.03, 0.03, 0.04, 0.06, 0.15, 0.35, 0.70, 1.00,
            1.00, 0.95, 0.75, 0.90, 1.00, 0.95, 0.85, 0.65, 0.45, 0.50, 0.55, 0.45, 0.25, 0.10};
    private static final double WEEKEND = 0.45;
    /** Mean of the shape over a week, so a feature's {@code meanPerHour} is its mean over the two weeks. */
    private static final double MEAN_SHAPE = java.util.Arrays.stream(LOCAL_HOUR_SHAPE).sum() / 24 * (5 + 2 * WEEKEND) / 7;
    private static final int UTC_OFFSET_HOURS = -5;

    private TrialTrafficGenerator() {
    }

    /** A model serving a feature: its share of the feature's traffic and its behaviour. */
    record Route(String model, double share, double latencyMedianMs, double outputMedian, int maxTokens,
                 double usdPerInputToken, double usdPerOutputToken, String fingerprint) {
    }

    /** A feature: mean requests per hour over the two weeks and its models. */
    record Feature(String id, double meanPerHour, double inputMedian, double refusalRate, boolean classifier,
                   List<Route> routes, List<String> categories) {
    }

    static final List<Feature> FEATURES = List.of(
            new Feature("support-bot", 200, 700, 0.004, false, List.of(
                    new Route("gpt-4o-2024-08-06", 0.88, 1900, 230, 800, 2.5e-6, 10e-6, "fp_9b0abffe81"),
                    new Route("gpt-4o-mini-2024-07-18", 0.12, 750, 180, 800, 0.15e-6, 0.6e-6, "fp_0ba0d124f1")),
                    List.of("account", "billing", "shipping", "returns")),
            new Feature("draft-email", 120, 420, 0.003, false, List.of(
                    new Route("claude-3-5-sonnet-20241022", 1.0, 3600, 360, 1024, 3e-6, 15e-6, null)),
                    List.of("follow-up", "intro", "apology")),
            new Feature("classify-ticket", 150, 260, 0.004, true, List.of(
                    new Route("gpt-4o-mini-2024-07-18", 1.0, 420, 1, 4, 0.15e-6, 0.6e-6, "fp_0ba0d124f1")),
                    List.of("ticket")),
            new Feature("translate", 70, 380, 0.001, false, List.of(
                    new Route("claude-3-5-haiku-20241022", 1.0, 1300, 400, 2048, 0.8e-6, 4e-6, null)),
                    List.of("de", "fr", "ja")),
            new Feature("sql-helper", 45, 900, 0.002, false, List.of(
                    new Route("gpt-4.1-2025-04-14", 1.0, 2600, 170, 600, 2e-6, 8e-6, "fp_b42ce7d2f0")),
                    List.of("reporting", "etl")));

    /** The seven incidents, one of each kind, at fixed times (the noise around them changes with the seed). */
    public static List<TrialIncident> incidents() {
        Instant end = START.plus(Duration.ofDays(DAYS));
        return List.of(
                new TrialIncident(TrialIncident.Kind.LATENCY_SPIKE, "support-bot", null,
                        at(5, 15), at(5, 17), "p95 latency ×3 on both models for two hours (a Saturday)", Duration.ofHours(3)),
                new TrialIncident(TrialIncident.Kind.ERROR_BURST, "draft-email", "claude-3-5-sonnet-20241022",
                        at(7, 15), at(7, 16), "errors 1% → 16% for one hour (a Monday morning)", Duration.ofHours(2)),
                new TrialIncident(TrialIncident.Kind.COST_STEP, "sql-helper", "gpt-4.1-2025-04-14",
                        at(7, 9), end, "cost per token ×1.4 (billing tier), tokens unchanged", Duration.ofHours(24)),
                new TrialIncident(TrialIncident.Kind.TOKEN_BLOAT, "translate", "claude-3-5-haiku-20241022",
                        at(8, 13), end, "output tokens ×1.7 (a verbose answer style), no model change", Duration.ofHours(24)),
                new TrialIncident(TrialIncident.Kind.SILENT_MODEL_CHANGE, "classify-ticket", "gpt-4o-mini-2024-07-18",
                        at(9, 8), end, "new system_fingerprint; refusals 0.4% → 4%, +1 output token, latency ×1.3, quality 4.1 → 3.3",
                        Duration.ofHours(6)),
                new TrialIncident(TrialIncident.Kind.QUALITY_DROP, "support-bot", "gpt-4o-2024-08-06",
                        at(11, 9), end, "bad answers 7% → 45% (judge mean 4.1 → 2.9), users complain", Duration.ofHours(24)),
                new TrialIncident(TrialIncident.Kind.INPUT_SHIFT, "draft-email", null,
                        at(12, 6), end, "60% of queries about a new topic (category legal-notice)", Duration.ofHours(36)));
    }

    private static Instant at(int day, int hourUtc) {
        return START.plus(Duration.ofDays(day)).plus(Duration.ofHours(hourUtc));
    }

    /** What was written. */
    public record Written(Path dir, long requests, long signals, long judgements, List<TrialIncident> incidents) {
    }

    /** Writes the two weeks for {@code seed} into {@code dir} ({@link #REQUESTS}, {@link #SIGNALS}, {@link #JUDGEMENTS}). */
    public static Written write(Path dir, long seed) throws IOException {
        return write(dir, seed, 1.0);
    }

    /** As {@link #write(Path, long)} with every feature's traffic scaled by {@code volume}. */
    public static Written write(Path dir, long seed, double volume) throws IOException {
        Files.createDirectories(dir);
        List<TrialIncident> incidents = incidents();
        SplittableRandom rnd = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 17);
        JsonFactory json = new JsonFactory();
        long requests = 0;
        long signals = 0;
        long judged = 0;
        Files.deleteIfExists(dir.resolve(JUDGEMENTS));
        try (OutputStream reqOut = new BufferedOutputStream(Files.newOutputStream(dir.resolve(REQUESTS)), 1 << 20);
             OutputStream sigOut = new BufferedOutputStream(Files.newOutputStream(dir.resolve(SIGNALS)), 1 << 20);
             JsonGenerator req = json.createGenerator(reqOut);
             JsonGenerator sig = json.createGenerator(sigOut);
             JudgementStore store = JudgementStore.open(dir.resolve(JUDGEMENTS))) {
            req.setRootValueSeparator(null);
            sig.setRootValueSeparator(null);
            double[] dayWobble = new double[DAYS];
            for (int d = 0; d < DAYS; d++) {
                dayWobble[d] = Math.exp(0.04 * rnd.nextGaussian()); // prompt length varies a little from day to day
            }
            for (int hour = 0; hour < DAYS * 24; hour++) {
                Instant hourStart = START.plus(Duration.ofHours(hour));
                int day = hour / 24;
                int localHour = Math.floorMod(hour % 24 + UTC_OFFSET_HOURS, 24);
                int localDay = Math.floorDiv(hour + UTC_OFFSET_HOURS, 24);
                boolean weekend = Math.floorMod(localDay, 7) >= 5;
                double shape = LOCAL_HOUR_SHAPE[localHour] * (weekend ? WEEKEND : 1) / MEAN_SHAPE;
                List<Request> inHour = new ArrayList<>();
                for (Feature f : FEATURES) {
                    int count = poisson(rnd, f.meanPerHour() * volume * shape);
                    for (int i = 0; i < count; i++) {
                        Instant t = hourStart.plusMillis(rnd.nextLong(3_600_000L));
                        inHour.add(request(rnd, f, t, dayWobble[day], incidents));
                    }
                }
                inHour.sort((a, b) -> a.time.compareTo(b.time));
                for (Request r : inHour) {
                    r.id = String.format("t%d-%07d", seed, ++requests);
                    writeRequest(req, r);
                    List<String> types = signals(rnd, r);
                    for (String type : types) {
                        writeSignal(sig, r, type, rnd);
                        signals++;
                    }
                    boolean thumbsDown = types.contains("thumbs_down");
                    if (!r.error && (thumbsDown || Sampler.isSampled(r.id, 0.05))) {
                        store.append(judgement(r, seed));
                        judged++;
                    }
                }
            }
        }
        return new Written(dir, requests, signals, judged, incidents);
    }

    private static final class Request {
        String id;
        Instant time;
        Feature feature;
        Route route;
        double latencyMs;
        long inputTokens;
        long outputTokens;
        double costUsd;
        String finish;
        boolean error;
        boolean bad;
        String fingerprint;
        String category;
        String input;
        String session;
    }

    private static boolean active(List<TrialIncident> incidents, TrialIncident.Kind kind, Feature f, Route r, Instant t) {
        for (TrialIncident i : incidents) {
            if (i.kind() == kind && i.feature().equals(f.id()) && (i.model() == null || i.model().equals(r.model()))
                    && !t.isBefore(i.start()) && t.isBefore(i.end())) {
                return true;
            }
        }
        return false;
    }

    private static Request request(SplittableRandom rnd, Feature f, Instant t, double wobble, List<TrialIncident> incidents) {
        Request r = new Request();
        r.time = t;
        r.feature = f;
        double u = rnd.nextDouble();
        Route route = f.routes().get(f.routes().size() - 1);
        for (Route candidate : f.routes()) {
            if ((u -= candidate.share()) < 0) {
                route = candidate;
                break;
            }
        }
        r.route = route;
        boolean spike = active(incidents, TrialIncident.Kind.LATENCY_SPIKE, f, route, t);
        boolean burst = active(incidents, TrialIncident.Kind.ERROR_BURST, f, route, t);
        boolean pricier = active(incidents, TrialIncident.Kind.COST_STEP, f, route, t);
        boolean bloat = active(incidents, TrialIncident.Kind.TOKEN_BLOAT, f, route, t);
        boolean changed = active(incidents, TrialIncident.Kind.SILENT_MODEL_CHANGE, f, route, t);
        boolean worse = active(incidents, TrialIncident.Kind.QUALITY_DROP, f, route, t);
        boolean shifted = active(incidents, TrialIncident.Kind.INPUT_SHIFT, f, route, t) && rnd.nextDouble() < 0.6;

        r.fingerprint = route.fingerprint() == null ? null : changed ? "fp_e1f93c2a77" : route.fingerprint();
        r.category = shifted ? "legal-notice" : f.categories().get(rnd.nextInt(f.categories().size()));
        r.input = Vocabulary.query(rnd, f.id(), r.category);
        r.session = f.id() + "-s" + rnd.nextInt(4000);
        r.inputTokens = Math.max(5, Math.round(f.inputMedian() * wobble * Math.exp(0.35 * rnd.nextGaussian())));

        // heavy-tailed latency: a log-normal body and 3% of requests from a Pareto tail (queueing, retries upstream)
        double latency = route.latencyMedianMs() * Math.exp(0.45 * rnd.nextGaussian());
        if (rnd.nextDouble() < 0.03) {
            latency = 2 * route.latencyMedianMs() / Math.pow(1 - rnd.nextDouble(), 1 / 1.8);
        }
        latency *= spike ? 3 : changed ? 1.3 : 1;

        double errorRate = burst ? 0.16 : 0.01;
        double refusalRate = changed ? 0.04 : f.refusalRate();
        double badRate = worse ? 0.45 : changed ? 0.30 : shifted ? 0.12 : 0.07;
        if (rnd.nextDouble() < errorRate) {
            r.error = true;
            r.finish = "error";
            r.outputTokens = 0;
            r.latencyMs = rnd.nextDouble() < 0.5 ? 30_000 : 80 + 200 * rnd.nextDouble();
        } else if (rnd.nextDouble() < refusalRate) {
            r.finish = "refusal";
            r.outputTokens = 20 + rnd.nextInt(30);
            r.latencyMs = latency * 0.5;
        } else {
            double out;
            if (f.classifier()) {
                out = 1 + (rnd.nextDouble() < 0.25 ? 1 : 0) + (changed ? 1 : 0);
                if (rnd.nextDouble() < 0.01) {
                    out = 99; // the model started explaining itself: cut at max_tokens
                }
            } else {
                out = route.outputMedian() * Math.exp(0.6 * rnd.nextGaussian()) * (bloat ? 1.7 : 1);
            }
            r.outputTokens = Math.max(1, Math.round(out));
            if (r.outputTokens >= route.maxTokens()) {
                r.outputTokens = route.maxTokens();
                r.finish = "max_tokens";
            } else {
                r.finish = "end_turn";
            }
            r.latencyMs = latency;
            r.bad = rnd.nextDouble() < badRate || "max_tokens".equals(r.finish) && rnd.nextDouble() < 0.5;
        }
        double cost = r.inputTokens * route.usdPerInputToken() + r.outputTokens * route.usdPerOutputToken();
        r.costUsd = cost * (pricier ? 1.4 : 1);
        return r;
    }

    private static List<String> signals(SplittableRandom rnd, Request r) {
        List<String> out = new ArrayList<>(2);
        if (r.error) {
            if (rnd.nextDouble() < 0.3) {
                out.add("retry");
            }
            return out;
        }
        boolean bad = r.bad;
        maybe(rnd, out, "thumbs_up", bad ? 0.003 : 0.03);
        maybe(rnd, out, "thumbs_down", bad ? 0.12 : 0.006);
        maybe(rnd, out, "correction", bad ? 0.08 : 0.01);
        maybe(rnd, out, "follow_up", bad ? 0.10 : 0.05);
        maybe(rnd, out, "retry", bad ? 0.06 : 0.01);
        maybe(rnd, out, "abandoned", bad ? 0.10 : 0.02);
        return out;
    }

    private static void maybe(SplittableRandom rnd, List<String> out, String type, double p) {
        if (rnd.nextDouble() < p) {
            out.add(type);
        }
    }

    private static Judgement judgement(Request r, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + r.id.hashCode());
        Map<String, Integer> scores = new LinkedHashMap<>();
        if (r.bad) {
            scores.put("correctness", 1 + rnd.nextInt(2));
            scores.put("completeness", 1 + rnd.nextInt(3));
            scores.put("tone", 2 + rnd.nextInt(3));
        } else {
            scores.put("correctness", rnd.nextDouble() < 0.8 ? 5 : 4);
            scores.put("completeness", 3 + rnd.nextInt(3));
            scores.put("tone", rnd.nextDouble() < 0.7 ? 5 : 4);
        }
        double mean = scores.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        String reason = FlagPolicy.defaults().reason(scores, mean);
        return new Judgement(r.id, r.feature.id(), r.route.model(), JudgementStatus.OK, mean, scores, reason != null,
                reason, TRIAL_JUDGE, Rubric.defaults().version(), r.time.plus(Duration.ofHours(2)), "trial", r.time,
                0, 0, null, null);
    }

    private static void writeRequest(JsonGenerator g, Request r) throws IOException {
        g.writeStartObject();
        g.writeStringField("request_id", r.id);
        g.writeStringField("timestamp", ISO.format(r.time));
        g.writeStringField("feature_id", r.feature.id());
        g.writeStringField("model_id", r.route.model());
        g.writeFieldName("latency_ms");
        g.writeNumber(BigDecimal.valueOf(Math.round(r.latencyMs * 10) / 10.0).toPlainString());
        g.writeNumberField("input_tokens", r.inputTokens);
        g.writeNumberField("output_tokens", r.outputTokens);
        g.writeFieldName("cost_usd");
        g.writeNumber(new BigDecimal(r.costUsd, new MathContext(6)).toPlainString());
        g.writeStringField("finish_reason", r.finish);
        g.writeStringField("error", r.error ? (r.latencyMs >= 30_000 ? "timeout" : "HTTP 529 overloaded") : null);
        g.writeStringField("session_id", r.session);
        g.writeStringField("user_input", r.input);
        if (!r.error) {
            g.writeStringField("output", r.bad ? "I am not sure; please check the docs." : "Here is the answer to: " + r.input);
        }
        if (r.fingerprint != null) {
            g.writeStringField("system_fingerprint", r.fingerprint);
        }
        g.writeObjectFieldStart("metadata");
        g.writeStringField("query_category", r.category);
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void writeSignal(JsonGenerator g, Request r, String type, SplittableRandom rnd) throws IOException {
        g.writeStartObject();
        g.writeStringField("request_id", r.id);
        g.writeStringField("session_id", r.session);
        g.writeStringField("signal_type", type);
        g.writeStringField("timestamp", ISO.format(r.time.plusMillis((long) (r.latencyMs + 5_000 + rnd.nextInt(120_000)))));
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** Knuth's multiplication method for small means, a rounded normal for large ones (only counts per hour). */
    private static int poisson(SplittableRandom rnd, double mean) {
        if (mean > 60) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > limit);
        return k - 1;
    }
}
