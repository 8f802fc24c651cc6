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

    /** An OTLP batch line of {@code calls} chat spans and {@code others} HTTP spans (no GenAI marker). */
    private static String batch(int calls, int others) {
        StringBuilder spans = new StringBuilder();
        for (int i = 0; i < calls + others; i++) {
            boolean call = i < calls;
            spans.append(i == 0 ? "" : ",").append("{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"")
                    .append(String.format("%016x", i + 1L)).append("\",\"name\":\"").append(call ? "chat gpt-4o" : "GET /api")
                    .append("\",\"startTimeUnixNano\":\"1763643900000000000\",\"endTimeUnixNano\":\"1763643900500000000\","
                            + "\"attributes\":[")
                    .append(call ? "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
                            + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o\"}},"
                            + "{\"key\":\"gen_ai.response.id\",\"value\":{\"stringValue\":\"chatcmpl-" + i + "\"}},"
                            + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"10\"}},"
                            + "{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":\"5\"}}"
                            : "{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"GET\"}}")
                    .append("],\"status\":{}}");
        }
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"support-chat\"}}]},\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}\n";
    }

    @Test
    void aFileOfManySkippedSpansAndAHandfulOfCallsWarnsButDoesNotFailStrict() throws Exception {
        Path file = dir.resolve("mostly-http.jsonl");
        Files.writeString(file, batch(2, 38)); // 2 calls of 40 spans: 5 %, under the 10 % share
        Rejections rejections = Rejections.lenient();
        assertThat(read(file, new OtlpJsonReader(false), rejections)).hasSize(2);
        assertThat(rejections.spansGiven()).isEqualTo(40);
        assertThat(rejections.notes()).singleElement().asString()
                .contains("mostly-http.jsonl", "only 2 request record(s), under 10% of the spans given",
                        "holding 40 span(s)", "span without GenAI markers 38");
        // a warning, not a failure: traces of mostly HTTP and database spans are normal
        assertThat(read(file, new OtlpJsonReader(false), Rejections.strict())).hasSize(2);

        Path enough = dir.resolve("enough-calls.jsonl");
        Files.writeString(enough, batch(4, 36)); // 10 %: no note
        Rejections fine = Rejections.lenient();
        assertThat(read(enough, new OtlpJsonReader(false), fine)).hasSize(4);
        assertThat(fine.notes()).isEmpty();
    }

    @Test
    void aBatchLineThatIsNotJsonCountsTheSpansItHeld() throws Exception {
        Path file = dir.resolve("cut.jsonl");
        String broken = batch(3, 22);
        Files.writeString(file, broken.substring(0, broken.length() - 40) + "\n" + batch(1, 0));
        Rejections rejections = Rejections.lenient();
        assertThat(read(file, new OtlpJsonReader(false), rejections)).hasSize(1);
        assertThat(rejections.count(RejectReason.MALFORMED_LINE)).isEqualTo(1);
        assertThat(rejections.examples(RejectReason.MALFORMED_LINE).get(0).message())
                .contains("the line held 25 span(s)", "none was read");
        assertThat(rejections.spansGiven()).isEqualTo(26);
        assertThat(rejections.spansInRejectedLines()).isEqualTo(25);
        // one record, 25 spans lost in one rejected line: fewer records than rejected spans (a failing note)
        assertThat(rejections.notes()).singleElement().asString()
                .contains("cut.jsonl", "only 1 request record(s), fewer than the 25 rejected",
                        "holding 26 span(s) (25 of them in lines rejected as a whole)");
    }
}
