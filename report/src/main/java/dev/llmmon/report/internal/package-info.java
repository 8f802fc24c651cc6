/**
 * Internal: the renderers behind {@code dev.llmmon.report} (Markdown, OpenMetrics text, the JFreeChart picture) and the
 * document types that fix the JSON files' field names and order ({@link dev.llmmon.report.internal.ReportDocument}, whose
 * quality series is core's {@link dev.llmmon.judge.JudgeDocument.Point}). Not an API; it may change in any release.
 */
package dev.llmmon.report.internal;
