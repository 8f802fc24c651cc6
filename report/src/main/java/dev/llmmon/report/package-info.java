/**
 * Rendering of what core computed, for people and dashboards: {@link dev.llmmon.report.Reports} writes the chosen
 * {@link dev.llmmon.report.ReportFormat}s of a monitor run ({@code report.json}, {@code report.md},
 * {@code metrics.prom}) into a folder, {@link dev.llmmon.report.AlertCharts} draws a control-chart picture per alert,
 * {@link dev.llmmon.report.ConsoleTable} is the build log's table. (The judge goal's {@code judge.json} is core's
 * {@link dev.llmmon.judge.JudgeDocument}, written by the judge job itself.) Core never calls this package: callers run it after core's work.
 */
package dev.llmmon.report;
