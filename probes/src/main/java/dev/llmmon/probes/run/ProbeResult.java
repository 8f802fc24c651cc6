package dev.llmmon.probes.run;

import dev.llmmon.probes.spi.CheckResult;
import dev.llmmon.probes.spec.Probe;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/** All calls of one probe in one run, and the verdict. */
public record ProbeResult(Probe probe, String model, List<Attempt> attempts) {
    public ProbeResult {
        attempts = List.copyOf(attempts);
    }

    public PassRate passRate() {
        return PassRate.of((int) attempts.stream().filter(Attempt::passed).count(), attempts.size());
    }

    /** At least {@code min_pass_rate} of the calls passed. */
    public boolean passed() {
        PassRate r = passRate();
        // compare counts, not doubles: 4 of 5 passes min_pass_rate 0.8 exactly
        return r.trials() > 0 && r.passes() >= Math.ceil(probe.minPassRate() * r.trials() - 1e-9);
    }

    /**
     * No call got an answer (each failed after the client's retries: HTTP 5xx, timeouts, refused connections): the
     * endpoint was unavailable, and nothing is known about the model's behaviour.
     */
    public boolean unavailable() {
        return !attempts.isEmpty() && attempts.stream().allMatch(a -> a.error() != null);
    }

    /** Every check of every successful call was skipped: nothing was really tested. */
    public boolean nothingChecked() {
        return attempts.stream().allMatch(a -> a.error() == null
                && a.checks().values().stream().allMatch(c -> c.status() == CheckResult.Status.SKIPPED));
    }

    /**
     * Mean of the {@code rubric} checks' judge scores over every call (1-5); empty when no rubric check scored, e.g.
     * without a judge. The gate compares these per case between two models.
     */
    public OptionalDouble meanRubricScore() {
        Set<String> rubric = probe.checks().stream().filter(c -> c.type().equals("rubric")).map(c -> c.name())
                .collect(Collectors.toSet());
        return attempts.stream().flatMap(a -> a.checks().entrySet().stream())
                .filter(e -> rubric.contains(e.getKey()) && e.getValue().value() != null
                        && e.getValue().status() != CheckResult.Status.SKIPPED)
                .mapToDouble(e -> e.getValue().value()).average();
    }

    /** Mean latency of the successful calls in ms, {@code NaN} when none had one. */
    public double meanLatencyMs() {
        return attempts.stream().filter(a -> a.response() != null && a.response().latency() != null)
                .mapToDouble(a -> a.response().latency().toNanos() / 1e6).average().orElse(Double.NaN);
    }

    public long inputTokens() {
        return attempts.stream().filter(a -> a.response() != null).mapToLong(a -> a.response().usage().inputTokens()).sum();
    }

    public long outputTokens() {
        return attempts.stream().filter(a -> a.response() != null).mapToLong(a -> a.response().usage().outputTokens()).sum();
    }

    /** A multi-line account for a failure message: the verdict, then each failing call. */
    public String describe() {
        StringBuilder s = new StringBuilder(unavailable()
                ? String.format(Locale.ROOT, "probe %s: endpoint unavailable: none of %d call(s) got an answer",
                probe.id(), attempts.size())
                : String.format(Locale.ROOT, "probe %s: pass rate %s, required %.0f%%",
                probe.id(), passRate(), 100 * probe.minPassRate()));
        for (Attempt a : attempts) {
            if (a.passed()) {
                continue;
            }
            s.append("\n  repeat ").append(a.repeat() + 1).append(": ");
            if (a.error() != null) {
                s.append("call failed: ").append(a.error());
                continue;
            }
            String sep = "";
            for (var e : a.checks().entrySet()) {
                if (e.getValue().failed()) {
                    s.append(sep).append(e.getKey()).append(" failed: ").append(e.getValue().detail());
                    sep = "; ";
                }
            }
        }
        // the failure message reaches Allure's statusDetails and the Surefire XML: never with a key or an address
        return dev.llmmon.redact.Redactor.standard().redact(s.toString()).text();
    }
}
