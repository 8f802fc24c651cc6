package dev.llmmon.monitor;

import dev.llmmon.client.Endpoint;
import dev.llmmon.client.ModelClient;
import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.internal.SignalReader;
import dev.llmmon.judge.DimensionAgreement;
import dev.llmmon.judge.JudgeAgreement;
import dev.llmmon.judge.JudgeConfig;
import dev.llmmon.judge.JudgeDocument;
import dev.llmmon.judge.JudgeProgress;
import dev.llmmon.judge.JudgeRun;
import dev.llmmon.judge.JudgeSummary;
import dev.llmmon.judge.Judgement;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

        /** The {@code judge.json} of this run. */
        public JudgeDocument document(String llmmonVersion) {
            return JudgeDocument.of(llmmonVersion, summary, storeBadLines, agreement, quality);
        }

        /** One line saying what the run read, selected, judged and spent; {@code judgeModel} names an unknown price. */
        public String describe(String judgeModel) {
            JudgeSummary s = summary;
            return String.format(Locale.ROOT,
                    "%,d requests read, %,d selected (%,d by signal), %,d already judged; judged %,d, flagged %,d,"
                            + " unparseable %,d, failed %,d; judge tokens %,d in / %,d out, spend %s",
                    s.records(), s.sampled(), s.alwaysJudged(), s.alreadyDone(), s.judged(), s.flagged(),
                    s.unparseable(), s.failed(), s.judgeUsage().inputTokens(), s.judgeUsage().outputTokens(),
                    s.spendUsd() == null ? "unknown (no price for " + judgeModel + ")"
                            : String.format(Locale.ROOT, "$%.4f", s.spendUsd()));
        }

        /** What the user should know about: work left undone, unreadable input or store lines. */
        public List<String> warnings(Path storeFile) {
            List<String> out = new ArrayList<>();
            if (summary.skippedByBudget() > 0) {
                out.add("budget cap reached: " + summary.skippedByBudget() + " selected request(s) left unjudged"
                        + " (they are judged first next run)");
            }
            if (summary.missingOutput() > 0) {
                out.add(summary.missingOutput() + " selected request(s) have no output text to judge");
            }
            if (rejections.total() > 0) {
                out.add("rejected " + rejections.total() + " input line(s), e.g. " + rejections.examples().get(0));
            }
            if (summary.retriedReplies() > 0) {
                out.add(summary.retriedReplies() + " unparseable judge repl(ies) asked for again with the parse error;"
                        + " " + summary.unparseable() + " stayed unparseable (recorded, never scored)");
            }
            if (summary.failed() > 0 && !summary.stoppedEarly()) {
                out.add(summary.failed() + " judge call(s) failed after retries and are stored with status error;"
                        + " rerun the same command to judge them (nothing already judged is paid for again)");
            }
            if (storeBadLines > 0) {
                out.add(storeBadLines + " torn line(s) in " + storeFile
                        + " (a judgement cut off by an interrupted run); skipped");
            }
            return out;
        }

        /** Judge/human agreement, one line per dimension. */
        public List<String> agreementLines() {
            List<String> out = new ArrayList<>();
            agreement.forEach((dimension, a) -> out.add("judge/human agreement on " + dimension + ": " + a));
            return out;
        }

        /**
         * Why the build should fail, {@code null} when the run finished: it stopped early (kept work is named, and
         * how to continue: a rejected key must be fixed first, a rerun alone would be refused again).
         */
        public String failure(Path storeFile) {
            if (!summary.stoppedEarly()) {
                return null;
            }
            String kept = summary.judged() + summary.unparseable() > 0
                    ? " Judgements made so far are kept in " + storeFile + "." : "";
            if (summary.keyRejected()) {
                return "the judge run stopped: " + summary.stopReason() + ". The API key is wrong or lacks access to"
                        + " this model: check the key variable (llmmon.judge.apiKeyEnv) or llmmon.judge.serverId, and"
                        + " the base URL." + kept;
            }
            return "the judge run stopped early: " + summary.stopReason() + "." + kept
                    + " Rerun the same command to continue once the endpoint answers: "
                    + (summary.failed() + summary.notRunAfterStop()) + " request(s) are left to judge.";
        }
    }

    private JudgeJob() {
    }

    /**
     * Judges with a client of {@code endpoint}, closed afterwards; the endpoint's {@code maxConcurrency} is also the
     * number of judge calls the run keeps in flight.
     *
     * @throws IllegalStateException when the endpoint's key is required and unset
     */
    public static Result run(MonitorConfig logs, Endpoint endpoint, JudgeConfig config, Path storeFile,
                             Path humanLabels, Consumer<JudgeProgress> progress) throws IOException {
        try (ModelClient client = ModelClient.create(endpoint)) {
            return run(logs, client, config.withConcurrency(endpoint.maxConcurrency()), storeFile, humanLabels,
                    progress);
        }
    }

    public static Result run(MonitorConfig logs, ModelClient client, JudgeConfig config, Path storeFile,
                             Path humanLabels, Consumer<JudgeProgress> progress) throws IOException {
        Map<String, Set<SignalType>> signals = readSignals(logs);
        List<RequestRecord> selected = new ArrayList<>();
        Rejections rejections = Rejections.of(logs.strict());
        Ingest.Stats stats = new Ingest(Ingest.Options.defaults().withThreads(Math.max(1, logs.threads()))
                .withTimeOutlierFloorDays(logs.timeOutlierFloorDays()))
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
            reader.readFile(file,
                    s -> out.computeIfAbsent(s.requestId(), id -> EnumSet.noneOf(SignalType.class)).add(s.type()),
                    rejections);
        }
        return out;
    }
}
