package dev.llmmon.probes.gate.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmmon.gate.FeatureVerdict;
import dev.llmmon.gate.GateVerdict;
import dev.llmmon.gate.PowerEstimate;
import dev.llmmon.internal.json.Json;
import dev.llmmon.probes.gate.GateCase;
import dev.llmmon.probes.gate.GateRequest;
import dev.llmmon.probes.gate.SideCost;
import dev.llmmon.probes.gate.SideResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes {@code gate.md} (short enough for a GitHub step summary, appended to it when one is configured) and
 * {@code gate.json} (the verdict, the statistics per feature, every case's pair, the costs). Case names are file and
 * probe ids, never prompts or answers, so nothing here needs redacting.
 */
public final class GateReports {
    /** Cases listed in gate.md's table of changed cases; gate.json has all. */
    static final int MAX_CHANGED_ROWS = 30;

    private GateReports() {
    }

    /** The files written. */
    public record Written(Path markdown, Path json) {
    }

    public static Written write(GateRequest request, GateVerdict verdict, List<GateCase> cases, int suiteCases,
                                SideCost baseline, SideCost candidate, long fixedCalls, long saved,
                                Optional<String> failure) {
        Path dir = request.outputDirectory();
        Path md = dir.resolve("gate.md");
        Path json = dir.resolve("gate.json");
        String text = markdown(request, verdict, cases, suiteCases, baseline, candidate, fixedCalls, saved);
        try {
            Files.createDirectories(dir);
            Files.writeString(md, text);
            Files.write(json, Json.DOCUMENT.writeValueAsBytes(document(request, verdict, cases, suiteCases, baseline,
                    candidate, fixedCalls, saved, failure)));
            if (request.stepSummary().isPresent()) {
                Files.writeString(request.stepSummary().get(), text + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gate report in " + dir + ": " + e.getMessage(), e);
        }
        return new Written(md, json);
    }

    static String markdown(GateRequest request, GateVerdict v, List<GateCase> cases, int suiteCases, SideCost baseline,
                           SideCost candidate, long fixedCalls, long saved) {
        StringBuilder s = new StringBuilder();
        s.append("## llmmon gate: ").append(v.decision()).append(" (").append(candidate.model()).append(" vs ")
                .append(baseline.model()).append(")\n\n");
        s.append(v.reason()).append("\n\n");
        s.append(String.format(Locale.ROOT, "Non-inferiority margin %s at one-sided alpha %s; %d of %d case(s) decided%s.%n%n",
                pct(request.policy().margin()), plain(request.policy().alpha()), v.casesUsed(), suiteCases,
                v.stoppedEarly() ? ", stopped early (sequential)" : ""));
        PowerEstimate p = v.power();
        if (p != null) {
            s.append(p.canDetectMargin() ? "Power: " : "**Power warning**: ").append(p.message()).append("\n\n");
        }
        s.append("| | baseline | candidate |\n|---|---|---|\n");
        s.append("| model | ").append(baseline.model()).append(" | ").append(candidate.model()).append(" |\n");
        s.append("| calls planned | ").append(baseline.plannedCalls()).append(" | ").append(candidate.plannedCalls()).append(" |\n");
        s.append("| est. cost before | ").append(usd(baseline.plannedUsd())).append(" | ").append(usd(candidate.plannedUsd())).append(" |\n");
        s.append("| calls made | ").append(baseline.calls())
                .append(baseline.reusedCases() > 0 ? " (baseline reused: " + baseline.reusedCases() + " cases)" : "")
                .append(" | ").append(candidate.calls()).append(" |\n");
        s.append("| tokens in / out | ").append(baseline.inputTokens()).append(" / ").append(baseline.outputTokens())
                .append(" | ").append(candidate.inputTokens()).append(" / ").append(candidate.outputTokens()).append(" |\n");
        s.append("| cost after | ").append(usd(baseline.usd())).append(" | ").append(usd(candidate.usd())).append(" |\n");
        if (baseline.judge().model().isPresent()) {
            s.append("| judge (").append(baseline.judge().model().get()).append(") calls planned / made | ")
                    .append(baseline.judge().plannedCalls()).append(" / ").append(baseline.judge().calls()).append(" | ")
                    .append(candidate.judge().plannedCalls()).append(" / ").append(candidate.judge().calls()).append(" |\n");
            s.append("| judge est. cost before / after | ").append(usd(baseline.judge().plannedUsd())).append(" / ")
                    .append(usd(baseline.judge().usd())).append(" | ").append(usd(candidate.judge().plannedUsd()))
                    .append(" / ").append(usd(candidate.judge().usd())).append(" |\n");
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, "Calls saved against the fixed design (%d): %d.%n%n", fixedCalls, saved));

        s.append("| feature | cases | baseline | candidate | difference | one-sided bounds | McNemar p | Holm p | score change (Wilcoxon p) | floor | decision |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FeatureVerdict f : v.features()) {
            row(s, f);
        }
        if (v.overall() != null) {
            row(s, v.overall());
        }
        s.append('\n');

        List<GateCase> changed = cases.stream().filter(c -> c.regressed() || c.improved()).toList();
        if (!changed.isEmpty()) {
            s.append("### Cases that changed (").append(changed.size()).append(")\n\n");
            s.append("| case | feature | baseline | candidate | |\n|---|---|---|---|---|\n");
            changed.stream().limit(MAX_CHANGED_ROWS).forEach(c -> s.append("| ").append(cell(c.name())).append(" | ")
                    .append(cell(c.feature())).append(" | ").append(rate(c.baseline())).append(" | ")
                    .append(rate(c.candidate())).append(" | ").append(c.regressed() ? "worse" : "better").append(" |\n"));
            if (changed.size() > MAX_CHANGED_ROWS) {
                s.append("\n").append(changed.size() - MAX_CHANGED_ROWS).append(" more in gate.json.\n");
            }
            s.append('\n');
        }
        if (!v.flakyCases().isEmpty()) {
            s.append("### Flaky cases (").append(v.flakyCases().size()).append(request.policy().quarantineFlaky()
                    ? ", quarantined" : "").append(")\n\n");
            v.flakyCases().forEach(c -> s.append("- ").append(cell(c)).append('\n'));
            s.append('\n');
        }
        return s.toString();
    }

    private static void row(StringBuilder s, FeatureVerdict f) {
        String score = f.scoreDifference().map(d -> String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", d.estimate(),
                d.lower(), d.upper())).orElse("-") + (f.wilcoxonP().isPresent() ? " (" + num(f.wilcoxonP().getAsDouble()) + ")" : "");
        s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | [%s, %s] | %s | %s | %s | %s | %s |%n",
                cell(f.feature()), f.cases(), pct(f.baselineRate()), pct(f.candidateRate()), signedPct(f.difference()),
                signedPct(f.lower()), signedPct(f.upper()), num(f.mcnemarP()), num(f.adjustedP()), score,
                f.floorBreached() ? "breached" : "ok", f.decision()));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String rate(SideResult r) {
        return r.passes() + "/" + r.runs() + (r.meanScore().isPresent()
                ? String.format(Locale.ROOT, ", score %.2f", r.meanScore().getAsDouble()) : "");
    }

    private static String pct(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.1f%%", 100 * x) : "n/a";
    }

    private static String signedPct(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%+.1f pt", 100 * x) : "n/a";
    }

    private static String num(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : "n/a";
    }

    /** 0.05, not 0.05000. */
    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static String usd(Optional<Double> usd) {
        return usd.map(u -> String.format(Locale.ROOT, "$%.4f", u)).orElse("unknown");
    }

    // ---- gate.json: its own document types, so renaming code never changes the file

    record Document(@JsonProperty("generated_at") String generatedAt, @JsonProperty("decision") String decision,
                    @JsonProperty("reason") String reason, @JsonProperty("failure") String failure,
                    @JsonProperty("policy") PolicyDoc policy, @JsonProperty("power") PowerDoc power,
                    @JsonProperty("overall") FeatureDoc overall, @JsonProperty("features") List<FeatureDoc> features,
                    @JsonProperty("flaky_cases") List<String> flakyCases, @JsonProperty("suite_cases") int suiteCases,
                    @JsonProperty("cases_used") int casesUsed, @JsonProperty("stopped_early") boolean stoppedEarly,
                    @JsonProperty("fixed_design_calls") long fixedDesignCalls, @JsonProperty("calls_saved") long callsSaved,
                    @JsonProperty("baseline") CostDoc baseline, @JsonProperty("candidate") CostDoc candidate,
                    @JsonProperty("cases") List<CaseDoc> cases) {
    }

    record PolicyDoc(@JsonProperty("margin") double margin, @JsonProperty("alpha") double alpha,
                     @JsonProperty("power") double power, @JsonProperty("sequential") boolean sequential,
                     @JsonProperty("batch_size") int batchSize, @JsonProperty("seed") long seed,
                     @JsonProperty("quarantine_flaky") boolean quarantineFlaky,
                     @JsonProperty("floors") java.util.Map<String, Double> floors,
                     @JsonProperty("score_margin") @com.fasterxml.jackson.annotation.JsonInclude(
                             com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Double scoreMargin) {
    }

    record PowerDoc(@JsonProperty("cases") int cases, @JsonProperty("discordant_share") double discordantShare,
                    @JsonProperty("minimum_detectable_effect") double mde,
                    @JsonProperty("can_detect_margin") boolean canDetectMargin, @JsonProperty("message") String message) {
    }

    record FeatureDoc(@JsonProperty("feature") String feature, @JsonProperty("cases") int cases,
                      @JsonProperty("baseline_rate") double baselineRate, @JsonProperty("candidate_rate") double candidateRate,
                      @JsonProperty("difference") double difference, @JsonProperty("lower") double lower,
                      @JsonProperty("upper") double upper, @JsonProperty("mcnemar_p") double mcnemarP,
                      @JsonProperty("wilcoxon_p") Double wilcoxonP, @JsonProperty("adjusted_p") double adjustedP,
                      @JsonProperty("floor_breached") boolean floorBreached, @JsonProperty("decision") String decision) {
    }

    record CostDoc(@JsonProperty("model") String model, @JsonProperty("planned_calls") long plannedCalls,
                   @JsonProperty("planned_usd") Double plannedUsd, @JsonProperty("calls") long calls,
                   @JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens,
                   @JsonProperty("usd") Double usd, @JsonProperty("reused_cases") int reusedCases,
                   @JsonProperty("judge") JudgeDoc judge) {
    }

    /** The judge calls of a side; tokens and so USD are estimates (docs/gate.md). */
    record JudgeDoc(@JsonProperty("model") String model, @JsonProperty("planned_calls") long plannedCalls,
                    @JsonProperty("planned_usd") Double plannedUsd, @JsonProperty("calls") long calls,
                    @JsonProperty("usd") Double usd) {
    }

    record SideDoc(@JsonProperty("passes") int passes, @JsonProperty("runs") int runs,
                   @JsonProperty("passed") boolean passed, @JsonProperty("mean_score") Double meanScore) {
    }

    record CaseDoc(@JsonProperty("case") String name, @JsonProperty("unique_id") String uniqueId,
                   @JsonProperty("feature") String feature, @JsonProperty("min_pass_rate") double minPassRate,
                   @JsonProperty("baseline") SideDoc baseline, @JsonProperty("candidate") SideDoc candidate,
                   @JsonProperty("change") String change, @JsonProperty("baseline_reused") boolean baselineReused) {
    }

    static Document document(GateRequest request, GateVerdict v, List<GateCase> cases, int suiteCases,
                             SideCost baseline, SideCost candidate, long fixedCalls, long saved, Optional<String> failure) {
        var p = request.policy();
        PowerEstimate pw = v.power();
        List<FeatureDoc> features = new ArrayList<>();
        v.features().forEach(f -> features.add(feature(f)));
        List<CaseDoc> docs = new ArrayList<>();
        for (GateCase c : cases) {
            docs.add(new CaseDoc(c.name(), c.uniqueId(), c.feature(), c.minPassRate(),
                    side(c.baseline(), c.baselinePassed()), side(c.candidate(), c.candidatePassed()),
                    c.regressed() ? "worse" : c.improved() ? "better" : "same", c.baselineReused()));
        }
        return new Document(Instant.now().toString(), v.decision().name(), v.reason(), failure.orElse(null),
                new PolicyDoc(p.margin(), p.alpha(), p.power(), p.sequential(), p.batchSize(), p.seed(),
                        p.quarantineFlaky(), p.floors(), p.scoresDecide() ? p.scoreMargin() : null),
                pw == null ? null : new PowerDoc(pw.cases(), pw.discordantShare(), pw.minimumDetectableEffect(),
                        pw.canDetectMargin(), pw.message()),
                v.overall() == null ? null : feature(v.overall()), features, v.flakyCases(), suiteCases, v.casesUsed(),
                v.stoppedEarly(), fixedCalls, saved, cost(baseline), cost(candidate), docs);
    }

    private static FeatureDoc feature(FeatureVerdict f) {
        return new FeatureDoc(f.feature(), f.cases(), f.baselineRate(), f.candidateRate(), f.difference(), f.lower(),
                f.upper(), f.mcnemarP(), boxed(f.wilcoxonP()), f.adjustedP(), f.floorBreached(), f.decision().name());
    }

    private static SideDoc side(SideResult r, boolean passed) {
        return new SideDoc(r.passes(), r.runs(), passed, boxed(r.meanScore()));
    }

    private static CostDoc cost(SideCost c) {
        return new CostDoc(c.model(), c.plannedCalls(), c.plannedUsd().orElse(null), c.calls(), c.inputTokens(),
                c.outputTokens(), c.usd().orElse(null), c.reusedCases(), c.judge().model().isEmpty() ? null
                : new JudgeDoc(c.judge().model().get(), c.judge().plannedCalls(), c.judge().plannedUsd().orElse(null),
                c.judge().calls(), c.judge().usd().orElse(null)));
    }

    private static Double boxed(OptionalDouble d) {
        return d != null && d.isPresent() ? d.getAsDouble() : null;
    }
}
