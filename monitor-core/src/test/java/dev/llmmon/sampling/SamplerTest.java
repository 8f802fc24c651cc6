package dev.llmmon.sampling;

import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplerTest {

    @Test
    void matchesThePythonVectors() {
        assertThat(Sampler.value("r-000006")).isEqualTo(0.02128);
        assertThat(Sampler.value("r-000013")).isEqualTo(0.02282);
        assertThat(Sampler.value("r-000001")).isEqualTo(0.05753);
        assertThat(Sampler.value("r-000042")).isEqualTo(0.05123);

        assertThat(Sampler.isSampled("r-000006", 0.05)).isTrue();
        assertThat(Sampler.isSampled("r-000013", 0.05)).isTrue();
        assertThat(Sampler.isSampled("r-000001", 0.05)).isFalse();
        assertThat(Sampler.isSampled("r-000042", 0.05)).isFalse();
        assertThat(Sampler.isSampled("r-000001", 0.06)).isTrue();
        assertThat(Sampler.isSampled("r-000042", 0.06)).isTrue();
    }

    @Test
    void sampledShareIsCloseToTheRate() {
        int sampled = 0;
        for (int i = 0; i < 20_000; i++) {
            if (Sampler.isSampled("r-" + i, 0.1)) {
                sampled++;
            }
        }
        // binomial sd = sqrt(20000 * 0.1 * 0.9) ≈ 42; 5 sd either side
        assertThat(sampled).isBetween(2000 - 212, 2000 + 212);
    }

    @Test
    void policyAppliesFeatureRatesSignalsAndErrors() {
        SamplingPolicy policy = SamplingPolicy.of(0.05).withFeatureRate("summarize", 0.06);
        assertThat(policy.decide(record("r-000001", "chat", null), Set.of())).isEqualTo(SampleDecision.NOT_SAMPLED);
        assertThat(policy.decide(record("r-000001", "summarize", null), Set.of())).isEqualTo(SampleDecision.SAMPLED);
        assertThat(policy.decide(record("r-000001", "chat", null), Set.of(SignalType.THUMBS_DOWN)))
                .isEqualTo(SampleDecision.ALWAYS_JUDGE);
        assertThat(policy.decide(record("r-000001", "chat", null), Set.of(SignalType.CORRECTION)))
                .isEqualTo(SampleDecision.ALWAYS_JUDGE);
        assertThat(policy.decide(record("r-000001", "chat", null), Set.of(SignalType.THUMBS_UP)))
                .isEqualTo(SampleDecision.NOT_SAMPLED);
        assertThat(policy.decide(record("r-000006", "chat", "boom"), Set.of(SignalType.THUMBS_DOWN)))
                .isEqualTo(SampleDecision.EXCLUDED_ERROR);
        assertThat(policy.withIncludeErrors(true).decide(record("r-000006", "chat", "boom"), Set.of()))
                .isEqualTo(SampleDecision.SAMPLED);
    }

    @Test
    void rejectsRatesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> SamplingPolicy.of(1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> SamplingPolicy.of(0.1).withFeatureRate("x", -0.1)).hasMessageContaining("feature x");
    }

    static RequestRecord record(String id, String feature, String error) {
        return new RequestRecord(id, Instant.parse("2026-11-20T13:00:00Z"), feature, "gpt-4o", 100, 10, 10, null,
                error == null ? FinishReason.END_TURN : FinishReason.ERROR, error, null, "q", "a", null, null);
    }
}
