package dev.llmmon.judge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store must be recognisable as one: a mistaken path is refused and never appended to. */
class JudgementStoreTest {
    @TempDir
    Path dir;

    static Judgement judgement(String id, JudgementStatus status) {
        boolean ok = status == JudgementStatus.OK;
        return new Judgement(id, "chat", "gpt-4o", status, ok ? 4.0 : null,
                ok ? Map.of("correctness", 4, "completeness", 4, "tone", 4) : Map.of(), false, null, "judge",
                "default-v1", Instant.parse("2026-11-21T00:00:00Z"), null, Instant.parse("2026-11-20T00:00:00Z"), 10, 5,
                null, ok ? null : "reply is not a JSON object: meh");
    }

    Path store(Judgement... judgements) throws IOException {
        Path file = dir.resolve("judgements.jsonl");
        try (JudgementStore s = JudgementStore.open(file)) {
            for (Judgement j : judgements) {
                s.append(j);
            }
        }
        return file;
    }

    void assertRefusedAndUntouched(Path file, String... messageParts) throws IOException {
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> JudgementStore.open(file)).isInstanceOf(IOException.class)
                .hasMessageContainingAll(messageParts);
        assertThatThrownBy(() -> JudgementStore.read(file)).isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aCsvIsRefusedAndNotAppendedTo() throws IOException {
        Path csv = dir.resolve("requests.csv");
        Files.writeString(csv, "request_id,feature_id,latency_ms\nr-1,chat,120\n");
        assertRefusedAndUntouched(csv, "requests.csv is not a judgement store", "line 1", "not valid JSON");
    }

    @Test
    void aRequestLogIsRefusedAndNotAppendedTo() throws IOException {
        Path log = dir.resolve("requests.jsonl");
        Files.writeString(log, "{\"request_id\":\"r-1\",\"timestamp\":\"2026-11-20T00:00:00Z\",\"feature_id\":\"chat\"}\n"
                + "{\"request_id\":\"r-2\",\"timestamp\":\"2026-11-20T00:00:01Z\",\"feature_id\":\"chat\"}");
        assertRefusedAndUntouched(log, "not a judgement store", "required field status is missing");
    }

    @Test
    void aGzipFileIsRefusedAndNotAppendedTo() throws IOException {
        Path gz = dir.resolve("judgements.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("{\"request_id\":\"r-1\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertRefusedAndUntouched(gz, "is a gzip file, not a judgement store");
    }

    @Test
    void aTornJudgementIsSkippedWhereverItIsButAForeignLineIsNot() throws IOException {
        Path file = store(judgement("r-1", JudgementStatus.OK));
        String line = Files.readAllLines(file).get(0).replace("r-1", "r-2");
        Files.writeString(file, line.substring(0, line.length() / 2), java.nio.file.StandardOpenOption.APPEND);
        // the next run completes the line and appends after it: the torn line now sits mid-file
        try (JudgementStore s = JudgementStore.open(file)) {
            assertThat(s.badLines()).isEqualTo(1);
            s.append(judgement("r-3", JudgementStatus.OK));
        }
        JudgementStore.Loaded loaded = JudgementStore.read(file);
        assertThat(loaded.badLines()).isEqualTo(1);
        assertThat(loaded.judgements()).extracting(Judgement::requestId).containsExactly("r-1", "r-3");

        Files.writeString(file, "timestamp,latency_ms\n", java.nio.file.StandardOpenOption.APPEND);
        assertRefusedAndUntouched(file, "judgements.jsonl:4: not a judgement", "not one cut off by an interrupted run");
    }

    @Test
    void anEmptyOrMissingFileIsANewStore() throws IOException {
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "\n");
        try (JudgementStore s = JudgementStore.open(empty)) {
            s.append(judgement("r-1", JudgementStatus.OK));
        }
        assertThat(JudgementStore.read(empty).judgements()).hasSize(1);
    }

    @Test
    void aStoreWithoutScoresOrMostlyUnparseableIsUnusable() throws IOException {
        assertThat(JudgementStore.read(store(judgement("r-1", JudgementStatus.UNPARSEABLE),
                judgement("r-2", JudgementStatus.UNPARSEABLE))).unusable())
                .contains("no usable scores (0 ok, 2 unparseable, 0 failed of 2 judged request(s))");
        Files.delete(dir.resolve("judgements.jsonl"));
        assertThat(JudgementStore.read(store(judgement("r-1", JudgementStatus.OK),
                judgement("r-2", JudgementStatus.UNPARSEABLE), judgement("r-3", JudgementStatus.UNPARSEABLE))).unusable())
                .startsWith("most judgements in the store are unparseable (1 ok, 2 unparseable");
        Files.delete(dir.resolve("judgements.jsonl"));
        assertThat(JudgementStore.read(store(judgement("r-1", JudgementStatus.OK),
                judgement("r-2", JudgementStatus.UNPARSEABLE))).unusable()).isNull();
    }

    @Test
    void aUsdBudgetNeedsAPriceWhicheverOrderTheyAreSetIn() {
        var sampling = dev.llmmon.sampling.SamplingPolicy.of(0.05);
        var budget = new dev.llmmon.sampling.BudgetCap(0, 2.0);
        JudgeConfig budgetFirst = JudgeConfig.of(sampling).withBudget(budget).withPricing(new JudgePricing(0.15, 0.6));
        assertThat(budgetFirst.checked().budget().limitsSpend()).isTrue();
        assertThatThrownBy(() -> JudgeConfig.of(sampling).withBudget(budget).checked())
                .hasMessageContaining("needs the judge model's price");
        assertThat(List.of(budgetFirst)).hasSize(1);
    }
}
