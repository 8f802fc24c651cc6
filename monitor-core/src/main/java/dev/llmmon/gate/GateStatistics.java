package dev.llmmon.gate;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fixed-design gate: all cases run, then one decision (docs/gate-statistics.md).
 * <p>
 * Per feature, on the cases' pass/fail pairs (a case passes on a side when its share of passing repeats reaches its
 * minPassRate): floor breached → FAIL; the one-sided lower bound of candidate - baseline at least -margin
 * (non-inferior) → PASS; the candidate significantly worse (McNemar, Holm-adjusted over features) → FAIL; else
 * INCONCLUSIVE. The gate: FAIL if any feature fails, PASS if all pass, else INCONCLUSIVE. "All non-inferior" is an
 * intersection of one-sided tests, each at alpha, so it needs no multiplicity correction; "some feature is worse" is
 * a union, hence Holm.
 */
public final class GateStatistics {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private static final String OVERALL = "(all)";

    private GateStatistics() {
    }

    public static GateVerdict decide(List<CaseOutcome> outcomes, GatePolicy policy) {
        return decide(outcomes, policy, false);
    }

    static GateVerdict decide(List<CaseOutcome> outcomes, GatePolicy policy, boolean stoppedEarly) {
        if (outcomes == null || outcomes.isEmpty()) {
            throw new IllegalArgumentException("the gate has no case outcomes to decide on");
        }
        Set<String> seen = new HashSet<>();
        for (CaseOutcome c : outcomes) {
            if (!seen.add(c.caseId())) {
                throw new IllegalArgumentException("case " + c.caseId() + " appears twice in the gate's outcomes");
            }
        }
        List<String> flaky = outcomes.stream().filter(CaseOutcome::flaky).map(CaseOutcome::caseId).toList();
        List<CaseOutcome> used = policy.quarantineFlaky()
                ? outcomes.stream().filter(c -> !c.flaky()).toList() : outcomes;
        if (used.isEmpty()) {
            FeatureVerdict none = new FeatureVerdict(OVERALL, 0, 0, 0, 0, -1, 1, 1, OptionalDouble.empty(), 1, false,
                    Decision.INCONCLUSIVE, 0, 0, Optional.empty());
            return new GateVerdict(Decision.INCONCLUSIVE, List.of(), none,
                    power(0, Power.PLANNING_DISCORDANT_SHARE, policy), flaky, 0, stoppedEarly,
                    "every case is flaky and quarantined: nothing left to decide on");
        }
        Map<String, List<CaseOutcome>> byFeature = used.stream()
                .collect(Collectors.groupingBy(CaseOutcome::feature, TreeMap::new, Collectors.toList()));
        List<Pairs> pairs = new ArrayList<>();
        byFeature.forEach((feature, cases) -> pairs.add(Pairs.of(feature, cases, GateStatistics::withinFeature,
                policy)));
        double[] adjusted = Holm.adjust(pairs.stream().mapToDouble(Pairs::worseP).toArray());
        double[] scoreAdjusted = scoresAdjusted(pairs);

        List<FeatureVerdict> features = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pairs p = pairs.get(i);
            Double floor = policy.floors().get(p.feature());
            boolean breached = floor != null && p.candidateRate() < floor - 1e-12;
            Decision d;
            if (breached) {
                d = Decision.FAIL;
                failures.add(String.format(Locale.ROOT, "%s passes %.1f%% of cases, below its floor of %.1f%%",
                        p.feature(), 100 * p.candidateRate(), 100 * floor));
            } else if (policy.scoresDecide() && scoresDropped(p, scoreAdjusted[i], policy)) {
                d = Decision.FAIL;
                Interval sd = p.scoreDifference().orElseThrow();
                failures.add(String.format(Locale.ROOT, "%s scores lower: %+.2f points (upper bound %+.2f, beyond the "
                                + "%.2f-point score margin), Wilcoxon Holm p %.3g", p.feature(), sd.estimate(),
                        sd.upper(), policy.scoreMargin(), scoreAdjusted[i]));
            } else if (p.lower() >= -policy.margin() - 1e-12) {
                d = Decision.PASS;
            } else if (adjusted[i] < policy.alpha()) {
                d = Decision.FAIL;
                failures.add(String.format(Locale.ROOT, "%s is worse: %+.1f points (lower bound %+.1f), Holm p %.3g",
                        p.feature(), 100 * p.difference(), 100 * p.lower(), adjusted[i]));
            } else {
                d = Decision.INCONCLUSIVE;
                open.add(String.format(Locale.ROOT, "%s: %+.1f points, lower bound %+.1f below -%.1f, not "
                        + "significantly worse (Holm p %.3g)", p.feature(), 100 * p.difference(), 100 * p.lower(),
                        100 * policy.margin(), adjusted[i]));
            }
            features.add(p.verdict(adjusted[i], breached, d));
        }
        failures.addAll(severityFloorBreaches(used, policy));
        Decision decision = !failures.isEmpty() ? Decision.FAIL
                : open.isEmpty() ? Decision.PASS : Decision.INCONCLUSIVE;

        Pairs all = Pairs.of(OVERALL, used, CaseOutcome::cluster, policy);
        FeatureVerdict overall = all.verdict(all.worseP(), features.stream().anyMatch(FeatureVerdict::floorBreached),
                decision);
        int discordant = all.baselineOnly() + all.candidateOnly();
        PowerEstimate power = discordant == 0
                ? power(used.size(), Power.PLANNING_DISCORDANT_SHARE, policy)
                : power(used.size(), (double) discordant / used.size(), policy);
        String reason = switch (decision) {
            case FAIL -> "the candidate is worse: " + String.join("; ", failures);
            case PASS -> String.format(Locale.ROOT, "the candidate is non-inferior on every feature (at most %.1f "
                    + "points worse at %.0f%% confidence)", 100 * policy.margin(), 100 * (1 - policy.alpha()));
            case INCONCLUSIVE -> "the cases cannot tell yet: " + String.join("; ", open)
                    + (power.canDetectMargin() ? "" : "; " + power.message());
        };
        return new GateVerdict(decision, features, overall, power, flaky, used.size(), stoppedEarly,
                reason + unmatchedFloors(policy, byFeature.keySet()) + unmatchedSeverityFloors(policy, used));
    }

    /**
     * The severities whose cases (over every feature) pass on the candidate less often than their floor: a critical
     * case failing is a failure of the gate whatever the baseline did, and however the pass rates compare.
     */
    static List<String> severityFloorBreaches(List<CaseOutcome> cases, GatePolicy policy) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(policy.severityFloors()).forEach((severity, floor) -> {
            List<CaseOutcome> of = cases.stream().filter(c -> severity.equalsIgnoreCase(c.severity())).toList();
            if (of.isEmpty()) {
                return;
            }
            double rate = (double) of.stream().filter(CaseOutcome::candidatePassed).count() / of.size();
            if (rate < floor - 1e-12) {
                out.add(String.format(Locale.ROOT, "%s cases pass %.1f%% (%d of %d), below their floor of %.1f%%",
                        severity, 100 * rate, of.stream().filter(CaseOutcome::candidatePassed).count(), of.size(),
                        100 * floor));
            }
        });
        return out;
    }

    /** A severity floor that no case carries is said, never silently ignored. */
    static String unmatchedSeverityFloors(GatePolicy policy, List<CaseOutcome> cases) {
        List<String> unmatched = policy.severityFloors().keySet().stream()
                .filter(s -> cases.stream().noneMatch(c -> s.equalsIgnoreCase(c.severity()))).sorted().toList();
        return unmatched.isEmpty() ? "" : "; no cases of severity " + String.join(", ", unmatched)
                + " for its floor";
    }

    /** Wilcoxon p of the scored features, Holm-adjusted over those features only; 1 where a feature has no scores. */
    private static double[] scoresAdjusted(List<Pairs> pairs) {
        double[] out = new double[pairs.size()];
        java.util.Arrays.fill(out, 1);
        List<Integer> scored = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).wilcoxonP().isPresent()) {
                scored.add(i);
            }
        }
        double[] adjusted = Holm.adjust(scored.stream().mapToDouble(i -> pairs.get(i).wilcoxonP().getAsDouble())
                .toArray());
        for (int k = 0; k < scored.size(); k++) {
            out[scored.get(k)] = adjusted[k];
        }
        return out;
    }

    /**
     * A score drop fails when it is significant (Holm-adjusted one-sided Wilcoxon below alpha) and beyond the margin
     * (the bootstrap's one-sided upper bound of candidate - baseline below -scoreMargin): both, so neither a tiny
     * significant drop on a big suite nor a large noisy one on a small suite fails alone.
     */
    private static boolean scoresDropped(Pairs p, double adjustedWilcoxonP, GatePolicy policy) {
        return p.scoreDifference().isPresent() && adjustedWilcoxonP < policy.alpha()
                && p.scoreDifference().get().upper() < -policy.scoreMargin() - 1e-12;
    }

    /** A floor naming no feature of the suite is most likely a typo: said in the reason, never silently ignored. */
    static String unmatchedFloors(GatePolicy policy, Set<String> features) {
        List<String> unmatched = policy.floors().keySet().stream().filter(f -> !features.contains(f)).sorted()
                .toList();
        return unmatched.isEmpty() ? "" : "; no cases for the floor of " + String.join(", ", unmatched);
    }

    /**
     * Minimum detectable effect of {@code cases} pairs at the policy's alpha and power (Connor 1987), and whether it
     * reaches the margin.
     */
    public static PowerEstimate power(int cases, double discordantShare, GatePolicy policy) {
        double mde = Power.minimumDetectableEffect(cases, discordantShare, policy.alpha(), policy.power());
        boolean can = mde <= policy.margin() + 1e-12;
        String message = can
                ? String.format(Locale.ROOT, "%d cases detect a drop of %.1f points (power %.0f%%, alpha %.2f, "
                        + "%.0f%% discordant), within the %.1f-point margin", cases, 100 * mde, 100 * policy.power(),
                policy.alpha(), 100 * discordantShare, 100 * policy.margin())
                : String.format(Locale.ROOT, "low power: %d cases detect only drops of %.1f points or more (power "
                        + "%.0f%%, alpha %.2f, %.0f%% discordant), not the %.1f-point margin; about %s cases would detect it",
                cases, 100 * mde, 100 * policy.power(), policy.alpha(), 100 * discordantShare, 100 * policy.margin(),
                neededText(policy, discordantShare));
        return new PowerEstimate(cases, discordantShare, mde, can, message);
    }

    private static String neededText(GatePolicy policy, double psi) {
        if (!(policy.margin() > 0) || policy.margin() * policy.margin() >= psi) {
            return "no number of";
        }
        return Integer.toString(Power.casesNeeded(policy.margin(), psi, policy.alpha(), policy.power()));
    }

    /** Inside a feature a case is its own cluster unless it names another one. */
    private static String withinFeature(CaseOutcome c) {
        return c.cluster().equals(c.feature()) ? "case " + c.caseId() : "cluster " + c.cluster();
    }

    /** One group's paired statistics, before Holm and the decision. */
    private record Pairs(String feature, int cases, double baselineRate, double candidateRate, double difference,
                         double lower, double upper, double worseP, OptionalDouble wilcoxonP, int baselineOnly,
                         int candidateOnly, Optional<Interval> scoreDifference) {
        static Pairs of(String feature, List<CaseOutcome> cases, Function<CaseOutcome, String> clusterOf,
                        GatePolicy policy) {
            int n = cases.size();
            int baselinePass = 0;
            int candidatePass = 0;
            int baselineOnly = 0;
            int candidateOnly = 0;
            double[] d = new double[n];
            String[] clusters = new String[n];
            List<Double> scoreDiffs = new ArrayList<>();
            List<String> scoreClusters = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CaseOutcome c = cases.get(i);
                boolean b = c.baselinePassed();
                boolean k = c.candidatePassed();
                baselinePass += b ? 1 : 0;
                candidatePass += k ? 1 : 0;
                baselineOnly += b && !k ? 1 : 0;
                candidateOnly += k && !b ? 1 : 0;
                d[i] = (k ? 1 : 0) - (b ? 1 : 0);
                clusters[i] = clusterOf.apply(c);
                if (c.baselineScore().isPresent() && c.candidateScore().isPresent()) {
                    scoreDiffs.add(c.candidateScore().getAsDouble() - c.baselineScore().getAsDouble());
                    scoreClusters.add(clusters[i]);
                }
            }
            double z = NORMAL.inverseCumulativeProbability(1 - policy.alpha());
            Interval tango = Tango.bounds(candidateOnly, baselineOnly, n, z);
            double deff = ClusterRobust.designEffect(d, clusters);
            long groups = java.util.Arrays.stream(clusters).distinct().count();
            // With shared clusters the evidence has G - 1 degrees of freedom (CR1 inference), not n: t, not z.
            double widen = groups < n && groups >= 2
                    ? Math.sqrt(deff) * new TDistribution(null, groups - 1).inverseCumulativeProbability(
                    1 - policy.alpha()) / z
                    : Math.sqrt(deff);
            double diff = tango.estimate();
            double lower = Math.max(-1, diff - widen * (diff - tango.lower()));
            double upper = Math.min(1, diff + widen * (tango.upper() - diff));
            if (groups < n && groups >= 2) {
                // The plain CR1 t-interval too, whichever is wider: the design effect is itself noisy.
                double t = new TDistribution(null, groups - 1).inverseCumulativeProbability(1 - policy.alpha());
                double se = Math.sqrt(ClusterRobust.varianceOfMean(d, clusters));
                lower = Math.max(-1, Math.min(lower, diff - t * se));
                upper = Math.min(1, Math.max(upper, diff + t * se));
            }
            double worse = McNemar.candidateWorse(baselineOnly, candidateOnly, deff);
            OptionalDouble wilcoxon = OptionalDouble.empty();
            Optional<Interval> scores = Optional.empty();
            if (!scoreDiffs.isEmpty()) {
                double[] sd = scoreDiffs.stream().mapToDouble(Double::doubleValue).toArray();
                wilcoxon = OptionalDouble.of(Wilcoxon.test(sd, Wilcoxon.Alternative.LESS, Wilcoxon.ZeroMethod.PRATT)
                        .p());
                scores = Optional.of(PairedBootstrap.interval(sd, scoreClusters.toArray(String[]::new),
                        policy.bootstrapResamples(), policy.seed(), policy.alpha()));
            }
            return new Pairs(feature, n, (double) baselinePass / n, (double) candidatePass / n, diff, lower, upper,
                    worse, wilcoxon, baselineOnly, candidateOnly, scores);
        }

        FeatureVerdict verdict(double adjustedP, boolean floorBreached, Decision decision) {
            return new FeatureVerdict(feature, cases, baselineRate, candidateRate, difference, lower, upper, worseP,
                    wilcoxonP, adjustedP, floorBreached, decision, baselineOnly, candidateOnly, scoreDifference);
        }
    }
}
