package dev.llmmon.metrics;

import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;

/**
 * Mergeable aggregation state of one group. Everything in it is a sum or a digest, so merging partial states
 * gives exactly the state of the whole input (for exact latencies; a sketch merges within its error).
 */
final class WindowAccumulator {
    long requests;
    long errors;
    long refusals;
    // exact sums that cannot overflow: two counts of 2^63 tokens give a mean of 2^63, not -1
    final ExactSum inputTokens = new ExactSum();
    final ExactSum outputTokens = new ExactSum();
    long tokensUnknown; // requests whose log carried no usage: their 0 placeholders are not in the sums
    final ExactSum cachedInputTokens = new ExactSum(); // over requests that reported them
    long cachedInputKnown;
    final ExactSum reasoningTokens = new ExactSum();
    long reasoningKnown;
    final ExactSum costNanoUsd = new ExactSum(); // over requests with a known cost; integer nano-dollars so merging is exact in any order
    long costKnown;
    long costUnknown;
    final LatencyDigest latencies;
    // requests (not signals) that received each kind of signal
    long withThumbsUp;
    long withThumbsDown;
    long withCorrection;
    long withFollowUp;
    long withRetry;
    long abandoned;

    WindowAccumulator(LatencyDigest latencies) {
        this.latencies = latencies;
    }

    void add(RequestRecord r, Double cost, int signalMask) {
        requests++;
        if (r.isError()) {
            errors++;
        }
        if (r.isRefusal()) {
            refusals++;
        }
        if (r.tokensKnown()) {
            inputTokens.add(r.inputTokens());
            outputTokens.add(r.outputTokens());
        } else {
            tokensUnknown++;
        }
        if (r.cachedInputTokens() != null) {
            cachedInputTokens.add(r.cachedInputTokens());
            cachedInputKnown++;
        }
        if (r.reasoningTokens() != null) {
            reasoningTokens.add(r.reasoningTokens());
            reasoningKnown++;
        }
        if (cost != null) {
            costNanoUsd.addScaled(cost, 9);
            costKnown++;
        } else {
            costUnknown++;
        }
        if (r.latencyMeasured()) { // a fake latency (a failure logged with start = end) would drag percentiles down
            latencies.add(r.latencyMs());
        }
        if (signalMask != 0) {
            boolean up = SignalCounts.has(signalMask, SignalType.THUMBS_UP);
            boolean down = SignalCounts.has(signalMask, SignalType.THUMBS_DOWN);
            // a request with both (the user changed their mind) counts as explicit feedback once, and as negative
            if (up && !down) {
                withThumbsUp++;
            }
            if (down) {
                withThumbsDown++;
            }
            if (SignalCounts.has(signalMask, SignalType.CORRECTION)) {
                withCorrection++;
            }
            if (SignalCounts.has(signalMask, SignalType.FOLLOW_UP)) {
                withFollowUp++;
            }
            if (SignalCounts.has(signalMask, SignalType.RETRY)) {
                withRetry++;
            }
            if (SignalCounts.has(signalMask, SignalType.ABANDONED)) {
                abandoned++;
            }
        }
    }

    void merge(WindowAccumulator o) {
        requests += o.requests;
        errors += o.errors;
        refusals += o.refusals;
        inputTokens.merge(o.inputTokens);
        outputTokens.merge(o.outputTokens);
        tokensUnknown += o.tokensUnknown;
        cachedInputTokens.merge(o.cachedInputTokens);
        cachedInputKnown += o.cachedInputKnown;
        reasoningTokens.merge(o.reasoningTokens);
        reasoningKnown += o.reasoningKnown;
        costNanoUsd.merge(o.costNanoUsd);
        costKnown += o.costKnown;
        costUnknown += o.costUnknown;
        latencies.merge(o.latencies);
        withThumbsUp += o.withThumbsUp;
        withThumbsDown += o.withThumbsDown;
        withCorrection += o.withCorrection;
        withFollowUp += o.withFollowUp;
        withRetry += o.withRetry;
        abandoned += o.abandoned;
    }
}
