package dev.llmmon.report;

import dev.llmmon.alert.Alert;
import dev.llmmon.series.SeriesKey;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.report.internal.AlertChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The control-chart picture per alert of a detection run: {@code alerts/<alert id>.png} in the output folder, for
 * every control-chart alert whose series was charted (PNG, drawn headless). Neither {@code alerts.json}, the
 * Markdown report nor the webhook message names the pictures, so drawing them after the alerts were sent changes
 * nothing a reader sees.
 */
public final class AlertCharts {
    private AlertCharts() {
    }

    /** @return the pictures written, by alert id */
    public static Map<String, Path> write(Path outDir, DetectionJob.Outcome detection) throws IOException {
        Path dir = outDir.resolve("alerts");
        Map<String, Path> pictures = new HashMap<>();
        for (Alert alert : detection.report().alerts()) {
            Optional<SeriesRun> run = SeriesMetric.parse(alert.metric())
                    .flatMap(m -> detection.report().run(new SeriesKey(alert.feature(), alert.model(), m)));
            if (run.isPresent()) {
                Files.createDirectories(dir);
                pictures.put(alert.id(), AlertChart.writePng(run.get(), alert, dir.resolve(alert.id() + ".png")).file());
            }
        }
        return Map.copyOf(pictures);
    }
}
