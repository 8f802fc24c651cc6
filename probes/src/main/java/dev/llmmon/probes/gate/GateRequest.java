package dev.llmmon.probes.gate;

import dev.llmmon.gate.GatePolicy;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.probes.ProbeRequest;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link GateLauncher} runs: the same suite as two {@link ProbeRequest}s (each side its own provider, base URL,
 * model, key and cassette; the same probes, repeat and judge), the statistics' policy, and where results and the
 * baseline cache go. Immutable; made with {@link #builder()}.
 */
public final class GateRequest {
    private final ProbeRequest baseline;
    private final ProbeRequest candidate;
    private final GatePolicy policy;
    private final Path outputDirectory;
    private final Path cacheDirectory;
    private final boolean failOnInconclusive;
    private final double expectedDiscordance;
    private final PricingTable pricing;
    private final Path stepSummary;

    private GateRequest(Builder b) {
        this.baseline = Objects.requireNonNull(b.baseline, "baseline");
        this.candidate = Objects.requireNonNull(b.candidate, "candidate");
        this.policy = Objects.requireNonNull(b.policy, "policy");
        this.outputDirectory = Objects.requireNonNull(b.outputDirectory, "outputDirectory");
        this.cacheDirectory = b.cacheDirectory;
        this.failOnInconclusive = b.failOnInconclusive;
        if (!(b.expectedDiscordance > 0 && b.expectedDiscordance <= 1)) {
            throw new IllegalArgumentException("expected discordant share must be in (0, 1], was " + b.expectedDiscordance);
        }
        this.expectedDiscordance = b.expectedDiscordance;
        this.pricing = b.pricing != null ? b.pricing : PricingTable.defaults();
        this.stepSummary = b.stepSummary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The suite on the current model. */
    public ProbeRequest baseline() {
        return baseline;
    }

    /** The suite on the model that would replace it. */
    public ProbeRequest candidate() {
        return candidate;
    }

    public GatePolicy policy() {
        return policy;
    }

    /** Where {@code gate.md} and {@code gate.json} go. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** Where baseline results are kept between runs; empty: nothing is reused or stored. */
    public Optional<Path> cacheDirectory() {
        return Optional.ofNullable(cacheDirectory);
    }

    /** An inconclusive verdict fails the run too (by default only a candidate found worse does). */
    public boolean failOnInconclusive() {
        return failOnInconclusive;
    }

    /** Share of cases assumed to pass on one side only, for the power estimate before anything runs. */
    public double expectedDiscordance() {
        return expectedDiscordance;
    }

    public PricingTable pricing() {
        return pricing;
    }

    /** A file {@code gate.md} is appended to (GitHub's {@code $GITHUB_STEP_SUMMARY}); empty: none. */
    public Optional<Path> stepSummary() {
        return Optional.ofNullable(stepSummary);
    }

    /** Builds a {@link GateRequest}. */
    public static final class Builder {
        private ProbeRequest baseline;
        private ProbeRequest candidate;
        private GatePolicy policy = GatePolicy.defaults();
        private Path outputDirectory = Path.of("target/llmmon");
        private Path cacheDirectory;
        private boolean failOnInconclusive;
        private double expectedDiscordance = 0.10;
        private PricingTable pricing;
        private Path stepSummary;

        private Builder() {
        }

        public Builder baseline(ProbeRequest request) {
            this.baseline = request;
            return this;
        }

        public Builder candidate(ProbeRequest request) {
            this.candidate = request;
            return this;
        }

        public Builder policy(GatePolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder outputDirectory(Path dir) {
            this.outputDirectory = dir;
            return this;
        }

        /** {@code null}: no baseline cache. */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        public Builder failOnInconclusive(boolean fail) {
            this.failOnInconclusive = fail;
            return this;
        }

        /** Default 0.10 (the share issue 11's power example assumes). */
        public Builder expectedDiscordance(double share) {
            this.expectedDiscordance = share;
            return this;
        }

        /** Default: core's built-in price table. */
        public Builder pricing(PricingTable table) {
            this.pricing = table;
            return this;
        }

        /** {@code null}: no step summary. */
        public Builder stepSummary(Path file) {
            this.stepSummary = file;
            return this;
        }

        public GateRequest build() {
            return new GateRequest(this);
        }
    }
}
