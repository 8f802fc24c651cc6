package dev.llmmon.ingest;

import dev.llmmon.ingest.internal.NativeJsonlReader;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestTest {
    @TempDir
    Path dir;

    private static String line(int i) {
        return "{\"request_id\":\"r-" + i + "\",\"timestamp\":" + (1763640000 + i) + ",\"feature_id\":\"chat\","
                + "\"model_id\":\"m\",\"latency_ms\":" + (100 + i) + ",\"input_tokens\":10,\"output_tokens\":5,"
                + "\"finish_reason\":\"stop\",\"error\":null,\"output\":\"" + "x".repeat(i % 300) + "\"}";
    }

    /** 2000 lines with a bad line every 97 and a duplicate every 101. */
    private Path writeLog() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            if (i % 97 == 0) {
                text.append("{not json\n");
            } else if (i % 101 == 0) {
                text.append(line(i - 50)).append('\n');
            } else {
                text.append(line(i)).append('\n');
            }
        }
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, text);
        return file;
    }

    private record Run(List<String> ids, Rejections rejections, Ingest.Stats stats) {
    }

    private static Run run(Path file, int threads, int blockBytes, boolean strict) throws IOException {
        List<String> ids = new ArrayList<>();
        Rejections rejections = Rejections.of(strict);
        Ingest.Stats stats = new Ingest(new Ingest.Options(threads, blockBytes))
                .run(List.of(file), f -> new NativeJsonlReader(false), r -> ids.add(r.requestId()), rejections);
        return new Run(ids, rejections, stats);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void anyNumberOfThreadsGivesTheSameRecordsInOrderAndTheSameRejectionLines(int threads) throws IOException {
        Path file = writeLog();
        Run reference = run(file, 1, 1 << 20, false);
        Run parallel = run(file, threads, 1024, false);
        assertThat(parallel.ids()).isEqualTo(reference.ids());
        assertThat(parallel.rejections().counts()).isEqualTo(reference.rejections().counts());
        assertThat(parallel.rejections().examples()).isEqualTo(reference.rejections().examples());
        assertThat(parallel.stats().lines()).isEqualTo(2000);
        // 20 malformed lines (97, 194, ...), 19 duplicates (101, 202, ..., not 1940 which is malformed? 1940 % 97 == 0)
        long malformed = 2000 / 97;
        assertThat(parallel.rejections().count(RejectReason.MALFORMED_LINE)).isEqualTo(malformed);
        long duplicates = java.util.stream.IntStream.rangeClosed(1, 2000).filter(i -> i % 101 == 0 && i % 97 != 0).count();
        assertThat(parallel.stats().duplicates()).isEqualTo(duplicates);
        assertThat(parallel.rejections().count(RejectReason.DUPLICATE_REQUEST_ID)).isEqualTo(duplicates);
        assertThat(parallel.stats().records()).isEqualTo(2000 - malformed - duplicates);
        assertThat(parallel.rejections().examples(RejectReason.MALFORMED_LINE).get(0).line()).isEqualTo(97);
        assertThat(parallel.rejections().examples(RejectReason.DUPLICATE_REQUEST_ID).get(0).line()).isEqualTo(101);
    }

    @Test
    void strictModeStopsAtTheEarliestRejectionWhicheverThreadFoundIt() throws IOException {
        Path file = writeLog();
        assertThatThrownBy(() -> run(file, 4, 1024, true))
                .isInstanceOf(RejectedInputException.class)
                .satisfies(e -> {
                    Rejection r = ((RejectedInputException) e).rejection();
                    assertThat(r.line()).isEqualTo(97);
                    assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_LINE);
                    assertThat(r.file()).endsWith("requests.jsonl");
                });
    }

    @Test
    void aTruncatedGzipKeepsTheLinesBeforeTheDamageAndReportsIt() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            text.append(line(i)).append('\n');
        }
        Path gz = dir.resolve("requests.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Run run = run(cut, 2, 4096, false);
        assertThat(run.rejections().count(RejectReason.TRUNCATED_INPUT)).isEqualTo(1);
        assertThat(run.ids()).isNotEmpty().hasSizeLessThan(3000);
        // every record kept is a complete, valid one and they are the first ones, in order
        for (int i = 0; i < run.ids().size(); i++) {
            assertThat(run.ids().get(i)).isEqualTo("r-" + (i + 1));
        }
        Rejection truncation = run.rejections().examples(RejectReason.TRUNCATED_INPUT).get(0);
        assertThat(truncation.line()).isEqualTo(run.stats().lines() + 1);
    }

    @Test
    void aLineLongerThanTheBlockIsStillOneLine() throws IOException {
        Path file = dir.resolve("long.jsonl");
        String longLine = line(1).replace("\"output\":\"\"", "\"output\":\"" + "y".repeat(10_000) + "\"");
        Files.writeString(file, longLine + "\n" + line(2) + "\n");
        Run run = run(file, 2, 1024, false);
        assertThat(run.ids()).containsExactly("r-1", "r-2");
        assertThat(run.rejections().total()).isZero();
    }

    @Test
    void recordsKeepTheirFields() throws IOException {
        Path file = dir.resolve("one.jsonl");
        Files.writeString(file, line(7) + "\n");
        List<RequestRecord> got = new ArrayList<>();
        new Ingest(new Ingest.Options(2, 1024)).run(List.of(file), f -> new NativeJsonlReader(true),
                got::add, Rejections.lenient());
        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.latencyMs()).isEqualTo(107);
            assertThat(r.output()).isEqualTo("xxxxxxx");
            assertThat(r.timestamp().getEpochSecond()).isEqualTo(1763640007);
        });
    }
}
