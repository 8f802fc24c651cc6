package dev.llmmon.report;

import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;
import dev.llmmon.report.internal.HtmlReport;
import dev.llmmon.report.internal.JsonReport;
import dev.llmmon.report.internal.MarkdownReport;
import dev.llmmon.report.internal.PrometheusReport;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes the chosen reports of a monitor run into one folder. */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes the chosen reports into {@code dir} and, when {@code stepSummary} is given (GitHub Actions'
     * {@code $GITHUB_STEP_SUMMARY}), appends the Markdown report to it. The Markdown is rendered once for both.
     *
     * @param detection the detection run's outcome, {@code null} when detection was off
     * @return the report files written in {@code dir}
     */
    public static List<Path> write(Path dir, Set<ReportFormat> formats, MonitorResult result,
                                   List<Thresholds.Violation> violations, DetectionJob.Outcome detection,
                                   Path stepSummary)
            throws IOException {
        Files.createDirectories(dir);
        String markdown = formats.contains(ReportFormat.MARKDOWN) || stepSummary != null
                ? MarkdownReport.render(result, violations, detection)
                : null;
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats) {
            Path file = dir.resolve(format.fileName());
            switch (format) {
                case JSON -> {
                    try (Writer w = Files.newBufferedWriter(file)) {
                        JsonReport.write(result, violations, w);
                    }
                }
                case MARKDOWN -> Files.writeString(file, markdown);
                case PROMETHEUS -> Files.writeString(file, PrometheusReport.render(result));
                case HTML -> Files.writeString(file, HtmlReport.render(result, violations, detection));
            }
            written.add(file);
        }
        if (stepSummary != null) {
            Files.writeString(stepSummary, markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return written;
    }
}
