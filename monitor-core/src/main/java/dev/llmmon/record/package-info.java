/**
 * The values every reader produces and every collector consumes: one model call ({@link dev.llmmon.record.RequestRecord}),
 * a user's signal about it, a team's change event. Immutable, with no behaviour beyond their own checks.
 */
package dev.llmmon.record;
