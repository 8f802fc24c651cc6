package dev.llmmon.ingest.internal;

import com.github.luben.zstd.ZstdOutputStream;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.LogFormat;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.record.RequestRecord;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressedAndRotatedInputTest {
    @TempDir
    Path dir;

    static String lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(NativeJsonlReaderTest.GOOD.replace("r-000042", "r-" + i)).append('\n');
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

    private Read readNative(Path file) {
        return Read.file(new NativeJsonlReader(false), file);
    }

    private static List<String> ids(Read read) {
        return read.records.stream().map(RequestRecord::requestId).toList();
    }

    @Test
    void gzipIsDecompressedWhateverTheName() throws IOException {
        Path file = Files.write(dir.resolve("requests.log"), gzip(lines(0, 3)));
        assertThat(ids(readNative(file))).containsExactly("r-0", "r-1", "r-2");
    }

    @Test
    void multiMemberGzipIsReadToTheEnd() throws IOException {
        byte[] a = gzip(lines(0, 2));
        byte[] b = gzip(lines(2, 5));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        Path file = Files.write(dir.resolve("requests.jsonl.gz"), both);
        Read read = readNative(file);
        assertThat(ids(read)).containsExactly("r-0", "r-1", "r-2", "r-3", "r-4");
        assertThat(read.rejections.total()).isZero();
    }

    @Test
    void truncatedGzipKeepsTheLinesBeforeAndReportsTruncatedInput() throws IOException {
        String text = lines(0, 2000);
        byte[] full = gzip(text);
        Path file = Files.write(dir.resolve("requests.jsonl.gz"), Arrays.copyOf(full, full.length / 2));
        Read read = readNative(file);
        assertThat(read.records.size()).isBetween(1, 1999);
        // the kept lines are the first ones, in order
        assertThat(ids(read).get(read.records.size() - 1)).isEqualTo("r-" + (read.records.size() - 1));
        Rejection truncated = read.rejections.examples(RejectReason.TRUNCATED_INPUT).get(0);
        assertThat(read.rejections.count(RejectReason.TRUNCATED_INPUT)).isEqualTo(1);
        assertThat(truncated.file()).isEqualTo("requests.jsonl.gz");
        assertThat(truncated.line()).isGreaterThan(read.records.size());
    }

    @Test
    void truncatedGzipUnderTheOtlpAndMappedReaders() throws IOException {
        StringBuilder otlp = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            otlp.append(Otlp.line(OtlpJsonReaderTest.RESOURCE, OtlpJsonReaderTest.NEW_GENERATION)).append('\n');
        }
        byte[] full = gzip(otlp.toString());
        Path file = Files.write(dir.resolve("traces.json.gz"), Arrays.copyOf(full, full.length * 2 / 3));
        Read read = Read.file(new OtlpJsonReader(false), file);
        assertThat(read.records).isNotEmpty();
        assertThat(read.rejections.count(RejectReason.TRUNCATED_INPUT)).isEqualTo(1);

        List<String> csvLines = Files.readAllLines(MappedReaderTest.fixture("litellm-spend-logs.csv"));
        StringBuilder csv = new StringBuilder(csvLines.get(0)).append('\n');
        for (int i = 0; i < 2000; i++) {
            csv.append(csvLines.get(1).replace("chatcmpl-a1", "c-" + i)).append('\n');
        }
        byte[] gz = gzip(csv.toString());
        Path csvFile = Files.write(dir.resolve("spend.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
        Read mapped = Read.file(new MappedReader(FieldMapping.builtin("litellm"), false), csvFile);
        assertThat(mapped.records).isNotEmpty();
        assertThat(mapped.rejections.count(RejectReason.TRUNCATED_INPUT)).isEqualTo(1);
    }

    @Test
    void zstdAsTheCollectorWritesIt() throws IOException {
        String text = Otlp.line(OtlpJsonReaderTest.RESOURCE, OtlpJsonReaderTest.NEW_GENERATION, OtlpJsonReaderTest.HTTP_SPAN) + "\n";
        Path file = Files.write(dir.resolve("traces.json.zst"), zstd(text + text));
        Read read = Read.file(new OtlpJsonReader(false), file);
        assertThat(read.records).hasSize(2);
        assertThat(LogFormat.detect(file)).isEqualTo(LogFormat.OTLP);
    }

    @Test
    void truncatedZstdIsReportedAsTruncatedInput() throws IOException {
        byte[] full = zstd(lines(0, 3000));
        Path file = Files.write(dir.resolve("requests.jsonl.zst"), Arrays.copyOf(full, full.length / 2));
        Read read = readNative(file);
        assertThat(read.rejections.count(RejectReason.TRUNCATED_INPUT)).isEqualTo(1);
        assertThat(ids(read)).allSatisfy(id -> assertThat(id).startsWith("r-"));
    }

    @Test
    void aFolderOfRotatedFilesIsReadOldestFirst() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.write(logs.resolve("app.log.2.gz"), gzip(lines(0, 1)));
        Files.writeString(logs.resolve("app.log.1"), lines(1, 2));
        Files.writeString(logs.resolve("app.log"), lines(2, 3));
        Files.writeString(logs.resolve("app.log.10"), lines(9, 10));
        Files.writeString(logs.resolve(".hidden"), "x");
        List<Path> files = InputFiles.expand(dir, List.of("logs"));
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("app.log.10", "app.log.2.gz", "app.log.1", "app.log");
    }

    @Test
    void globsAndMissingSpecs() throws IOException {
        Path day = Files.createDirectories(dir.resolve("2025/03"));
        Files.writeString(day.resolve("requests-2025-03-02.jsonl"), "");
        Files.writeString(day.resolve("requests-2025-03-01.jsonl"), "");
        Files.writeString(day.resolve("signals-2025-03-01.jsonl"), "");
        assertThat(InputFiles.expand(dir, List.of("2025/*/requests-*.jsonl")))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("requests-2025-03-01.jsonl", "requests-2025-03-02.jsonl");
        assertThat(InputFiles.expand(dir, List.of("**/signals-*.jsonl"))).hasSize(1);
        assertThatThrownBy(() -> InputFiles.expand(dir, List.of("nothing-*.jsonl")))
                .hasMessageContaining("nothing-*.jsonl");
    }
}
