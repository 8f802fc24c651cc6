package dev.llmmon.embeddings;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.drift.InputDrift;
import dev.llmmon.drift.InputDriftDetector;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.demo.DemoSummary;
import dev.llmmon.demo.Incident;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo week's Black Friday questions, found offline in embedding space. */
class DemoInputDriftTest {
    @TempDir
    Path dir;

    @Test
    void theBlackFridayInputsDriftOnTheirDayAndNothingDriftsBefore() throws Exception {
        DemoSummary demo = DemoDataGenerator.write(dir, DemoOptions.defaults());
        Incident drift = demo.incidents().stream().filter(i -> i.metric().equals("input_drift")).findFirst()
                .orElseThrow();
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of("requests.jsonl")),
                List.of(new InputDriftDetector(InputDrift.Plan.defaults(), embedder)));
        InputDrift.Result found = result.state(InputDrift.class).orElseThrow().detect(embedder);
        found.checks().forEach(c -> System.out.printf("%s %s n=%d mmd2=%.4f p=%.3f outliers=%.2f (ref %.2f) %s%n",
                c.feature(), c.day(), c.inputs(), c.mmd2(), c.pValue(), c.outlierRate(), c.referenceOutlierRate(),
                c.drift() ? "DRIFT" : ""));
        List<Alert> alerts = found.alerts();
        assertThat(alerts).allSatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.INPUT_DRIFT));
        assertThat(alerts).filteredOn(a -> a.feature().equals(drift.featureId()))
                .singleElement().satisfies(a -> assertThat(a.windowStart()).isEqualTo(drift.start()));
        assertThat(alerts).noneMatch(a -> a.windowStart().isBefore(drift.start()));
    }
}
