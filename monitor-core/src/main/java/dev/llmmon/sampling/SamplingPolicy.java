package dev.llmmon.sampling;

import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which requests are judged: a default rate, per-feature rates (stratified sampling), signals that force a
 * judgement, and whether failed calls are judged at all.
 *
 * @param defaultRate        rate for features without their own, in [0, 1]
 * @param featureRates       feature id to rate, in [0, 1]
 * @param alwaysJudgeSignals requests carrying any of these signals are judged whatever the rate
 * @param includeErrors      false skips failed calls (there is usually no output worth judging)
 */
public record SamplingPolicy(double defaultRate, Map<String, Double> featureRates, Set<SignalType> alwaysJudgeSignals,
                             boolean includeErrors) {

    public SamplingPolicy {
        checkRate(defaultRate, "default rate");
        featureRates = Map.copyOf(Objects.requireNonNull(featureRates, "featureRates"));
        featureRates.forEach((feature, rate) -> checkRate(rate, "rate of feature " + feature));
        alwaysJudgeSignals = alwaysJudgeSignals.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alwaysJudgeSignals));
    }

    /** A rate for every feature, thumbs-down and corrections always judged, errors excluded. */
    public static SamplingPolicy of(double rate) {
        return new SamplingPolicy(rate, Map.of(), EnumSet.of(SignalType.THUMBS_DOWN, SignalType.CORRECTION), false);
    }

    public SamplingPolicy withFeatureRate(String featureId, double rate) {
        var rates = new java.util.HashMap<>(featureRates);
        rates.put(featureId, rate);
        return new SamplingPolicy(defaultRate, rates, alwaysJudgeSignals, includeErrors);
    }

    public SamplingPolicy withIncludeErrors(boolean include) {
        return new SamplingPolicy(defaultRate, featureRates, alwaysJudgeSignals, include);
    }

    public SamplingPolicy withAlwaysJudge(Set<SignalType> signals) {
        return new SamplingPolicy(defaultRate, featureRates, signals, includeErrors);
    }

    /**
     * The same policy always judging the signals named in {@code names} (comma-separated, e.g.
     * {@code thumbs_down,correction}; blank: none).
     *
     * @param source names the setting in the error about an unknown signal
     */
    public SamplingPolicy withAlwaysJudge(String names, String source) {
        Set<SignalType> signals = EnumSet.noneOf(SignalType.class);
        for (String name : names == null ? new String[0] : names.split(",")) {
            if (!name.isBlank()) {
                signals.add(SignalType.parse(name).orElseThrow(() -> new IllegalArgumentException(
                        "unknown signal type '" + name.trim() + "' in " + source)));
            }
        }
        return withAlwaysJudge(signals);
    }

    /**
     * The same policy with per-feature rates given as text (a POM's {@code <featureRates>}).
     *
     * @throws NumberFormatException when a rate is not a number
     */
    public SamplingPolicy withFeatureRates(Map<String, String> rates) {
        SamplingPolicy out = this;
        for (Map.Entry<String, String> e : rates.entrySet()) {
            out = out.withFeatureRate(e.getKey(), Double.parseDouble(e.getValue().trim()));
        }
        return out;
    }

    public double rateFor(String featureId) {
        return featureRates.getOrDefault(featureId, defaultRate);
    }

    /** The decision for one request given the signals users left on it (empty when none). */
    public SampleDecision decide(RequestRecord record, Set<SignalType> signals) {
        if (record.isError() && !includeErrors) {
            return SampleDecision.EXCLUDED_ERROR;
        }
        for (SignalType signal : signals) {
            if (alwaysJudgeSignals.contains(signal)) {
                return SampleDecision.ALWAYS_JUDGE;
            }
        }
        return Sampler.isSampled(record.requestId(), rateFor(record.featureId()))
                ? SampleDecision.SAMPLED : SampleDecision.NOT_SAMPLED;
    }

    private static void checkRate(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], was " + rate);
        }
    }
}
