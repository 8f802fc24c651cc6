package dev.llmmon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmmon.ingest.internal.NativeJsonlReader;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LargeExportWriterTest {
    private static final int N = 3_000;

    @Test
    void nativeRecordsParseCleanlyAreAboutAKilobyteAndReproducible(@TempDir Path tmp) throws IOException {
        LargeExportWriter.Result result = LargeExportWriter.write(tmp.resolve("a.jsonl"), N, LargeExportWriter.Format.NATIVE, 7);
        List<RequestRecord> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(result.file())) {
            new NativeJsonlReader(true).read(in, "a.jsonl", (r, f, l) -> records.add(r), Rejections.strict());
        }
        assertThat(records).hasSize(N);
        assertThat(records).extracting(RequestRecord::requestId).doesNotHaveDuplicates();
        assertThat(records).extracting(RequestRecord::timestamp).isSorted();
        assertThat(result.bytes() / (double) N).isBetween(850.0, 1050.0);
        assertThat(records.stream().map(RequestRecord::featureId).distinct()).hasSize(4);
        assertThat(records).anyMatch(RequestRecord::isError).anyMatch(r -> r.costUsd() == null);

        LargeExportWriter.Result again = LargeExportWriter.write(tmp.resolve("b.jsonl"), N, LargeExportWriter.Format.NATIVE, 7);
        assertThat(DemoDataGeneratorTest.sha256(again.file())).isEqualTo(DemoDataGeneratorTest.sha256(result.file()));
    }

    @Test
    void otlpHoldsOneSpanPerRecordInBatchesOfFifty(@TempDir Path tmp) throws IOException {
        LargeExportWriter.Result result = LargeExportWriter.write(tmp.resolve("o.jsonl"), N, LargeExportWriter.Format.OTLP, 7);
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(result.file());
        long spans = 0;
        for (String line : lines) {
            for (JsonNode rs : mapper.readTree(line).get("resourceSpans")) {
                for (JsonNode ss : rs.get("scopeSpans")) {
                    spans += ss.get("spans").size();
                }
            }
        }
        assertThat(spans).isEqualTo(N);
        assertThat(lines).hasSize(N / 50);
    }

    @Test
    void commandLineReportsSizeAndRejectsMissingCount(@TempDir Path tmp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(LargeExportWriter.run(new String[] {tmp.resolve("x.jsonl").toString(), "1_000", "--format", "otlp"},
                new PrintStream(out), new PrintStream(err))).isEqualTo(0);
        assertThat(out.toString()).contains("wrote 1000 otlp records");
        assertThat(LargeExportWriter.run(new String[] {tmp.resolve("y.jsonl").toString()},
                new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString()).contains("usage:");
    }
}
