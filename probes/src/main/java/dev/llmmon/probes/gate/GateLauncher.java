package dev.llmmon.probes.gate;

import dev.llmmon.client.Endpoint;
import dev.llmmon.gate.CaseOutcome;
import dev.llmmon.gate.Decision;
import dev.llmmon.gate.GatePolicy;
import dev.llmmon.gate.GateStatistics;
import dev.llmmon.gate.GateVerdict;
import dev.llmmon.gate.PowerEstimate;
import dev.llmmon.gate.SequentialGate;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeCase;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import dev.llmmon.probes.ProbeRunSummary;
import dev.llmmon.probes.gate.internal.BaselineCache;
import dev.llmmon.probes.gate.internal.GateReports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Is the candidate model worse? Runs one suite on the baseline and the candidate through {@link ProbeLauncher}
 * (each side its own endpoint and cassette), pairs the per-case outcomes and decides with core's
 * {@link GateStatistics} (or {@link SequentialGate}: cases shuffled with the policy's seed, run in batches, stopped as
 * soon as the verdict is clear). Before spending it says what the suite can detect; baseline results are cached
 * while model, case and rubric are unchanged; it writes {@code gate.md} and {@code gate.json}.
 *
 * <pre>{@code
 * GateRun run = GateLauncher.run(GateRequest.builder()
 *         .baseline(ProbeRequest.builder().model("demo-model").cassette("classpath:...baseline.cassette.jsonl").build())
 *         .candidate(ProbeRequest.builder().model("demo-model-next").cassette("classpath:...candidate.cassette.jsonl").build())
 *         .cacheDirectory(Path.of("target/llmmon/gate-cache")).build(), ProbeLauncher.Log.NONE);
 * run.failure().ifPresent(why -> { throw new AssertionError(why); });
 * }</pre>
 */
public final class GateLauncher {
    /** Output tokens assumed per call for the cost estimate when a probe sets no {@code max_tokens}. */
    static final int DEFAULT_OUTPUT_ESTIMATE = 256;

    private GateLauncher() {
    }

    /**
     * Runs the gate.
     *
     * @throws IllegalArgumentException      nothing to run, or the two sides' suites differ
     * @throws dev.llmmon.probes.ProbeRunException a probe file with an error
     * @throws GateRunException              a case that did not run on a side (e.g. missing from a cassette)
     */
    public static GateRun run(GateRequest request, ProbeLauncher.Log log) {
        GatePolicy policy = request.policy();
        List<ProbeCase> cases = ProbeLauncher.discover(request.candidate());
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("the gate found no cases to run");
        }
        List<ProbeCase> baselineCases = ProbeLauncher.discover(request.baseline());
        if (!baselineCases.equals(cases)) {
            throw new IllegalArgumentException("the baseline and the candidate must run the same suite (same probes, "
                    + "repeat and checks); found " + baselineCases.size() + " and " + cases.size() + " cases");
        }
        Map<String, String> baselineKey = cacheKey(request.baseline());
        if (baselineKey.equals(cacheKey(request.candidate()))) {
            log.warn("llmmon: gate: baseline and candidate are the same model on the same endpoint");
        }
        log.info(String.format(Locale.ROOT, "llmmon: gate: %d case(s); baseline %s, candidate %s; %s design",
                cases.size(), describe(request.baseline()), describe(request.candidate()),
                policy.sequential() ? "sequential (batches of " + policy.batchSize() + ")" : "fixed"));

        PowerEstimate power = GateStatistics.power(cases.size(), request.expectedDiscordance(), policy);
        if (power.canDetectMargin()) {
            log.info("llmmon: gate: power: " + power.message());
        } else {
            log.warn("llmmon: gate: power: " + power.message());
        }

        BaselineCache cache = request.cacheDirectory()
                .map(dir -> BaselineCache.open(dir, baselineKey, w -> log.warn("llmmon: gate: " + w))).orElse(null);
        Map<String, SideResult> baseline = new LinkedHashMap<>(cache == null ? Map.of() : cache.lookup(cases));
        Map<String, Boolean> reused = new LinkedHashMap<>();
        baseline.keySet().forEach(id -> reused.put(id, true));
        log.info("llmmon: gate: baseline reused: " + baseline.size() + " case(s)"
                + (cache == null ? " (no cache)" : " from " + cache.file()));

        String baselineModel = model(request.baseline());
        String candidateModel = model(request.candidate());
        long baselinePlanned = cases.stream().filter(c -> !baseline.containsKey(c.uniqueId())).mapToLong(ProbeCase::repeat).sum();
        long candidatePlanned = cases.stream().mapToLong(ProbeCase::repeat).sum();
        Optional<Double> baselineEstimate = estimate(request.pricing(), baselineModel,
                cases.stream().filter(c -> !baseline.containsKey(c.uniqueId())).toList(), baseline);
        Optional<Double> candidateEstimate = estimate(request.pricing(), candidateModel, cases, baseline);
        Optional<String> judgeModel = judgeModel(request.candidate());
        List<ProbeCase> baselineToRun = cases.stream().filter(c -> !baseline.containsKey(c.uniqueId())).toList();
        long baselineJudgePlanned = judgeCalls(baselineToRun, judgeModel);
        long candidateJudgePlanned = judgeCalls(cases, judgeModel);
        Optional<Double> baselineJudgeEstimate = judgeEstimate(request.pricing(), judgeModel, baselineToRun, Map.of());
        Optional<Double> candidateJudgeEstimate = judgeEstimate(request.pricing(), judgeModel, cases, Map.of());
        log.info(String.format(Locale.ROOT, "llmmon: gate: before: baseline %d call(s) %s, candidate %d call(s) %s",
                baselinePlanned, usd(baselineEstimate, baselineModel), candidatePlanned, usd(candidateEstimate, candidateModel)));
        judgeModel.ifPresent(j -> log.info(String.format(Locale.ROOT, "llmmon: gate: before: judge %s: baseline %d"
                        + " call(s) %s, candidate %d call(s) %s (tokens estimated)", j, baselineJudgePlanned,
                usd(baselineJudgeEstimate, j), candidateJudgePlanned, usd(candidateJudgeEstimate, j))));

        Map<String, SideResult> candidate = new LinkedHashMap<>();
        List<ProbeCase> order = new ArrayList<>(cases);
        GateVerdict verdict;
        List<ProbeCase> ran;
        if (!policy.sequential()) {
            runBatch(request, cases, baseline, candidate, cache, 0, log);
            ran = cases;
            verdict = GateStatistics.decide(outcomes(cases, baseline, candidate), policy);
        } else {
            // a fixed-seed shuffle so each batch is a fair sample of the suite (files are often sorted by topic)
            Collections.shuffle(order, new Random(policy.seed()));
            SequentialGate gate = SequentialGate.start(policy);
            Optional<GateVerdict> early = Optional.empty();
            int done = 0;
            int batch = 0;
            while (done < order.size() && early.isEmpty()) {
                List<ProbeCase> next = order.subList(done, Math.min(order.size(), done + policy.batchSize()));
                runBatch(request, next, baseline, candidate, cache, ++batch, log);
                early = gate.add(outcomes(next, baseline, candidate));
                done += next.size();
                log.info(String.format(Locale.ROOT, "llmmon: gate: batch %d: %d of %d case(s) run%s", batch, done,
                        order.size(), early.map(v -> ", verdict clear: " + v.decision()).orElse("")));
            }
            ran = List.copyOf(order.subList(0, done));
            verdict = early.orElseGet(gate::finish);
        }

        List<GateCase> gateCases = new ArrayList<>();
        for (ProbeCase c : ran) {
            gateCases.add(new GateCase(c.name(), c.uniqueId(), c.feature(), c.minPassRate(), baseline.get(c.uniqueId()),
                    candidate.get(c.uniqueId()), reused.containsKey(c.uniqueId())));
        }
        Map<String, ProbeCase> byId = new LinkedHashMap<>();
        ran.forEach(c -> byId.put(c.uniqueId(), c));
        Map<ProbeCase, SideResult> baselineSpent = new LinkedHashMap<>();
        Map<ProbeCase, SideResult> candidateSpent = new LinkedHashMap<>();
        for (GateCase g : gateCases) {
            if (!g.baselineReused()) {
                baselineSpent.put(byId.get(g.uniqueId()), g.baseline());
            }
            candidateSpent.put(byId.get(g.uniqueId()), g.candidate());
        }
        SideCost baselineCost = cost("baseline", baselineModel, baselinePlanned, baselineEstimate, request.pricing(),
                List.copyOf(baselineSpent.values()), (int) gateCases.stream().filter(GateCase::baselineReused).count(),
                judgeCost(request.pricing(), judgeModel, baselineJudgePlanned, baselineJudgeEstimate, baselineSpent));
        SideCost candidateCost = cost("candidate", candidateModel, candidatePlanned, candidateEstimate, request.pricing(),
                List.copyOf(candidateSpent.values()), 0,
                judgeCost(request.pricing(), judgeModel, candidateJudgePlanned, candidateJudgeEstimate, candidateSpent));
        long fixed = 2 * candidatePlanned;
        long saved = fixed - baselineCost.calls() - candidateCost.calls();
        log.info(String.format(Locale.ROOT, "llmmon: gate: after: baseline %d call(s) %s, candidate %d call(s) %s; "
                        + "%d call(s) saved against the fixed design (%d)", baselineCost.calls(),
                usd(baselineCost.usd(), baselineModel), candidateCost.calls(), usd(candidateCost.usd(), candidateModel),
                saved, fixed));
        judgeModel.ifPresent(j -> log.info(String.format(Locale.ROOT, "llmmon: gate: after: judge %s: baseline %d"
                        + " call(s) %s, candidate %d call(s) %s (tokens estimated)", j, baselineCost.judge().calls(),
                usd(baselineCost.judge().usd(), j), candidateCost.judge().calls(), usd(candidateCost.judge().usd(), j))));
        if (!verdict.flakyCases().isEmpty()) {
            log.warn("llmmon: gate: " + verdict.flakyCases().size() + " flaky case(s) (repeats disagree on one model)"
                    + (policy.quarantineFlaky() ? ", quarantined: " : ": ") + String.join(", ", verdict.flakyCases()));
        }

        Optional<String> failure = failure(verdict, request.failOnInconclusive(), baselineModel, candidateModel);
        GateReports.Written written = GateReports.write(request, verdict, gateCases, cases.size(), baselineCost,
                candidateCost, fixed, saved, failure);
        String line = "llmmon: gate: " + verdict.decision() + ": " + verdict.reason() + " (" + written.markdown()
                + ", " + written.json() + ")";
        if (verdict.decision() == Decision.PASS) {
            log.info(line);
        } else {
            log.warn(line);
        }
        return new GateRun(verdict, gateCases, cases.size(), baselineCost, candidateCost, fixed, saved,
                written.markdown(), written.json(), failure);
    }

    private static Optional<String> failure(GateVerdict v, boolean failOnInconclusive, String baseline, String candidate) {
        if (v.decision() == Decision.FAIL) {
            return Optional.of("gate FAIL: candidate " + candidate + " is worse than baseline " + baseline + ": " + v.reason());
        }
        if (v.decision() == Decision.INCONCLUSIVE && failOnInconclusive) {
            return Optional.of("gate INCONCLUSIVE (failOnInconclusive): " + v.reason());
        }
        return Optional.empty();
    }

    /** Runs the baseline on the batch's uncached cases and the candidate on all of them; stores new baseline results. */
    private static void runBatch(GateRequest request, List<ProbeCase> batch, Map<String, SideResult> baseline,
                                 Map<String, SideResult> candidate, BaselineCache cache, int number, ProbeLauncher.Log log) {
        List<ProbeCase> missing = batch.stream().filter(c -> !baseline.containsKey(c.uniqueId())).toList();
        Map<ProbeCase, SideResult> fresh = runSide("baseline", request.baseline(), missing, number, log);
        fresh.forEach((c, r) -> baseline.put(c.uniqueId(), r));
        if (cache != null) {
            cache.store(fresh);
        }
        runSide("candidate", request.candidate(), batch, number, log).forEach((c, r) -> candidate.put(c.uniqueId(), r));
    }

    private static Map<ProbeCase, SideResult> runSide(String side, ProbeRequest request, List<ProbeCase> cases, int batch,
                                                      ProbeLauncher.Log log) {
        Map<ProbeCase, SideResult> out = new LinkedHashMap<>();
        if (cases.isEmpty()) {
            return out;
        }
        ProbeRequest r = request.only(cases.stream().map(ProbeCase::uniqueId).toList());
        if (batch > 0) {
            r = r.withReportsDirectory(request.reportsDirectory().resolve("batch-" + batch));
        }
        ProbeRunSummary summary = ProbeLauncher.run(r, prefixed("[" + side + "] ", log));
        Map<String, ProbeRunSummary.ProbeOutcome> byId = new LinkedHashMap<>();
        summary.probes().forEach(p -> byId.put(p.uniqueId(), p));
        List<String> notRun = new ArrayList<>();
        for (ProbeCase c : cases) {
            ProbeRunSummary.ProbeOutcome o = byId.get(c.uniqueId());
            if (o == null || o.runs() == 0) {
                notRun.add(c.name());
                continue;
            }
            out.put(c, new SideResult(o.passes(), o.runs(), o.meanScore(), o.inputTokens(), o.outputTokens()));
        }
        if (!notRun.isEmpty()) {
            // no answer is no evidence: the pair cannot be judged, and silently dropping it would bias the verdict
            throw new GateRunException(notRun.size() + " case(s) made no call on the " + side + " (" + model(request)
                    + "): " + String.join(", ", notRun) + (summary.problems().isEmpty() ? ""
                    : "\n  " + summary.problems().get(0).lines().limit(3).reduce((a, b) -> a + "\n  " + b).orElse("")));
        }
        return out;
    }

    private static List<CaseOutcome> outcomes(List<ProbeCase> cases, Map<String, SideResult> baseline,
                                              Map<String, SideResult> candidate) {
        List<CaseOutcome> out = new ArrayList<>();
        for (ProbeCase c : cases) {
            SideResult b = baseline.get(c.uniqueId());
            SideResult k = candidate.get(c.uniqueId());
            out.add(new CaseOutcome(c.name(), c.feature(), c.cluster(), b.runs(), b.passes(), k.runs(), k.passes(),
                    b.meanScore(), k.meanScore(), c.minPassRate(), c.severity()));
        }
        return out;
    }

    /** What identifies a side's results: reusing them is sound only while every one of these is unchanged. */
    static Map<String, String> cacheKey(ProbeRequest r) {
        Map<String, String> p = r.parameters();
        Endpoint.Provider provider = Endpoint.Provider.parse(p.getOrDefault(Constants.PROVIDER, "openai"));
        Map<String, String> key = new LinkedHashMap<>();
        key.put("provider", provider.id());
        key.put("base_url", Optional.ofNullable(p.get(Constants.BASE_URL)).or(provider::defaultBaseUrl).orElse(""));
        key.put("model", model(r));
        key.put("judge_model", p.getOrDefault(Constants.JUDGE_MODEL, ""));
        key.put("embedding_model", p.getOrDefault(Constants.EMBEDDING_MODEL, ""));
        key.put("rubric_version", BaselineCache.RUBRIC_VERSION);
        return key;
    }

    private static String model(ProbeRequest r) {
        String m = r.parameters().get(Constants.MODEL);
        if (m == null || m.isBlank()) {
            throw new IllegalArgumentException("the gate needs a model on both sides");
        }
        return m;
    }

    private static String describe(ProbeRequest r) {
        Map<String, String> p = r.parameters();
        return model(r) + " (" + p.getOrDefault(Constants.PROVIDER, "openai")
                + (p.containsKey(Constants.CASSETTE) ? ", cassette " + p.get(Constants.CASSETTE) : "")
                + (p.containsKey(Constants.BASE_URL) ? ", " + p.get(Constants.BASE_URL) : "") + ")";
    }

    /**
     * Cost of running {@code cases} once each on {@code model}: per call, the cached baseline's tokens when known,
     * else the prompt's characters / 4 in and the probe's {@code max_tokens} (or 256) out.
     */
    static Optional<Double> estimate(PricingTable pricing, String model, List<ProbeCase> cases,
                                     Map<String, SideResult> known) {
        Optional<PricingTable.Price> price = pricing.priceOf(model);
        if (price.isEmpty()) {
            return Optional.empty();
        }
        double usd = 0;
        for (ProbeCase c : cases) {
            SideResult k = known.get(c.uniqueId());
            double in;
            double out;
            if (k != null && k.runs() > 0) {
                in = (double) k.inputTokens() / k.runs();
                out = (double) k.outputTokens() / k.runs();
            } else {
                in = Math.ceil(c.promptChars() / 4.0) + 8;
                out = c.maxTokens() > 0 ? c.maxTokens() : DEFAULT_OUTPUT_ESTIMATE;
            }
            usd += c.repeat() * price.get().cost(Math.round(in), Math.round(out));
        }
        return Optional.of(usd);
    }

    private static SideCost cost(String side, String model, long planned, Optional<Double> plannedUsd,
                                 PricingTable pricing, List<SideResult> spent, int reusedCases, SideCost.JudgeCost judge) {
        long calls = spent.stream().mapToLong(SideResult::runs).sum();
        long in = spent.stream().mapToLong(SideResult::inputTokens).sum();
        long out = spent.stream().mapToLong(SideResult::outputTokens).sum();
        Optional<Double> usd = pricing.priceOf(model).map(p -> p.cost(in, out));
        return new SideCost(side, model, planned, plannedUsd, calls, in, out, usd, reusedCases, judge);
    }

    /** The judge model both sides' {@code rubric} checks call (one judge for both: the same yardstick), if any. */
    private static Optional<String> judgeModel(ProbeRequest r) {
        return Optional.ofNullable(r.parameters().get(Constants.JUDGE_MODEL)).filter(m -> !m.isBlank());
    }

    /** Judge calls of running these cases once each: one per rubric check per call. */
    private static long judgeCalls(List<ProbeCase> cases, Optional<String> judgeModel) {
        return judgeModel.isEmpty() ? 0 : cases.stream().mapToLong(c -> (long) c.repeat() * c.judgeChecks()).sum();
    }

    /** The judge's reply limit in the rubric check: the output estimate per judge call. */
    static final int JUDGE_OUTPUT_ESTIMATE = 400;

    /** Tokens of the judge prompt around the case's text (system prompt with the rubric, tags), measured once. */
    static final long JUDGE_PROMPT_TOKENS = judgePromptTokens();

    private static long judgePromptTokens() {
        dev.llmmon.client.ChatRequest r = dev.llmmon.judge.JudgePrompt.build(dev.llmmon.judge.Rubric.defaults(),
                new dev.llmmon.record.RequestRecord("gate", java.time.Instant.EPOCH, "gate", "gate", 0, 0, 0, null,
                        dev.llmmon.record.FinishReason.END_TURN, null, null, "", "", null, Map.of()), 400);
        long chars = (r.system() == null ? 0 : r.system().length())
                + r.messages().stream().mapToLong(m -> m.content().length()).sum();
        return (long) Math.ceil(chars / 4.0);
    }

    /**
     * Estimated cost of the judge calls of these cases: per call the judge prompt, the case's prompt (characters / 4)
     * and the answer (the side's mean output tokens when known, else the probe's limit or 256) in, and
     * {@link #JUDGE_OUTPUT_ESTIMATE} out. Empty when the judge model has no price; 0 without a judge.
     */
    static Optional<Double> judgeEstimate(PricingTable pricing, Optional<String> judgeModel, List<ProbeCase> cases,
                                          Map<ProbeCase, SideResult> answered) {
        if (judgeModel.isEmpty()) {
            return Optional.of(0.0);
        }
        Optional<PricingTable.Price> price = pricing.priceOf(judgeModel.get());
        if (price.isEmpty()) {
            return Optional.empty();
        }
        double usd = 0;
        for (ProbeCase c : cases) {
            if (c.judgeChecks() == 0) {
                continue;
            }
            SideResult r = answered.get(c);
            long calls = r == null ? c.repeat() : r.runs();
            double answer = r != null && r.runs() > 0 ? (double) r.outputTokens() / r.runs()
                    : c.maxTokens() > 0 ? c.maxTokens() : DEFAULT_OUTPUT_ESTIMATE;
            long in = Math.round(JUDGE_PROMPT_TOKENS + Math.ceil(c.promptChars() / 4.0) + answer);
            usd += calls * c.judgeChecks() * price.get().cost(in, JUDGE_OUTPUT_ESTIMATE);
        }
        return Optional.of(usd);
    }

    private static SideCost.JudgeCost judgeCost(PricingTable pricing, Optional<String> judgeModel, long planned,
                                                Optional<Double> plannedUsd, Map<ProbeCase, SideResult> spent) {
        if (judgeModel.isEmpty()) {
            return SideCost.JudgeCost.NONE;
        }
        long calls = spent.entrySet().stream().mapToLong(e -> (long) e.getValue().runs() * e.getKey().judgeChecks())
                .sum();
        return new SideCost.JudgeCost(judgeModel, planned, plannedUsd, calls,
                judgeEstimate(pricing, judgeModel, List.copyOf(spent.keySet()), spent));
    }

    static String usd(Optional<Double> usd, String model) {
        return usd.map(u -> String.format(Locale.ROOT, "~$%.4f", u)).orElse("(cost unknown: no price for " + model + ")");
    }

    private static ProbeLauncher.Log prefixed(String prefix, ProbeLauncher.Log log) {
        return new ProbeLauncher.Log() {
            @Override
            public void info(String line) {
                // each side's per-probe table is left out: gate.md pairs the cases, the XML has every row
                if (line.startsWith("llmmon: ")) {
                    log.info("llmmon: " + prefix + line.substring(8));
                }
            }

            @Override
            public void warn(String line) {
                log.warn(line.startsWith("llmmon: ") ? "llmmon: " + prefix + line.substring(8) : prefix + line);
            }
        };
    }
}
