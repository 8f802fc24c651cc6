package dev.llmmon.monitor;

import com.github.luben.zstd.ZstdOutputStream;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A generated corpus of 36 kinds of damaged input, one file each, with the exact number of good records and of
 * bad ones by reason. For every kind: the monitor does not throw, every bad record is counted under its reason with
 * file and line, and accepted + rejected + skipped + blank lines = what was given (lines, or spans for OTLP; a file
 * that cannot be read at all counts as one).
 */
class DamagedInputCorpusTest {
    @TempDir
    Path dir;

    private static final int GOOD = 4;
    private static final long T = 1763640000; // 2026-11-20T12:00:00Z

    /**
     * One kind of damage.
     *
     * @param name     what it is
     * @param file     the file name (its extension does not decide the format; the content does)
     * @param content  the file's bytes
     * @param mapped   whether to read it through the CSV mapping {@link #MAPPING}
     * @param accepted records that must be accepted
     * @param rejected rejections by reason that must be counted (and nothing else)
     * @param skipped  records skipped as not model calls
     * @param blank    blank lines
     * @param given    lines (spans for OTLP; 1 for a file that cannot be read at all) given
     */
    record Kind(String name, String file, byte[] content, boolean mapped, long accepted,
                Map<RejectReason, Long> rejected, long skipped, long blank, long given) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String good(String id, long t) {
        return "{\"request_id\":\"" + id + "\",\"timestamp\":" + t + ",\"feature_id\":\"chat\","
                + "\"model_id\":\"gpt-4o-mini\",\"latency_ms\":120,\"input_tokens\":10,\"output_tokens\":5,"
                + "\"cost_usd\":0.0001,\"finish_reason\":\"stop\",\"error\":null}";
    }

    /** {@link #GOOD} good lines with ids {@code g0..}, each followed by a newline. */
    static String goodLines() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < GOOD; i++) {
            text.append(good("g" + i, T + i)).append('\n');
        }
        return text.toString();
    }

    /** Good lines, then one line: the good one with {@code from} replaced by {@code to}. */
    static Kind nativeValue(String name, String from, String to, RejectReason reason) {
        String bad = good("bad", T).replace(from, to);
        if (bad.equals(good("bad", T))) {
            throw new IllegalArgumentException(name + ": '" + from + "' is not in the line");
        }
        return nativeLines(name, goodLines() + bad + "\n", GOOD, Map.of(reason, 1L), 0, GOOD + 1);
    }

    static Kind nativeLines(String name, String text, long accepted, Map<RejectReason, Long> rejected, long blank,
                            long given) {
        return new Kind(name, slug(name) + ".jsonl", bytes(text), false, accepted, rejected, 0, blank, given);
    }

    static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** One OTLP span: a chat call unless {@code attributes} says otherwise. */
    static String span(int i, String start, String attributes) {
        return "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"" + String.format("%016x", i + 1)
                + "\",\"name\":\"chat gpt-4o\",\"startTimeUnixNano\":" + start + ",\"endTimeUnixNano\":\""
                + ((T + i) * 1_000_000_000L + 400_000_000L) + "\",\"attributes\":[" + attributes + "]}";
    }

    static String chat(String inputTokens) {
        return "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
                + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o\"}},"
                + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":" + inputTokens + "}},"
                + "{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":\"7\"}}";
    }

    static String goodSpan(int i) {
        return span(i, "\"" + (T + i) * 1_000_000_000L + "\"", chat("\"12\""));
    }

    static String batch(List<String> spans) {
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"chat\"}}]},\"scopeSpans\":[{\"spans\":[" + String.join(",", spans)
                + "]}]}]}\n";
    }

    /** A batch line of {@link #GOOD} good spans and one span made with {@code bad}. */
    static Kind otlp(String name, String bad, Map<RejectReason, Long> rejected, long skipped) {
        List<String> spans = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            spans.add(goodSpan(i));
        }
        spans.add(bad);
        return new Kind(name, slug(name) + ".otlp.json", bytes(batch(spans)), false, GOOD, rejected, skipped, 0,
                GOOD + 1);
    }

    static final String MAPPING = """
            name: sheet
            format: csv
            fields:
              request_id: /id
              timestamp: /ts
              latency_ms: /latency
              feature_id: /feature
              model_id: /model
              input_tokens: /in
              output_tokens: /out
              finish_reason: /stop
            """;

    static String csvRow(int i) {
        return "c" + i + ",2026-11-20T12:00:0" + i + "Z,120,chat,\"gpt-4o, mini\",10,5,stop\n";
    }

    static Kind csv(String name, String damaged, long damagedLines, Map<RejectReason, Long> rejected) {
        StringBuilder text = new StringBuilder("id,ts,latency,feature,model,in,out,stop\n");
        text.append(csvRow(0)).append(csvRow(1)).append(damaged).append(csvRow(2)).append(csvRow(3));
        // the header is a line, but neither a record nor a rejection: it is counted as given by the records after it
        return new Kind(name, slug(name) + ".csv", bytes(text.toString()), true, GOOD, rejected, 0, 0,
                GOOD + damagedLines);
    }

    static Stream<Kind> corpus() throws IOException {
        String lines = goodLines();
        List<Kind> kinds = new ArrayList<>(List.of(
                nativeLines("not JSON", lines + "{not json\n", GOOD, Map.of(RejectReason.MALFORMED_LINE, 1L), 0, GOOD + 1),
                nativeLines("JSON but not an object", lines + "[1,2,3]\n", GOOD, Map.of(RejectReason.NOT_AN_OBJECT, 1L), 0, GOOD + 1),
                nativeValue("missing request_id", "\"request_id\":\"bad\",", "", RejectReason.MISSING_FIELD),
                nativeValue("latency as text", "\"latency_ms\":120", "\"latency_ms\":\"fast\"", RejectReason.WRONG_TYPE),
                nativeValue("negative latency", "\"latency_ms\":120", "\"latency_ms\":-5", RejectReason.NEGATIVE_NUMBER),
                nativeValue("NaN latency", "\"latency_ms\":120", "\"latency_ms\":NaN", RejectReason.NOT_FINITE),
                nativeValue("fractional tokens", "\"input_tokens\":10", "\"input_tokens\":10.5", RejectReason.NOT_AN_INTEGER),
                nativeValue("timestamp text", "\"timestamp\":" + T, "\"timestamp\":\"yesterday\"", RejectReason.BAD_TIMESTAMP),
                nativeValue("timestamp 1e308", "\"timestamp\":" + T, "\"timestamp\":1e308", RejectReason.BAD_TIMESTAMP),
                nativeValue("timestamp in epoch nanoseconds", "\"timestamp\":" + T, "\"timestamp\":" + T + "123456789", RejectReason.BAD_TIMESTAMP),
                nativeValue("timestamp in epoch milliseconds", "\"timestamp\":" + T, "\"timestamp\":" + T + "123", RejectReason.BAD_TIMESTAMP),
                nativeValue("timestamp in 1970", "\"timestamp\":" + T, "\"timestamp\":0", RejectReason.BAD_TIMESTAMP),
                nativeValue("local time without offset", "\"timestamp\":" + T, "\"timestamp\":\"2026-11-20T12:00:00\"", RejectReason.BAD_TIMESTAMP),
                nativeValue("unknown finish reason", "\"finish_reason\":\"stop\"", "\"finish_reason\":\"exploded\"", RejectReason.UNKNOWN_FINISH_REASON),
                nativeValue("duplicate request id", "\"request_id\":\"bad\"", "\"request_id\":\"g0\"", RejectReason.DUPLICATE_REQUEST_ID),
                nativeValue("tokens 2^63", "\"input_tokens\":10", "\"input_tokens\":9223372036854775808", RejectReason.OUT_OF_RANGE),
                nativeValue("cost 1e308", "\"cost_usd\":0.0001", "\"cost_usd\":1e308", RejectReason.OUT_OF_RANGE),
                nativeValue("latency 1e308", "\"latency_ms\":120", "\"latency_ms\":1e308", RejectReason.OUT_OF_RANGE),
                nativeValue("metadata not an object", "\"error\":null", "\"error\":null,\"metadata\":[1]", RejectReason.WRONG_TYPE),
                nativeLines("blank lines", "\n" + lines + "   \n\n", GOOD, Map.of(), 3, GOOD + 3),
                nativeLines("CRLF line ends", lines.replace("\n", "\r\n"), GOOD, Map.of(), 0, GOOD),
                nativeLines("last line cut off", lines + good("cut", T).substring(0, 30), GOOD, Map.of(RejectReason.MALFORMED_LINE, 1L), 0, GOOD + 1),
                nativeLines("trailing garbage after the object", lines + good("trail", T) + " xyz\n", GOOD, Map.of(RejectReason.MALFORMED_LINE, 1L), 0, GOOD + 1),
                nativeLines("damaged first line in auto format", "{\"request_id\":\"cut\",\"feat\n" + lines, GOOD, Map.of(RejectReason.MALFORMED_LINE, 1L), 0, GOOD + 1),
                // a second gzip member cut half way inside its only (long) line: the first member's lines stay
                new Kind("gzip cut mid-stream", "cut.jsonl.gz", concat(gzip(bytes(lines)), Arrays.copyOf(
                        gzip(bytes(good("long", T).replace("\"error\":null", "\"error\":null,\"output\":\""
                                + randomText(20_000) + "\"") + "\n")), 3_000)), false, GOOD,
                        Map.of(RejectReason.TRUNCATED_INPUT, 1L), 0, 0, GOOD + 1),
                new Kind("gzip cut inside its header", "header.jsonl.gz", Arrays.copyOf(gzip(bytes(lines)), 6), false, 0,
                        Map.of(RejectReason.TRUNCATED_INPUT, 1L), 0, 0, 1),
                new Kind("gzip magic and garbage", "garbage.gz", concat(new byte[]{0x1f, (byte) 0x8b}, bytes("garbage, not deflate\n")),
                        false, 0, Map.of(RejectReason.UNREADABLE_FILE, 1L), 0, 0, 1),
                new Kind("zstd cut before its first line", "cut.jsonl.zst", Arrays.copyOf(zstd(bytes(lines)), 12), false, 0,
                        Map.of(RejectReason.TRUNCATED_INPUT, 1L), 0, 0, 1),
                new Kind("empty file", "empty.jsonl", new byte[0], false, 0, Map.of(), 0, 0, 0),
                new Kind("binary garbage", "garbage.bin", randomBytes(4_000), false, 0,
                        Map.of(RejectReason.UNREADABLE_FILE, 1L), 0, 0, 1),
                new Kind("OTLP line that is JSON but not a batch", "foo.otlp.json", bytes(batch(List.of(goodSpan(0), goodSpan(1),
                        goodSpan(2), goodSpan(3))) + "{\"foo\":1}\n"), false, GOOD, Map.of(RejectReason.MISSING_FIELD, 1L), 0, 0, GOOD + 1),
                otlp("OTLP integer beyond int64", span(9, "\"" + T * 1_000_000_000L + "\"", chat("123456789012345678901234567890")),
                        Map.of(RejectReason.OUT_OF_RANGE, 1L), 0),
                otlp("OTLP span that is no model call", span(9, "\"" + T * 1_000_000_000L + "\"",
                        "{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"POST\"}}"), Map.of(), 1),
                otlp("OTLP start time in microseconds", span(9, "\"" + T * 1_000_000L + "\"", chat("\"12\"")),
                        Map.of(RejectReason.BAD_TIMESTAMP, 1L), 0),
                csv("CSV syntax error mid-file", "c9,2026-11-20T12:00:09Z,120,chat,\"gpt\"x,10,5,stop\n", 1,
                        Map.of(RejectReason.MALFORMED_LINE, 1L)),
                csv("CSV quote that never closes", "c9,2026-11-20T12:00:09Z,120,chat,\"gpt,10,5,stop\n", 1,
                        Map.of(RejectReason.MALFORMED_LINE, 1L))));
        return kinds.stream();
    }

    static String randomText(int n) {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        new SplittableRandom(3).nextBytes(out);
        for (int i = 0; i < n; i++) { // no newline or brace: one long line of something that is no JSON
            if (out[i] == '\n' || out[i] == '{' || out[i] == 0x1f || out[i] == 0x28) {
                out[i] = 'x';
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyBadRecordIsCountedUnderItsReasonAndNothingIsLost(Kind kind) throws IOException {
        Path file = dir.resolve(kind.file());
        Files.write(file, kind.content());
        MonitorConfig config = MonitorConfig.of(dir, List.of(kind.file())).withThreads(2);
        if (kind.mapped()) {
            Files.writeString(dir.resolve("sheet.yaml"), MAPPING);
            config = config.withFormat("mapped", "sheet.yaml");
        }
        MonitorConfig run = config;
        MonitorResult[] result = new MonitorResult[1];
        assertThatCode(() -> result[0] = Monitor.run(run, List.of())).doesNotThrowAnyException();
        MonitorResult r = result[0];
        List<Rejection> examples = r.rejections().examples();
        assertThat(r.ingest().records()).as("accepted; rejections %s", examples).isEqualTo(kind.accepted());
        assertThat(r.rejections().counts()).as("rejections %s", examples).isEqualTo(kind.rejected());
        assertThat(r.rejections().skippedTotal()).as("skipped").isEqualTo(kind.skipped());
        assertThat(r.rejections().blankLines()).as("blank lines").isEqualTo(kind.blank());
        assertThat(r.ingest().records() + r.rejections().total() + r.rejections().skippedTotal()
                + r.rejections().blankLines()).as("accepted + rejected + skipped + blank = given").isEqualTo(kind.given());
        assertThat(examples).allSatisfy(e -> {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.line()).isPositive();
            assertThat(e.message()).isNotBlank();
        });
        if (kind.rejected().keySet().stream().anyMatch(reason -> reason != RejectReason.MALFORMED_LINE
                && reason != RejectReason.NOT_AN_OBJECT && reason != RejectReason.TRUNCATED_INPUT
                && reason != RejectReason.UNREADABLE_FILE && reason != RejectReason.DUPLICATE_REQUEST_ID)) {
            assertThat(examples).as("a bad value names its field").allSatisfy(e -> assertThat(e.field()).isNotBlank());
        }
    }

    @org.junit.jupiter.api.Test
    void theCorpusHasThirtySixKinds() throws IOException {
        assertThat(corpus().map(Kind::name).distinct().count()).isEqualTo(36);
    }
}
