package dev.llmmon.metrics;

import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;

import static dev.llmmon.metrics.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sums per window never overflow: readers bound every value, but records built by callers are not bounded, and a
 * sum of many bounded values can still pass 2^63. Before, two counts of 2^63 - 1 tokens gave a negative mean
 * and two costs of 1e308 a negative total.
 */
class SumOverflowTest {
    private static RequestRecord record(String id, long inputTokens, long outputTokens, Double cost) {
        return new RequestRecord(id, T0, "f", "m", 10, inputTokens, outputTokens, cost, FinishReason.END_TURN, null,
                null, null, null, null, Map.of());
    }

    private static WindowMetrics only(WindowAggregation agg) {
        return agg.metrics().stream().filter(w -> !w.key().isRollup() && !w.key().isSliced()).findFirst().orElseThrow();
    }

    @Test
    void twoTokenCountsOfTwoToTheSixtyThirdMinusOneHaveThatMean() {
        WindowAggregation agg = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        agg.accept(record("a", Long.MAX_VALUE, Long.MAX_VALUE, 1.0));
        agg.accept(record("b", Long.MAX_VALUE, 1, 1.0));
        WindowMetrics w = only(agg);
        assertThat(w.meanInputTokens()).isEqualTo((double) Long.MAX_VALUE);
        double expectedOutput = new BigInteger(Long.toString(Long.MAX_VALUE)).add(BigInteger.ONE).doubleValue() / 2;
        assertThat(w.meanOutputTokens()).isEqualTo(expectedOutput).isPositive();
    }

    @Test
    void twoCostsOf1e308SumTo2e308NotANegativeNumber() {
        WindowAggregation agg = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        agg.accept(record("a", 1, 1, 1e308));
        agg.accept(record("b", 1, 1, 1e308));
        WindowMetrics w = only(agg);
        // 2e308 is beyond the largest double: the honest total is +infinity (readers reject such costs up front)
        assertThat(w.costTotalUsd()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(w.costPerRequestUsd()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void costsBeyondLongNanoDollarsAreSummedExactly() {
        WindowAggregation agg = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        // 9e9 USD is 9e18 nano-USD: two of them pass Long.MAX_VALUE (9.22e18)
        agg.accept(record("a", 1, 1, 9e9));
        agg.accept(record("b", 1, 1, 9e9));
        agg.accept(record("c", 1, 1, 0.5));
        WindowMetrics w = only(agg);
        assertThat(w.costTotalUsd()).isEqualTo(18_000_000_000.5);
        assertThat(w.costPerRequestUsd()).isEqualTo(18_000_000_000.5 / 3);
    }

    @Test
    void mergedPartsGiveTheSameExactSums() {
        WindowAggregation a = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        WindowAggregation b = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        a.accept(record("a", Long.MAX_VALUE, 3, 9e9));
        b.accept(record("b", Long.MAX_VALUE, 5, 9e9));
        a.merge(b);
        WindowMetrics w = only(a);
        assertThat(w.meanInputTokens()).isEqualTo((double) Long.MAX_VALUE);
        assertThat(w.meanOutputTokens()).isEqualTo(4);
        assertThat(w.costTotalUsd()).isEqualTo(18e9);
    }
}
