package dev.llmmon.monitor;

import com.github.luben.zstd.ZstdOutputStream;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that used to stop the whole run with no report: each now costs only itself, and becomes a rejection with
 * its reason, file, line and field, while the good file beside it is read in full.
 */
class DamagedFilesTest {
    @TempDir
    Path dir;

    static String line(String id, String timestamp) {
        return "{\"request_id\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"feature_id\":\"chat\","
                + "\"model_id\":\"gpt-4o-mini\",\"latency_ms\":120,\"input_tokens\":10,\"output_tokens\":5,"
                + "\"finish_reason\":\"stop\",\"error\":null}\n";
    }

    static String lines(String prefix, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(line(prefix + i, String.valueOf(1763640000 + i)));
        }
        return text.toString();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static byte[] zstd(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Runs the monitor over the folder: the good file {@code a-good.jsonl} (5 records) and the damaged ones. */
    private MonitorResult monitor(int threads) throws IOException {
        Files.writeString(dir.resolve("a-good.jsonl"), lines("good-", 5));
        return Monitor.run(MonitorConfig.of(dir, List.of(".")).withThreads(threads), List.of());
    }

    private static Rejection only(MonitorResult result, RejectReason reason) {
        List<Rejection> examples = result.rejections().examples(reason);
        assertThat(examples).as("%s among %s", reason, result.rejections().examples()).hasSize(1);
        return examples.get(0);
    }

    @Test
    void aGzipFileCutInsideItsHeaderIsTruncatedInput() throws IOException {
        Files.write(dir.resolve("b-cut.jsonl.gz"), Arrays.copyOf(gzip(lines("cut-", 3)), 5));
        for (int threads : new int[]{1, 3}) {
            MonitorResult result = monitor(threads);
            assertThat(result.ingest().records()).isEqualTo(5);
            Rejection r = only(result, RejectReason.TRUNCATED_INPUT);
            assertThat(r.file()).endsWith("b-cut.jsonl.gz");
            assertThat(r.line()).isEqualTo(1);
            assertThat(r.message()).contains("gzip header");
            assertThat(result.rejections().total()).isEqualTo(1);
        }
    }

    @Test
    void gzipMagicFollowedByGarbageIsAnUnreadableFile() throws IOException {
        byte[] garbage = "\u001f\u008bthis is not deflate data at all\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("b-garbage.gz"), garbage);
        for (int threads : new int[]{1, 3}) {
            MonitorResult result = monitor(threads);
            assertThat(result.ingest().records()).isEqualTo(5);
            Rejection r = only(result, RejectReason.UNREADABLE_FILE);
            assertThat(r.file()).endsWith("b-garbage.gz");
            assertThat(r.message()).contains("no gzip data");
        }
    }

    @Test
    void aZstdFileTruncatedBeforeItsFirstLineIsTruncatedInputAlsoInFormatDetection() throws IOException {
        byte[] whole = zstd(lines("z-", 40));
        Files.write(dir.resolve("b-cut.jsonl.zst"), Arrays.copyOf(whole, 12));
        MonitorResult result = monitor(1);
        assertThat(result.ingest().records()).isEqualTo(5);
        Rejection r = only(result, RejectReason.TRUNCATED_INPUT);
        assertThat(r.file()).endsWith("b-cut.jsonl.zst");
        assertThat(r.line()).isEqualTo(1);
    }

    @Test
    void timestampsBeyondTheSaneRangeAreBadTimestampsNamingTheBound() throws IOException {
        Files.writeString(dir.resolve("b-times.jsonl"), line("huge", "1e308") + line("nanos", "1763640000123456789")
                + line("millis", "1763640000123") + line("zero", "0") + line("iso", "\"+58826-01-01T00:00:00Z\""));
        MonitorResult result = monitor(1);
        assertThat(result.ingest().records()).isEqualTo(5);
        assertThat(result.rejections().count(RejectReason.BAD_TIMESTAMP)).isEqualTo(5);
        List<Rejection> examples = result.rejections().examples(RejectReason.BAD_TIMESTAMP);
        assertThat(examples).allSatisfy(r -> {
            assertThat(r.field()).isEqualTo("timestamp");
            assertThat(r.message()).contains("outside the range 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z");
        });
        assertThat(examples.get(0).message()).contains("1.0E308");
        assertThat(examples.get(1).message()).contains("epoch nanoseconds");
        assertThat(examples.get(2).message()).contains("epoch milliseconds");
        assertThat(examples).extracting(Rejection::line).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void anOtlpIntegerBeyondInt64IsOutOfRange() throws IOException {
        String span = "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\","
                + "\"startTimeUnixNano\":\"1763640000000000000\",\"endTimeUnixNano\":\"1763640000500000000\","
                + "\"attributes\":[{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
                + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o\"}},"
                + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":%s}},"
                + "{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":\"7\"}}]}";
        String batch = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"chat\"}}]},\"scopeSpans\":[{\"spans\":["
                + span.formatted("123456789012345678901234567890") + ","
                + span.replace("b7ad6b7169203331", "b7ad6b7169203332").formatted("\"99999999999999999999\"") + ","
                + span.replace("b7ad6b7169203331", "b7ad6b7169203333").formatted("12") + "]}]}]}\n";
        Files.writeString(dir.resolve("b-otlp.json"), batch);
        MonitorResult result = monitor(1);
        assertThat(result.ingest().records()).isEqualTo(6);
        assertThat(result.rejections().count(RejectReason.OUT_OF_RANGE)).isEqualTo(2);
        assertThat(result.rejections().examples(RejectReason.OUT_OF_RANGE)).allSatisfy(r -> {
            assertThat(r.field()).isEqualTo("gen_ai.usage.input_tokens");
            assertThat(r.message()).contains("beyond int64");
            assertThat(r.line()).isEqualTo(1);
        });
    }

    @Test
    void autoFormatLooksPastADamagedFirstLine() throws IOException {
        String good = lines("d-", 3);
        Files.writeString(dir.resolve("b-damaged-first.jsonl"), "{\"request_id\":\"cut\",\"feat\n" + good);
        MonitorResult result = monitor(1);
        assertThat(result.ingest().records()).isEqualTo(8);
        Rejection r = only(result, RejectReason.MALFORMED_LINE);
        assertThat(r.line()).isEqualTo(1);
        assertThat(r.file()).endsWith("b-damaged-first.jsonl");
    }

    @Test
    void aFileOfNoKnownFormatCostsOnlyItself() throws IOException {
        Files.writeString(dir.resolve("b-export.csv"), "id,when,model\n1,2026-11-20,gpt\n");
        MonitorResult result = monitor(1);
        assertThat(result.ingest().records()).isEqualTo(5);
        Rejection r = only(result, RejectReason.UNREADABLE_FILE);
        assertThat(r.file()).endsWith("b-export.csv");
        assertThat(r.message()).contains("Cannot tell the log format").contains("configure a field mapping");
    }

    @Test
    void boundsPerFieldNameTheBound() throws IOException {
        Files.writeString(dir.resolve("b-bounds.jsonl"),
                line("tokens", "1763640000").replace("\"input_tokens\":10", "\"input_tokens\":9223372036854775808")
                        + line("cost", "1763640001").replace("\"error\":null", "\"error\":null,\"cost_usd\":1e308")
                        + line("latency", "1763640002").replace("\"latency_ms\":120", "\"latency_ms\":1e308"));
        MonitorResult result = monitor(1);
        assertThat(result.ingest().records()).isEqualTo(5);
        assertThat(result.rejections().count(RejectReason.OUT_OF_RANGE)).isEqualTo(3);
        assertThat(result.rejections().examples(RejectReason.OUT_OF_RANGE))
                .extracting(Rejection::field, Rejection::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("input_tokens",
                                "input_tokens is 9.223372036854776E18, beyond the bound of 100,000,000 tokens per request"),
                        org.assertj.core.groups.Tuple.tuple("cost_usd",
                                "cost_usd is 1.0E308, beyond the bound of 1,000 USD per request"),
                        org.assertj.core.groups.Tuple.tuple("latency_ms",
                                "latency_ms is 1.0E308, beyond the bound of 86,400,000 ms (one day)"));
    }

    @Test
    void aDuplicateSaysWhereTheFirstCopyWas() throws IOException {
        Files.writeString(dir.resolve("b-dups.jsonl"), "\n" + line("good-3", "1763640100") + line("dup-1", "1763640101")
                + line("dup-1", "1763640102"));
        MonitorResult result = monitor(2);
        assertThat(result.ingest().records()).isEqualTo(6);
        assertThat(result.rejections().examples(RejectReason.DUPLICATE_REQUEST_ID))
                .extracting(Rejection::line, Rejection::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "request_id 'good-3' seen before, first at "
                                + dir.resolve("./a-good.jsonl").normalize() + ":4; the first record is kept"),
                        org.assertj.core.groups.Tuple.tuple(4L, "request_id 'dup-1' seen before, first at "
                                + dir.resolve("b-dups.jsonl") + ":3; the first record is kept"));
        assertThat(result.rejections().blankLines()).isEqualTo(1);
    }

    @Test
    void aCsvSyntaxErrorCostsOneRecordAndTheRestIsRead() throws IOException {
        Files.writeString(dir.resolve("sheet.yaml"), DamagedInputCorpusTest.MAPPING);
        Files.writeString(dir.resolve("export.csv"), "id,ts,latency,feature,model,in,out,stop\n"
                + DamagedInputCorpusTest.csvRow(0) + "c8,2026-11-20T12:00:08Z,1,chat,\"m\"x,1,1,stop\n"
                + "c9,2026-11-20T12:00:09Z,1,chat,\"multi\nline, model\",1,1,stop\n" + DamagedInputCorpusTest.csvRow(1)
                + "\n" + DamagedInputCorpusTest.csvRow(2));
        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of("export.csv")).withFormat("mapped", "sheet.yaml")
                .withThreads(1), List.of());
        assertThat(result.ingest().records()).isEqualTo(4);
        Rejection r = only(result, RejectReason.MALFORMED_LINE);
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.message()).startsWith("CSV syntax error (the next record is read)");
        assertThat(result.rejections().total()).isEqualTo(1);
        assertThat(result.rejections().blankLines()).isEqualTo(1);
    }
}
