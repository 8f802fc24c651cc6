package dev.llmmon.gate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The gate in batches, stopping as soon as the verdict is clear, with an error rate that peeking does not inflate.
 * <p>
 * Two one-sided tests by betting (Waudby-Smith and Ramdas 2023, "Estimating means of bounded random variables by
 * betting"), on each case's pass/fail difference d = candidate - baseline in {-1, 0, 1}, cases pooled over features:
 * <ul>
 * <li>non-inferior: H0 "mean d &lt;= -margin", wealth = prod(1 + lambda (d + margin));</li>
 * <li>worse: H0 "mean d &gt;= 0", wealth = prod(1 - lambda d).</li>
 * </ul>
 * Each bet lambda &gt;= 0 is chosen from earlier cases only (aGRAPA: mean / (variance + mean^2), at most half the
 * largest safe bet), so under its null each wealth is a non-negative supermartingale and, by Ville's inequality, ever
 * reaching 1/alpha has probability at most alpha, however often one looks. After each batch: non-inferior wealth
 * &gt;= 1/alpha → PASS; else worse wealth &gt;= 1/alpha → FAIL. A floor breached by the cases seen so far fails the
 * verdict. Assumes the cases come in random order (the runner shuffles them with a fixed seed) and are independent:
 * clusters are not modelled here, so with strongly clustered suites use the fixed design. {@link #finish()} without a
 * crossing is INCONCLUSIVE: a last fixed-design look at full alpha would double the error rate.
 */
public final class SequentialGate {
    private final GatePolicy policy;
    private final List<CaseOutcome> seen = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Bet nonInferior;
    private final Bet worse;
    private GateVerdict stopped;

    private SequentialGate(GatePolicy policy) {
        this.policy = policy;
        this.nonInferior = new Bet(0.5 / (1 - policy.margin()));
        this.worse = new Bet(0.5);
    }

    public static SequentialGate start(GatePolicy policy) {
        return new SequentialGate(policy);
    }

    /** Adds one batch; present when the run may stop (then {@link GateVerdict#stoppedEarly()} is true). */
    public Optional<GateVerdict> add(List<CaseOutcome> batch) {
        if (stopped != null) {
            throw new IllegalStateException("the sequential gate already stopped after " + stopped.casesUsed()
                    + " cases; add no more batches");
        }
        for (CaseOutcome c : batch) {
            if (!ids.add(c.caseId())) {
                throw new IllegalArgumentException("case " + c.caseId() + " appears twice in the gate's outcomes");
            }
            seen.add(c);
            if (policy.quarantineFlaky() && c.flaky()) {
                continue;
            }
            int d = (c.candidatePassed() ? 1 : 0) - (c.baselinePassed() ? 1 : 0);
            nonInferior.observe(d + policy.margin());
            worse.observe(-d);
        }
        double threshold = 1 / policy.alpha();
        if (nonInferior.wealth() >= threshold) {
            stopped = verdict(Decision.PASS, true, String.format(Locale.ROOT, "non-inferior (at most %.1f points "
                    + "worse): evidence %.3g reached 1/alpha = %.0f", 100 * policy.margin(), nonInferior.wealth(),
                    threshold));
        } else if (worse.wealth() >= threshold) {
            stopped = verdict(Decision.FAIL, true, String.format(Locale.ROOT, "the candidate is worse: evidence "
                    + "%.3g reached 1/alpha = %.0f", worse.wealth(), threshold));
        }
        return Optional.ofNullable(stopped);
    }

    /** After the last batch: the stopping verdict if there was one, else INCONCLUSIVE (or FAIL on a floor). */
    public GateVerdict finish() {
        if (stopped != null) {
            return stopped;
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("the gate has no case outcomes to decide on");
        }
        return verdict(Decision.INCONCLUSIVE, false, String.format(Locale.ROOT, "no boundary crossed after all %d "
                        + "cases (non-inferiority evidence %.3g, worse evidence %.3g, boundary %.0f)", seen.size(),
                nonInferior.wealth(), worse.wealth(), 1 / policy.alpha()));
    }

    /** Evidence against "the candidate is worse than the margin" (an e-value; 1/alpha stops with PASS). */
    public double nonInferiorityEvidence() {
        return nonInferior.wealth();
    }

    /** Evidence against "the candidate is at least as good" (an e-value; 1/alpha stops with FAIL). */
    public double worseEvidence() {
        return worse.wealth();
    }

    private GateVerdict verdict(Decision sequential, boolean early, String why) {
        // The rows per feature are the fixed-design statistics of the cases so far: descriptive, not anytime-valid.
        GateVerdict rows = GateStatistics.decide(seen, policy, early);
        List<String> floors = rows.features().stream().filter(FeatureVerdict::floorBreached)
                .map(f -> String.format(Locale.ROOT, "%s passes %.1f%% of cases, below its floor of %.1f%%",
                        f.feature(), 100 * f.candidateRate(), 100 * policy.floors().get(f.feature())))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        floors.addAll(GateStatistics.severityFloorBreaches(seen, policy));
        Decision decision = floors.isEmpty() ? sequential : Decision.FAIL;
        String reason = (early ? "sequential: stopped after " + rows.casesUsed() + " cases, " : "sequential: ")
                + (floors.isEmpty() ? why : "the candidate is worse: " + String.join("; ", floors) + " (" + why + ")")
                + GateStatistics.unmatchedFloors(policy, rows.features().stream().map(FeatureVerdict::feature)
                .collect(java.util.stream.Collectors.toSet()))
                + GateStatistics.unmatchedSeverityFloors(policy, seen);
        FeatureVerdict o = rows.overall();
        FeatureVerdict overall = new FeatureVerdict(o.feature(), o.cases(), o.baselineRate(), o.candidateRate(),
                o.difference(), o.lower(), o.upper(), o.mcnemarP(), o.wilcoxonP(), o.adjustedP(), o.floorBreached(),
                decision, o.baselineOnly(), o.candidateOnly(), o.scoreDifference());
        return new GateVerdict(decision, rows.features(), overall, rows.power(), rows.flakyCases(), rows.casesUsed(),
                early, reason);
    }

    /** One bettor's wealth, in logs so a long run cannot overflow. */
    private static final class Bet {
        private final double maxBet;
        private int count;
        private double sum;
        private double sumSquares;
        private double logWealth;

        Bet(double maxBet) {
            this.maxBet = maxBet;
        }

        void observe(double y) {
            // Predictable: the bet uses only earlier cases; one pseudo-case at mean 0, variance 1/4 starts it at 0.
            double mean = sum / (count + 1);
            double variance = (0.25 + sumSquares - (count == 0 ? 0 : sum * sum / count)) / (count + 1);
            double lambda = Math.max(0, Math.min(maxBet, mean / (variance + mean * mean)));
            logWealth += Math.log1p(lambda * y);
            count++;
            sum += y;
            sumSquares += y * y;
        }

        double wealth() {
            return Math.exp(logWealth);
        }
    }
}
