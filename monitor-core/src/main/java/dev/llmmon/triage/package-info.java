/**
 * {@code llmmon:triage} in core: from one alert (or a feature and a time range) to a post-mortem. {@link
 * dev.llmmon.triage.TriageJob} samples a redacted review bundle ({@link dev.llmmon.triage.ReviewBundle}), scopes the
 * regression to the slices that explain it (risk ratios with a multiple-testing correction), isolates its change
 * point and the change events near it, prepares the {@code export-evals} and {@code gate} commands, and writes
 * {@code triage.json} and {@code triage.md}.
 */
package dev.llmmon.triage;
