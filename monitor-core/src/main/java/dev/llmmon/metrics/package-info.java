/**
 * Per-window metrics: the mergeable aggregation of request records per window, feature, model and slice, latency digests and the pricing table.
 */
package dev.llmmon.metrics;
