/**
 * Eval cases in your own Jupiter tests: {@link dev.llmmon.evalcases.EvalCaseSource} gives a
 * {@code @ParameterizedTest} one {@link dev.llmmon.evals.EvalCase} per case of a classpath folder, so your
 * application code (not only the model) is driven with last week's flagged inputs.
 */
package dev.llmmon.evalcases;
