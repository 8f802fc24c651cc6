/**
 * Rendering of what core computed, for people and dashboards: {@link dev.llmmon.report.Reports} writes the chosen
 * {@link dev.llmmon.report.ReportFormat}s of a monitor run ({@code report.json}, {@code report.md},
 * {@code metrics.prom}) into a folder, {@link dev.llmmon.report.AlertCharts} draws a control-chart picture per alert,
 * {@link dev.llmmon.report.ConsoleTable} is the build log's table and {@link dev.llmmon.report.QualityReport} the
 * judge goal's {@code judge.json}. Core never calls this package: callers run it after core's work.
 */
package dev.llmmon.report;
