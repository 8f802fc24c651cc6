/**
 * Internal: the renderers behind {@code dev.llmmon.report} (Markdown, OpenMetrics text, the JFreeChart picture) and the
 * document types that fix the JSON files' field names and order ({@link dev.llmmon.report.internal.ReportDocument},
 * {@link dev.llmmon.report.internal.QualityPointDocument}). Not an API; it may change in any release.
 */
package dev.llmmon.report.internal;
