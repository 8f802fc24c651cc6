package dev.llmmon.probes.spi;

import java.util.Objects;

/**
 * The outcome of one check on one answer.
 *
 * @param status passed, failed, or skipped (a check that could not run, e.g. no embedder configured; skipped checks
 *               count neither for nor against the answer)
 * @param detail what was seen, or why the check was skipped
 * @param value  the measured number when there is one (cosine, score, latency ms, length), else {@code null}
 */
public record CheckResult(Status status, String detail, Double value) {
    public enum Status { PASSED, FAILED, SKIPPED }

    public CheckResult {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static CheckResult pass(String detail) {
        return new CheckResult(Status.PASSED, detail, null);
    }

    public static CheckResult fail(String detail) {
        return new CheckResult(Status.FAILED, detail, null);
    }

    public static CheckResult skip(String reason) {
        return new CheckResult(Status.SKIPPED, reason, null);
    }

    public static CheckResult of(boolean passed, String detail, Double value) {
        return new CheckResult(passed ? Status.PASSED : Status.FAILED, detail, value);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
