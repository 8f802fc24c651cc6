/**
 * Collector states as bytes: {@link dev.llmmon.state.StateCodec} writes a run's mergeable state (window
 * aggregation, the detectors' collectors, rejections) so that a distributed engine can ship partial states from
 * its workers to one place and merge them there, without making every class {@code Serializable}.
 */
package dev.llmmon.state;
