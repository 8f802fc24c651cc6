package dev.llmmon.report.internal;

import dev.llmmon.charting.Detection;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import dev.llmmon.series.SeriesKey;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmmon.alert.Alert;
import dev.llmmon.charting.Detection;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import dev.llmmon.series.SeriesKey;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.alert.SyntheticWindows;
import dev.llmmon.metrics.WindowMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertChartTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    @TempDir
    Path dir;

    @Test
    void eachAlertGetsAPngWithEveryChartedWindowAndItsEvidenceMarked() throws Exception {
        List<WindowMetrics> windows = new SyntheticWindows(21).hours(0, 100, h -> h >= 80 && h < 84, 0.12,
                h -> h >= 90, 400);
        DetectionReport report = Detection.run(DetectionPlan.defaults(), windows, List.of());
        assertThat(report.alerts()).extracting(Alert::metric).contains("error_rate", "latency_p95_ms");

        for (Alert alert : report.alerts()) {
            SeriesRun run = report.run(new SeriesKey(alert.feature(), alert.model(),
                    SeriesMetric.parse(alert.metric()).orElseThrow())).orElseThrow();
            Path file = (System.getProperty("llmmon.chartDir") == null ? dir : Path.of(System.getProperty("llmmon.chartDir"))).resolve(alert.metric() + "-" + alert.id() + ".png");
            AlertChart.Picture picture = AlertChart.writePng(run, alert, file, 800, 400);

            byte[] bytes = Files.readAllBytes(file);
            assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(400);
            assertThat(picture.points()).isEqualTo(100); // 30 baseline + 70 monitored hours, none skipped
            assertThat(picture.marked()).isEqualTo(alert.evidence().size()).isPositive();
        }
    }
}
