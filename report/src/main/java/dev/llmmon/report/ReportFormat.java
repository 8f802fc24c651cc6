package dev.llmmon.report;

import java.util.Locale;

/** The files a monitor run can write into its output folder. */
public enum ReportFormat {
    /** {@code report.json}: complete and machine-readable. */
    JSON("report.json"),
    /** {@code report.md}: short enough for a GitHub step summary. */
    MARKDOWN("report.md"),
    /** {@code metrics.prom}: Prometheus / OpenMetrics text exposition of the latest window per group. */
    PROMETHEUS("metrics.prom"),
    /** {@code report.html}: one self-contained page of charts with control limits, alerts and change events. */
    HTML("report.html");

    private final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static ReportFormat parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "markdown", "md" -> MARKDOWN;
            case "prometheus", "prom", "openmetrics" -> PROMETHEUS;
            case "html" -> HTML;
            default -> throw new IllegalArgumentException("unknown report format '" + name
                    + "': use json, markdown, prometheus or html");
        };
    }
}
