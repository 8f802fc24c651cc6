/** Eval-case suites exported from flagged production traffic (not built yet). */
package dev.llmmon.evals;
