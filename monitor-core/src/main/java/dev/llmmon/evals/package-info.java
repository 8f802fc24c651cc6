/**
 * Eval cases: flagged production answers (or hand-written cases) as reviewed test files. The model
 * ({@link dev.llmmon.evals.EvalCase} with its {@link dev.llmmon.evals.Provenance}), the schema-validating reader
 * ({@link dev.llmmon.evals.EvalCaseReader}, schema {@value dev.llmmon.evals.EvalCaseReader#SCHEMA_RESOURCE}) and the
 * YAML writer ({@link dev.llmmon.evals.EvalCaseWriter}). The exporter that writes them from the judgement store is
 * {@code dev.llmmon.evals.export}; the probes engine runs them.
 */
package dev.llmmon.evals;
