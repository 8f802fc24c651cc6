package dev.llmmon.report;

import dev.llmmon.alert.Alert;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;

import java.io.IOException;
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

    public static List<Path> write(Path dir, Set<ReportFormat> formats, MonitorResult result,
                                   List<Thresholds.Violation> violations) throws IOException {
        return write(dir, formats, result, violations, List.of());
    }

    /** As above, with the alerts of a detection run in the Markdown report. */
    public static List<Path> write(Path dir, Set<ReportFormat> formats, MonitorResult result,
                                   List<Thresholds.Violation> violations, List<Alert> alerts) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats) {
            Path file = dir.resolve(format.fileName());
            switch (format) {
                case JSON -> JsonReport.writeTo(dir, result, violations);
                case MARKDOWN -> Files.writeString(file, MarkdownReport.render(result, violations, alerts));
                case PROMETHEUS -> Files.writeString(file, PrometheusReport.render(result));
            }
            written.add(file);
        }
        return written;
    }

    /** On GitHub Actions, appends the Markdown report to the job's step summary. */
    public static void appendGithubStepSummary(MonitorResult result, List<Thresholds.Violation> violations,
                                               List<Alert> alerts) throws IOException {
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            Files.writeString(Path.of(summary), MarkdownReport.render(result, violations, alerts),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
