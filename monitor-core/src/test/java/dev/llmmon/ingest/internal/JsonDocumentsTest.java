package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonDocumentsTest {

    private static String lines(String content) throws IOException {
        try (InputStream in = JsonDocuments.asLines(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void jsonLinesPassThroughByteForByte() throws IOException {
        String jsonl = "{\"a\":1}\n{\"a\":2}\n";
        assertThat(lines(jsonl)).isEqualTo(jsonl);
        String damagedFirst = "{\"a\":1, \"b\n{\"a\":2}\n"; // a cut first line is not a document
        assertThat(lines(damagedFirst)).isEqualTo(damagedFirst);
        assertThat(lines("id,model\n1,m\n")).isEqualTo("id,model\n1,m\n");
        assertThat(lines("")).isEmpty();
    }

    @Test
    void arrayElementsBecomeLinesAtTheirLineInTheFile() throws IOException {
        assertThat(lines("[\n  {\"a\": 1},\n\n  {\"a\": [2,\n 3]}\n]\n")).isEqualTo("\n{\"a\":1}\n\n{\"a\":[2,3]}\n\n\n"); // as many lines as the file
        // on one line: numbered after it
        assertThat(lines("[{\"a\":1},{\"a\":2}]")).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
    }

    @Test
    void envelopeRecordsAreReadAndItsOtherFieldsSkipped() throws IOException {
        assertThat(lines("{\n \"meta\": {\"page\": 1},\n \"items\": [\n  {\"a\": 1}\n ]\n}\n")).isEqualTo("\n\n\n{\"a\":1}\n\n\n");
    }

    @Test
    void otlpDocumentGivesOneBatchLinePerResourceSpans() throws IOException {
        assertThat(lines("{\n \"resourceSpans\": [\n  {\"scopeSpans\": []},\n  {\"scopeSpans\": []}\n ]\n}"))
                .isEqualTo("\n\n{\"resourceSpans\":[{\"scopeSpans\":[]}]}\n{\"resourceSpans\":[{\"scopeSpans\":[]}]}\n\n\n");
    }

    @Test
    void otherDocumentsAreRefusedSayingWhatTheyHold() {
        assertThatThrownBy(() -> lines("{\n \"report\": {\"rows\": [1]},\n \"version\": 2\n}"))
                .isInstanceOf(DamagedInputException.class)
                .hasMessageContaining("one JSON document")
                .hasMessageContaining("report, version")
                .hasMessageContaining("jq -c")
                .satisfies(e -> assertThat(((DamagedInputException) e).reason()).isEqualTo(RejectReason.UNREADABLE_FILE));
    }

    @Test
    void aBrokenDocumentFailsNamingTheLineAfterItsGoodRecords() throws IOException {
        try (InputStream in = JsonDocuments.asLines(new ByteArrayInputStream(
                "[\n{\"a\":1},\n{\"a\": oops}\n]".getBytes(StandardCharsets.UTF_8)))) {
            byte[] buf = new byte[64];
            int n = in.read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("\n{\"a\":1}\n");
            assertThatThrownBy(() -> in.read(buf)).isInstanceOf(DamagedInputException.class)
                    .hasMessageContaining("line 3");
        }
    }
}
