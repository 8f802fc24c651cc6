package dev.llmmon.monitor;

import dev.llmmon.drift.InputDrift;
import dev.llmmon.drift.DailyColumns;
import dev.llmmon.drift.ProviderChangeDetector;
import dev.llmmon.ingest.Ingest;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.SignalReader;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SignalIndex;
import dev.llmmon.metrics.WindowAggregation;
import dev.llmmon.metrics.WindowMetrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Runs the monitor: reads signals, streams the request logs through the window aggregation, reports the input. */
public final class Monitor {
    /** Provider-side changes are looked for day by day ... */
    static final java.time.Duration PROVIDER_WINDOW = java.time.Duration.ofDays(1);
    /** ... a day is compared with the pooled previous week of the same model and feature ... */
    static final int PROVIDER_REFERENCE_DAYS = 7;
    /** ... when both have at least this many requests. */
    static final long PROVIDER_MIN_REQUESTS = 100;

    private Monitor() {
    }

    public static MonitorResult run(MonitorConfig config) throws IOException {
        long started = System.nanoTime();
        PricingTable pricing = config.pricingFile() == null
                ? PricingTable.defaults()
                : PricingTable.defaultsWith(config.baseDir().resolve(config.pricingFile()));

        SignalIndex signals = new SignalIndex();
        Rejections signalRejections = Rejections.of(config.strict());
        List<Path> signalFiles = config.signals().isEmpty()
                ? List.of()
                : InputFiles.expand(config.baseDir(), config.signals());
        SignalReader signalReader = new SignalReader();
        for (Path file : signalFiles) {
            try (InputStream in = InputFiles.open(file)) {
                signalReader.read(in, file.toString(), signals::add, signalRejections);
            }
        }

        List<Path> files = InputFiles.expand(config.baseDir(), config.logs());
        // text is decoded only when input drift samples it
        Function<Path, LogReader> readerFor = LogReaders.chooser(config, config.inputDrift() != null);
        WindowAggregation aggregation = new WindowAggregation(config.aggregation(), pricing);
        Rejections rejections = Rejections.of(config.strict());
        // silent provider-side changes are judged per model and day, whatever the report window
        ProviderChangeDetector providerChanges = new ProviderChangeDetector(PROVIDER_WINDOW);
        InputDrift inputDrift = config.inputDrift() == null ? null : new InputDrift(config.inputDrift());
        DailyColumns columns = new DailyColumns();
        Ingest.Stats stats = new Ingest(Ingest.Options.defaults().withThreads(Math.max(1, config.threads())))
                .run(files, readerFor, r -> {
                    aggregation.add(r, signals);
                    providerChanges.add(r);
                    columns.add(r);
                    if (inputDrift != null) {
                        inputDrift.add(r);
                    }
                }, rejections);

        List<WindowMetrics> windows = aggregation.metrics();
        Set<String> unpriced = new TreeSet<>();
        for (WindowMetrics w : windows) {
            if (!w.key().isRollup() && w.costUnknownRequests() > 0) {
                unpriced.add(w.modelId());
            }
        }
        QualitySeries quality = null;
        if (config.judgements() != null) {
            Path store = config.baseDir().resolve(config.judgements());
            if (!Files.isRegularFile(store)) {
                throw new IllegalArgumentException("judgement store " + store + " does not exist (llmmon.judgements)");
            }
            quality = QualitySeries.compute(JudgementStore.read(store).latest(),
                    config.aggregation().window().duration(), true);
        }
        return new MonitorResult(config.aggregation(), windows, stats, rejections, signalFiles, signals.size(),
                signals.orphaned(), signalRejections, Set.copyOf(unpriced), pricing.source(),
                Duration.ofNanos(System.nanoTime() - started), quality,
                providerChanges.suspectedChanges(PROVIDER_REFERENCE_DAYS, PROVIDER_MIN_REQUESTS), inputDrift,
                columns.columns());
    }
}
