package dev.llmmon.monitor;

import dev.llmmon.client.ModelClient;
import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.internal.SignalReader;
import dev.llmmon.judge.DimensionAgreement;
import dev.llmmon.judge.JudgeAgreement;
import dev.llmmon.judge.JudgeConfig;
import dev.llmmon.judge.JudgeProgress;
import dev.llmmon.judge.JudgeRun;
import dev.llmmon.judge.JudgeSummary;
import dev.llmmon.judge.Judgement;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sample-and-judge over the same logs the monitor reads: streams the records (with their text), keeps only those
 * the sampling policy selects (so memory grows with the sample, not the logs), judges what the store does not
 * already hold, and derives the quality series from everything in the store.
 */
public final class JudgeJob {
    /**
     * @param ingest      what was read
     * @param rejections  rejected input lines
     * @param summary     what the judge run did
     * @param quality     quality per window, feature and model, over every judgement in the store
     * @param storeBadLines unreadable lines in the store (a torn last line after a crash)
     * @param agreement   judge/human agreement per dimension, empty without human labels
     */
    public record Result(Ingest.Stats ingest, Rejections rejections, JudgeSummary summary, QualitySeries quality,
                         long storeBadLines, Map<String, DimensionAgreement> agreement) {
    }

    private JudgeJob() {
    }

    public static Result run(MonitorConfig logs, ModelClient client, JudgeConfig config, Path storeFile,
                             Path humanLabels, Consumer<JudgeProgress> progress) throws IOException {
        Map<String, Set<SignalType>> signals = readSignals(logs);
        List<RequestRecord> selected = new ArrayList<>();
        Rejections rejections = Rejections.of(logs.strict());
        Ingest.Stats stats = new Ingest(Ingest.Options.defaults().withThreads(Math.max(1, logs.threads())))
                .run(InputFiles.expand(logs.baseDir(), logs.logs()), LogReaders.chooser(logs, true), r -> {
                    if (config.sampling().decide(r, signals.getOrDefault(r.requestId(), Set.of())).judge()) {
                        selected.add(r);
                    }
                }, rejections);

        if (storeFile.getParent() != null) {
            Files.createDirectories(storeFile.getParent());
        }
        JudgeSummary summary;
        try (JudgementStore store = JudgementStore.open(storeFile)) {
            JudgeRun run = new JudgeRun(client, config, store);
            if (progress != null) {
                run.onProgress(progress);
            }
            // the run saw only the selected records; the summary counts every record read
            summary = run.run(selected, signals).withRecords(stats.records());
        }

        JudgementStore.Loaded loaded = JudgementStore.read(storeFile);
        Collection<Judgement> latest = loaded.latest();
        QualitySeries quality = QualitySeries.compute(latest, logs.aggregation().window().duration(), true);
        Map<String, DimensionAgreement> agreement = humanLabels == null
                ? Map.of()
                : JudgeAgreement.compute(latest, JudgeAgreement.readLabels(humanLabels));
        return new Result(stats, rejections, summary, quality, loaded.badLines(), agreement);
    }

    /** The signal types each request received (for always-judge rules). */
    static Map<String, Set<SignalType>> readSignals(MonitorConfig logs) throws IOException {
        Map<String, Set<SignalType>> out = new HashMap<>();
        if (logs.signals().isEmpty()) {
            return out;
        }
        Rejections rejections = Rejections.of(logs.strict());
        SignalReader reader = new SignalReader();
        for (Path file : InputFiles.expand(logs.baseDir(), logs.signals())) {
            try (InputStream in = InputFiles.open(file)) {
                reader.read(in, file.toString(),
                        s -> out.computeIfAbsent(s.requestId(), id -> EnumSet.noneOf(SignalType.class)).add(s.type()),
                        rejections);
            }
        }
        return out;
    }
}
