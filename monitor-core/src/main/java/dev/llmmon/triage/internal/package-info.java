/**
 * The triage job's parts: reading the logs into rows, what counts as a bad outcome per metric, slice scoping,
 * change-point estimation, change-event inference, the review-bundle sampler and the writers.
 */
package dev.llmmon.triage.internal;
