package dev.llmmon.monitor;

import dev.llmmon.ingest.Ingest;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.internal.SignalReader;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SignalIndex;
import dev.llmmon.spi.Detector;
import dev.llmmon.metrics.WindowMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs the monitor: reads signals, streams the request logs through the window aggregation and the detectors'
 * collectors, reports the input.
 */
public final class Monitor {
    private Monitor() {
    }

    /** A run that collects the states of the standard detectors with default options. */
    public static MonitorResult run(MonitorConfig config) throws IOException {
        return run(config, Detectors.standard(DetectionJob.Options.defaults()));
    }

    /** A run that collects the per-record state of each of these detectors. */
    public static MonitorResult run(MonitorConfig config, List<Detector<?>> detectors) throws IOException {
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
        for (Path file : signalFiles) { // a file that cannot be read costs only itself
            signalReader.readFile(file, signals::add, signalRejections);
        }

        List<Path> files = InputFiles.expand(config.baseDir(), config.logs());
        // text is decoded only when a detector reads it
        Function<Path, LogReader> readerFor = LogReaders.chooser(config,
                detectors.stream().anyMatch(Detector::readsText));
        RunCollector collector = new RunCollector(config.aggregation(), pricing, signals, detectors);
        Rejections rejections = Rejections.of(config.strict());
        Ingest.Stats stats = new Ingest(Ingest.Options.defaults().withThreads(Math.max(1, config.threads()))
                .withTimeOutlierFloorDays(config.timeOutlierFloorDays()))
                .run(files, readerFor, collector::accept, rejections);

        List<WindowMetrics> windows = collector.windows().metrics();
        Set<String> unpriced = unpricedModels(windows);
        QualitySeries quality = quality(config, rejections);
        InputAccount input = new InputAccount(stats, rejections,
                new InputAccount.Signals(signalFiles, signals.size(), signals.orphaned(), signalRejections),
                unpriced, pricing.source(), Duration.ofNanos(System.nanoTime() - started));
        return new MonitorResult(config.aggregation(), windows, input, quality, collector.states());
    }

    /** Models with requests the pricing table could not price, over the per-model rows of {@code windows}. */
    public static Set<String> unpricedModels(List<WindowMetrics> windows) {
        Set<String> unpriced = new TreeSet<>();
        for (WindowMetrics w : windows) {
            if (!w.key().isRollup() && w.costUnknownRequests() > 0) {
                unpriced.add(w.modelId());
            }
        }
        return unpriced;
    }

    /**
     * The judge's quality series from the configured store, or {@code null} when none is configured. A store with no
     * usable score gets a {@linkplain Rejections#note note} (warned with the input notes; {@code strict} fails on it).
     * Every engine that runs a monitor (this class, the Spark job) reads the store through here.
     */
    public static QualitySeries quality(MonitorConfig config, Rejections rejections) throws IOException {
        if (config.judgements() == null) {
            return null;
        }
        Path store = config.baseDir().resolve(config.judgements());
        if (!Files.isRegularFile(store)) {
            throw new IllegalArgumentException("judgement store " + store + " does not exist (llmmon.judgements)");
        }
        JudgementStore.Loaded judgements = JudgementStore.read(store);
        String unusable = judgements.unusable();
        if (unusable != null) {
            rejections.note(store.toString(), unusable);
        }
        return QualitySeries.compute(judgements.latest(), config.aggregation().window().duration(), true);
    }
}
