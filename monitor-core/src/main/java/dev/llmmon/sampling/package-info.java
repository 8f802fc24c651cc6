/** Which requests are judged: deterministic per-request sampling by rate, always-judge signals, budget caps. */
package dev.llmmon.sampling;
