/**
 * LLM-as-judge: rubric, prompt and reply parsing, the resumable judgement store, a judge run over sampled records,
 * quality series, judge/human agreement, and the {@code judge.json} document.
 */
package dev.llmmon.judge;
