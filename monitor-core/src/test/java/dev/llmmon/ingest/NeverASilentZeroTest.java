package dev.llmmon.ingest;

import dev.llmmon.ingest.internal.OtlpJsonReader;
import dev.llmmon.ingest.internal.NativeJsonlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A file that gives no records, or fewer than it rejects, says why; strict fails on it. */
class NeverASilentZeroTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NeverASilentZeroTest.class.getResource("/producers/" + name).toURI());
    }

    private static List<String> read(Path file, LogReader reader, Rejections rejections) throws IOException {
        List<String> ids = new ArrayList<>();
        new Ingest(new Ingest.Options(1, 1 << 16)).run(List.of(file), f -> reader, r -> ids.add(r.requestId()), rejections);
        return ids;
    }

    @Test
    void spansWithoutModelCallsSayWhichKindsWereSeenAndWhatIsExpected() throws Exception {
        Rejections rejections = Rejections.lenient();
        assertThat(read(fixture("otlp-example-trace.json"), new OtlpJsonReader(false), rejections)).isEmpty();
        assertThat(rejections.total()).isZero();
        assertThat(rejections.notes()).singleElement().asString()
                .contains("otlp-example-trace.json", "no request records from 51 line(s)", "span without GenAI markers 1",
                        "gen_ai.operation.name", "llm.request.type", "openinference.span.kind");

        assertThatThrownBy(() -> read(fixture("otlp-example-trace.json"), new OtlpJsonReader(false), Rejections.strict()))
                .isInstanceOf(RejectedInputException.class)
                .satisfies(e -> assertThat(((RejectedInputException) e).rejection().reason())
                        .isEqualTo(RejectReason.NO_RECORDS));
    }

    @Test
    void aFileWithMoreRejectionsThanRecordsSaysSoAndAGoodOneSaysNothing() throws Exception {
        Path file = dir.resolve("mostly-bad.jsonl");
        String good = "{\"request_id\":\"r-1\",\"timestamp\":1763640000,\"feature_id\":\"chat\",\"model_id\":\"m\","
                + "\"latency_ms\":100,\"input_tokens\":10,\"output_tokens\":5,\"finish_reason\":\"stop\"}\n";
        Files.writeString(file, good + "{not json\n{\"request_id\":\"r-2\"}\n");
        Rejections rejections = Rejections.lenient();
        assertThat(read(file, new NativeJsonlReader(false), rejections)).containsExactly("r-1");
        assertThat(rejections.notes()).singleElement().asString()
                .contains("mostly-bad.jsonl", "only 1 request record(s), fewer than the 2 rejected", "from 3 line(s)",
                        "malformed_line 1", "missing_field 1");

        Path fine = dir.resolve("fine.jsonl");
        Files.writeString(fine, good);
        Rejections none = Rejections.lenient();
        assertThat(read(fine, new NativeJsonlReader(false), none)).hasSize(1);
        assertThat(none.notes()).isEmpty();
    }
}
