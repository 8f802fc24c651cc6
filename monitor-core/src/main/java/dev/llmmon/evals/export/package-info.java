/**
 * {@code llmmon:export-evals} in core: flagged (or filtered) judgements and their requests become redacted eval-case
 * files ({@link dev.llmmon.evals.export.EvalExport}), exact and near-duplicate inputs merged ({@link
 * dev.llmmon.evals.export.MinHash}), ids from the redacted input so a re-export adds nothing, every file written
 * atomically, with a Markdown summary and a per-case redaction report.
 */
package dev.llmmon.evals.export;
