package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappedReaderTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(MappedReaderTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void litellmSpendLogsAsJsonl() {
        Read read = Read.file(new MappedReader(FieldMapping.builtin("litellm"), true), fixture("litellm-spend-logs.jsonl"));
        assertThat(read.records).hasSize(3);
        RequestRecord ok = read.records.get(0);
        assertThat(ok.requestId()).isEqualTo("chatcmpl-a1");
        assertThat(ok.timestamp()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
        assertThat(ok.latencyMs()).isEqualTo(812.0);
        assertThat(ok.featureId()).isEqualTo("support-chat");
        assertThat(ok.modelId()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(ok.inputTokens()).isEqualTo(412);
        assertThat(ok.outputTokens()).isEqualTo(96);
        assertThat(ok.costUsd()).isEqualTo(0.00199);
        assertThat(ok.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(ok.error()).isNull();
        assertThat(ok.sessionId()).isEqualTo("s-17");
        assertThat(ok.output()).isEqualTo("Go to Settings");
        assertThat(ok.metadata()).isEqualTo(Map.of("model_group", "gpt-4o", "provider", "openai", "team", "support",
                "end_user", "u-5", "call_type", "acompletion"));

        RequestRecord failed = read.records.get(1);
        assertThat(failed.modelId()).isEqualTo("gpt-4o"); // empty model: model_group
        assertThat(failed.error()).isEqualTo("litellm.RateLimitError: Rate limit reached");
        assertThat(failed.finishReason()).isEqualTo(FinishReason.ERROR);
        // LiteLLM logs failures with start = end = now: not a latency, flagged and kept out of percentiles
        assertThat(failed.latencyMs()).isZero();
        assertThat(failed.latencyMeasured()).isFalse();
        assertThat(ok.latencyMeasured()).isTrue();

        assertThat(read.records.get(2).finishReason()).isEqualTo(FinishReason.END_TURN); // no stored response: default

        Rejection missing = read.onlyRejection(); // line 4 lacks prompt_tokens: a rejection, not a failure
        assertThat(missing.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(missing.field()).isEqualTo("/prompt_tokens");
        assertThat(missing.line()).isEqualTo(4);
        assertThat(missing.file()).isEqualTo("litellm-spend-logs.jsonl");
    }

    @Test
    void litellmDatabaseDumpAsCsvGivesTheSameRecords() {
        MappedReader reader = new MappedReader(FieldMapping.builtin("litellm"), true);
        Read csv = Read.file(reader, fixture("litellm-spend-logs.csv"));
        Read jsonl = Read.file(reader, fixture("litellm-spend-logs.jsonl"));
        assertThat(csv.rejections.total()).isZero();
        assertThat(csv.lines).containsExactly(2L, 3L, 4L);
        // the dump has no end_user/team columns beyond metadata, otherwise the rows are the same
        assertThat(csv.records).usingRecursiveFieldByFieldElementComparatorIgnoringFields("metadata")
                .isEqualTo(jsonl.records);
    }

    @Test
    void langfuseObservationsAsJsonlSkipSpansAndReadErrors() {
        MappedReader reader = new MappedReader(FieldMapping.builtin("langfuse"), true);
        Read read = Read.file(reader, fixture("langfuse-observations.jsonl"));
        assertThat(read.rejections.total()).isZero();
        assertThat(reader.skippedRecords()).isEqualTo(1);
        assertThat(read.lines).containsExactly(2L, 3L);
        RequestRecord ok = read.records.get(0);
        assertThat(ok.requestId()).isEqualTo("obs-1");
        assertThat(ok.featureId()).isEqualTo("support-chat");
        assertThat(ok.latencyMs()).isEqualTo(812.0);
        assertThat(ok.inputTokens()).isEqualTo(412);
        assertThat(ok.outputTokens()).isEqualTo(96);
        assertThat(ok.costUsd()).isEqualTo(0.00199);
        assertThat(ok.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(ok.output()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Go to Settings\"}");
        assertThat(ok.metadata()).isEqualTo(Map.of("trace_id", "tr-1", "prompt_name", "support",
                "prompt_version", "7", "environment", "production", "generation_name", "support-chat"));
        RequestRecord failed = read.records.get(1);
        assertThat(failed.error()).isEqualTo("upstream timeout");
        assertThat(failed.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(failed.inputTokens()).isEqualTo(100); // from usage, the older field
        assertThat(failed.costUsd()).isNull();
    }

    @Test
    void langfuseObservationsAsCsv() {
        MappedReader reader = new MappedReader(FieldMapping.builtin("langfuse"), false);
        Read csv = Read.file(reader, fixture("langfuse-observations.csv"));
        Read jsonl = Read.file(reader, fixture("langfuse-observations.jsonl"));
        assertThat(csv.rejections.total()).isZero();
        assertThat(csv.records).usingRecursiveFieldByFieldElementComparatorIgnoringFields("metadata")
                .isEqualTo(jsonl.records);
    }

    @Test
    void firstRecordLackingARequiredFieldFailsOnceNamingFileFieldAndLine() throws IOException {
        Path file = dir.resolve("spend.jsonl");
        Files.writeString(file, "\n{\"request_id\":\"r\",\"startTime\":\"2025-03-04T10:00:00Z\",\"endTime\":\"2025-03-04T10:00:01Z\","
                + "\"model\":\"m\",\"tokens_in\":1,\"completion_tokens\":1,\"metadata\":{\"user_api_key_alias\":\"f\"}}\n");
        MappedReader reader = new MappedReader(FieldMapping.builtin("litellm"), false);
        assertThatThrownBy(() -> Read.file(reader, file))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("spend.jsonl:2")
                .hasMessageContaining("/prompt_tokens")
                .hasMessageContaining("input_tokens")
                .satisfies(e -> {
                    MappingException m = (MappingException) e;
                    assertThat(m.file()).isEqualTo("spend.jsonl");
                    assertThat(m.field()).isEqualTo("/prompt_tokens");
                    assertThat(m.line()).isEqualTo(2);
                });
    }

    @Test
    void csvHeaderLackingARequiredColumnFailsNamingIt() throws IOException {
        Path file = dir.resolve("obs.csv");
        Files.writeString(file, "id,type,name,startTime,endTime,model,usage\n"
                + "o1,GENERATION,f,2025-03-04T10:00:00Z,2025-03-04T10:00:01Z,m,\"{\"\"input\"\":1}\"\n");
        assertThatThrownBy(() -> Read.file(new MappedReader(FieldMapping.builtin("langfuse"), false), file))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("obs.csv:2")
                .hasMessageContaining("output_tokens")
                .hasMessageContaining("usageDetails");
    }

    static final String CUSTOM = """
            name: warehouse
            format: jsonl
            fields:
              request_id: /id
              timestamp: {from: /ts, unit: epoch_ms}
              latency_ms: {from: /duration, unit: s}
              model_id: /model
              input_tokens: /usage/in
              output_tokens: /usage/out
              cost_usd: /cost
              finish_reason: {from: /stop, values: {done: end_turn, cut: max_tokens}}
              error: /err
            constants: {feature_id: reports}
            metadata: {tenant: /tenant}
            metadata_object: /tags
            """;
    static final String CUSTOM_GOOD = "{\"id\":\"w1\",\"ts\":1700000000250,\"duration\":1.5,\"model\":\"m\","
            + "\"usage\":{\"in\":10,\"out\":5},\"cost\":0.01,\"stop\":\"cut\",\"err\":null,\"tenant\":\"acme\",\"tags\":{\"tier\":\"gold\",\"n\":1}}";

    private MappedReader custom() throws IOException {
        Path mapping = dir.resolve("warehouse.yaml");
        Files.writeString(mapping, CUSTOM);
        return new MappedReader(FieldMapping.load(mapping), false);
    }

    @Test
    void customMappingWithUnitsValueMapsConstantsAndMetadata() throws IOException {
        RequestRecord r = Read.text(custom(), CUSTOM_GOOD + "\n").only();
        assertThat(r.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000L, 250_000_000L));
        assertThat(r.latencyMs()).isEqualTo(1500.0);
        assertThat(r.featureId()).isEqualTo("reports");
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(r.error()).isNull();
        assertThat(r.metadata()).isEqualTo(Map.of("tenant", "acme", "tier", "gold", "n", "1"));
    }

    @Test
    void mappingFilesMayBeJson() throws IOException {
        Path mapping = dir.resolve("m.json");
        Files.writeString(mapping, "{\"fields\":{\"request_id\":\"id\",\"timestamp\":\"/t\",\"feature_id\":\"/f\","
                + "\"model_id\":\"/m\",\"latency_ms\":\"/l\",\"input_tokens\":\"/i\",\"output_tokens\":\"/o\","
                + "\"finish_reason\":{\"default\":\"stop\"}}}");
        RequestRecord r = Read.text(new MappedReader(FieldMapping.load(mapping), false),
                "{\"id\":\"x\",\"t\":\"2025-01-01T00:00:00Z\",\"f\":\"f\",\"m\":\"m\",\"l\":3,\"i\":1,\"o\":2}\n").only();
        assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(r.requestId()).isEqualTo("x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MISSING_FIELD         | /usage/in | "in":10,        | "x":10,
            WRONG_TYPE            | /usage/in | "in":10         | "in":"10"
            NEGATIVE_NUMBER       | /cost     | "cost":0.01     | "cost":-1
            NOT_FINITE            | /duration | "duration":1.5  | "duration":NaN
            NOT_AN_INTEGER        | /usage/in | "in":10         | "in":10.5
            BAD_TIMESTAMP         | /ts       | "ts":1700000000250 | "ts":"later"
            UNKNOWN_FINISH_REASON | /stop     | "stop":"cut"    | "stop":"stopped"
            """)
    void rejectsBadValuesLikeTheNativeReader(RejectReason reason, String field, String from, String to) throws IOException {
        String bad = CUSTOM_GOOD.replace(from, to);
        assertThat(bad).isNotEqualTo(CUSTOM_GOOD);
        Read read = Read.text(custom(), CUSTOM_GOOD + "\n" + bad + "\n");
        assertThat(read.records).hasSize(1);
        assertThat(read.onlyRejection().reason()).isEqualTo(reason);
        assertThat(read.onlyRejection().field()).isEqualTo(field);
        assertThat(read.onlyRejection().line()).isEqualTo(2);
    }

    @Test
    void malformedLinesAndCsvCellsThatAreNotJson() throws IOException {
        Read read = Read.text(custom(), CUSTOM_GOOD + "\n{oops\n[1]\n");
        assertThat(read.rejections.counts()).containsOnly(Map.entry(RejectReason.MALFORMED_LINE, 1L),
                Map.entry(RejectReason.NOT_AN_OBJECT, 1L));

        Path csv = dir.resolve("spend.csv");
        List<String> lines = Files.readAllLines(fixture("litellm-spend-logs.csv"));
        Files.write(csv, List.of(lines.get(0), lines.get(1), lines.get(1).replace("\"{\"\"user_api_key_alias", "\"{not json")));
        Read bad = Read.file(new MappedReader(FieldMapping.builtin("litellm"), false), csv);
        assertThat(bad.records).hasSize(1);
        assertThat(bad.onlyRejection().reason()).isEqualTo(RejectReason.MAPPING_FAILED);
        assertThat(bad.onlyRejection().line()).isEqualTo(3);
        assertThat(bad.onlyRejection().field()).startsWith("/metadata/");
    }

    @Test
    void csvNumbersAreParsedFromTextAndNaNIsNotFinite() throws IOException {
        Path csv = dir.resolve("spend.csv");
        List<String> lines = Files.readAllLines(fixture("litellm-spend-logs.csv"));
        Files.write(csv, List.of(lines.get(0), lines.get(1), lines.get(1).replace(",0.00199,", ",NaN,"),
                lines.get(1).replace(",412,", ",many,")));
        Read read = Read.file(new MappedReader(FieldMapping.builtin("litellm"), false), csv);
        assertThat(read.records).hasSize(1);
        assertThat(read.rejections.counts()).containsOnly(Map.entry(RejectReason.NOT_FINITE, 1L),
                Map.entry(RejectReason.WRONG_TYPE, 1L));
    }

    @Test
    void invalidMappingsFailWhenLoaded() throws IOException {
        assertThatThrownBy(() -> FieldMapping.builtin("helicone")).hasMessageContaining("No built-in mapping 'helicone'");
        Path m = dir.resolve("bad.yaml");
        Files.writeString(m, "fields: {request_id: /id, modle_id: /model}\n");
        assertThatThrownBy(() -> FieldMapping.load(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(m.toString()).hasMessageContaining("unknown native field 'modle_id'");
        Files.writeString(m, CUSTOM.replace("  model_id: /model\n", ""));
        assertThatThrownBy(() -> FieldMapping.load(m)).hasMessageContaining("required native field 'model_id'");
        Files.writeString(m, CUSTOM.replace("unit: s}", "unit: minutes}"));
        assertThatThrownBy(() -> FieldMapping.load(m)).hasMessageContaining("unit 'minutes'");
        Files.writeString(m, CUSTOM.replace("format: jsonl", "format: parquet"));
        assertThatThrownBy(() -> FieldMapping.load(m)).hasMessageContaining("format must be jsonl, csv or auto");
    }

    @Test
    void aConstantCanStandInForAFieldTheExportLacks() throws IOException {
        Path file = dir.resolve("spend.jsonl");
        Files.writeString(file, "{\"request_id\":\"r\",\"startTime\":\"2025-03-04T10:00:00Z\",\"endTime\":\"2025-03-04T10:00:01Z\","
                + "\"model\":\"m\",\"prompt_tokens\":1,\"completion_tokens\":1,\"metadata\":{}}\n");
        FieldMapping mapping = FieldMapping.builtin("litellm").withConstant("feature_id", "checkout-bot");
        assertThat(Read.file(new MappedReader(mapping, false), file).only().featureId()).isEqualTo("checkout-bot");
    }
}
