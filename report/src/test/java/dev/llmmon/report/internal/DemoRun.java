package dev.llmmon.report.internal;

import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo week monitored and charted as the demo command does (hourly windows, signals, judgements, change
 * events), optionally with one feature renamed to a hostile name in every file, so its name reaches the report
 * through the real readers, series, alerts and change events.
 */
record DemoRun(MonitorResult result, DetectionJob.Outcome outcome) {
    /** The demo's feature that {@link #of} can rename. */
    static final String RENAMED = "support-chat";
    /** A feature name that would end the data's script element and start one of its own if written unescaped. */
    static final String HOSTILE = "</script><script>alert(1)</script>";

    static DemoRun of(Path dir, String supportChatName) throws IOException {
        DemoDataGenerator.write(dir, DemoOptions.defaults());
        if (!RENAMED.equals(supportChatName)) {
            String quoted = "\"" + supportChatName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            for (String file : List.of(DemoDataGenerator.REQUESTS_FILE, DemoDataGenerator.SIGNALS_FILE,
                    DemoDataGenerator.CHANGES_FILE, DemoDataGenerator.JUDGEMENTS_FILE)) {
                Path path = dir.resolve(file);
                Files.writeString(path, Files.readString(path).replace("\"" + RENAMED + "\"", quoted));
            }
        }
        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of(DemoDataGenerator.REQUESTS_FILE))
                .withSignals(List.of(DemoDataGenerator.SIGNALS_FILE))
                .withJudgements(dir.resolve(DemoDataGenerator.JUDGEMENTS_FILE))
                .withAggregation(AggregationOptions.hourly().withSlices(List.of("query_category", "prompt_version"))));
        var changes = DetectionJob.readChanges(dir, List.of(DemoDataGenerator.CHANGES_FILE), Rejections.strict());
        DetectionJob.Outcome outcome = DetectionJob.run(result,
                new DetectionJob.Options(DetectionPlan.defaults(), changes), dir.resolve("out"), List.of());
        return new DemoRun(result, outcome);
    }
}
