package dev.llmmon.ingest.internal;

import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.WindowAggregation;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One test per real producer: the fixtures under {@code producers/} use the attribute names, value types and span
 * names that the cited source writes (docs/formats.md has the table). Each fixture also holds the producer's spans
 * that are not model calls, which must be skipped and counted, never rejected.
 */
class ProducerFormatsTest {

    /**
     * OpenLLMetry 0.47.3 (traceloop/openllmetry@09cd046c9024422d719a7fe493e2fd24bfdbfc77):
     * packages/opentelemetry-semantic-conventions-ai/opentelemetry/semconv_ai/__init__.py ({@code LLM_REQUEST_TYPE =
     * "llm.request.type"}, {@code LLMRequestTypeValues} chat/completion/embedding, {@code gen_ai.usage.prompt_tokens},
     * {@code TraceloopSpanKindValues} workflow/task/agent/tool);
     * packages/opentelemetry-instrumentation-openai/opentelemetry/instrumentation/openai/shared/chat_wrappers.py
     * ({@code SPAN_NAME = "openai.chat"}, {@code f"{prefix}.finish_reason"} with prefix {@code gen_ai.completion.N});
     * shared/embeddings_wrappers.py ({@code openai.embeddings}, no completion tokens). No {@code gen_ai.operation.name}
     * on spans.
     */
    @Test
    void openLlmetryBeforeTheGenAiNames() {
        OtlpJsonReader reader = new OtlpJsonReader(false);
        Read read = read(reader, "openllmetry-0.47.jsonl");
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::modelId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens, RequestRecord::finishReason, RequestRecord::featureId)
                .containsExactly(
                        tuple("gpt-4o-2024-08-06", 12L, 33L, FinishReason.MAX_TOKENS, "joke-service"),
                        tuple("text-embedding-3-small", 8L, 0L, FinishReason.END_TURN, "joke-service"));
        assertThat(read.records.get(0).requestId()).isEqualTo("chatcmpl-AZ9x1");
        assertThat(read.records.get(0).metadata()).containsEntry("provider", "openai").doesNotContainKey("operation");
        assertThat(read.records.get(1).metadata()).containsEntry("operation", "embeddings");
        assertThat(read.rejections.skipped()).isEqualTo(Map.of("span traceloop.span.kind=workflow", 1L));
        assertThat(reader.skippedSpans()).isEqualTo(1);
    }

    /**
     * Spring AI (spring-projects/spring-ai@fd3fd6ec700340b90c3d516be57c6e6c87dd7df1):
     * spring-ai-model/.../chat/observation/DefaultChatModelObservationConvention.java (usage as
     * {@code String.valueOf(..)}, finish reasons joined as {@code ["STOP"]}); spring-ai-commons/.../AiOperationType.java
     * ({@code chat}, {@code embedding} singular, {@code execute_tool}, {@code framework});
     * spring-ai-client-chat/.../ChatClientObservationContext.java (ChatClient spans are {@code framework});
     * spring-ai-model/.../tool/observation/ToolCallingObservationContext.java ({@code execute_tool});
     * DefaultEmbeddingModelObservationConvention.java (input tokens only).
     */
    @Test
    void springAiThroughMicrometerWritesCountsAsStrings() {
        Read read = read(new OtlpJsonReader(false), "spring-ai.jsonl");
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::modelId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens, RequestRecord::finishReason)
                .containsExactly(
                        tuple("gpt-4o-2024-08-06", 12L, 34L, FinishReason.END_TURN),
                        tuple("text-embedding-3-small", 7L, 0L, FinishReason.END_TURN));
        assertThat(read.records.get(1).metadata()).containsEntry("operation", "embeddings");
        assertThat(read.rejections.skipped()).isEqualTo(Map.of(
                "span gen_ai.operation.name=framework", 1L, "span gen_ai.operation.name=execute_tool", 1L));
    }

    /**
     * openai-v2 (open-telemetry/opentelemetry-python-contrib@466ae4c00de77d1f54f77a9600f1d08eba2306b5):
     * instrumentation-genai/opentelemetry-instrumentation-openai-v2/tests/test_utils.py ({@code assert_all_attributes}:
     * span name {@code f"{operation_name} {request_model}"}; {@code _assert_optional_attribute} asserts
     * {@code gen_ai.usage.output_tokens} absent for embeddings, {@code assert_embedding_attributes} with
     * {@code operation_name="embeddings"}). The HTTP client span beside it carries no GenAI marker.
     */
    @Test
    void openAiV2EmbeddingsHaveNoOutputTokens() {
        Read read = read(new OtlpJsonReader(false), "openai-v2.jsonl");
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::modelId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens)
                .containsExactly(tuple("text-embedding-3-small", 4L, 0L), tuple("gpt-4o-mini-2024-07-18", 24L, 9L));
        assertThat(read.records.get(0).metadata()).containsEntry("operation", "embeddings");
        assertThat(read.rejections.skipped()).isEqualTo(Map.of("span without GenAI markers", 1L));
    }

    /**
     * OpenInference (Arize-ai/openinference@1fe497f1d9f45a07eee55d97fe185e020560f9c7):
     * python/openinference-semantic-conventions/src/openinference/semconv/trace/__init__.py
     * ({@code openinference.span.kind} LLM/EMBEDDING/CHAIN/..., {@code llm.model_name}, {@code embedding.model_name},
     * {@code llm.token_count.prompt}/{@code completion}, {@code llm.provider});
     * python/instrumentation/openinference-instrumentation-openai/.../_response_attributes_extractor.py (embedding
     * spans: {@code embedding.model_name} and prompt tokens only).
     */
    @Test
    void openInferenceSpanKinds() {
        Read read = read(new OtlpJsonReader(false), "openinference.jsonl");
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::modelId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens, RequestRecord::sessionId)
                .containsExactly(tuple("gpt-4o-2024-08-06", 120L, 30L, "sess-9"),
                        tuple("text-embedding-ada-002", 6L, 0L, null));
        assertThat(read.records.get(0).metadata()).containsEntry("provider", "openai");
        assertThat(read.rejections.skipped()).isEqualTo(Map.of("span openinference.span.kind=CHAIN", 1L));
    }

    /**
     * Vercel AI SDK (vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911): packages/otel/src/legacy-open-telemetry.ts
     * (wrapper span named by {@code operationId} {@code ai.generateText} with {@code ai.usage.*}; step span
     * {@code ai.generateText.doGenerate} with {@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens},
     * {@code gen_ai.response.finish_reasons: [finishReason]} spelled {@code tool-calls}; embed span
     * {@code ai.embed.doEmbed} with {@code ai.model.id} and {@code ai.usage.tokens}). Counting the wrapper too would
     * double every call.
     */
    @Test
    void vercelAiProviderSpansOnly() {
        Read read = read(new OtlpJsonReader(false), "vercel-ai.jsonl");
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::modelId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens, RequestRecord::finishReason)
                .containsExactly(tuple("gpt-4o-2024-08-06", 50L, 20L, FinishReason.TOOL_USE),
                        tuple("text-embedding-3-small", 5L, 0L, FinishReason.END_TURN));
        assertThat(read.records.get(1).metadata()).containsEntry("operation", "embeddings")
                .containsEntry("provider", "openai.embedding");
        assertThat(read.rejections.skipped()).isEqualTo(Map.of("span name=ai.generateText", 1L));
    }

    /**
     * LangChain4j (langchain4j/langchain4j@b8b809ed57e4b65ec9b87a27c25564bdd4a80e4b):
     * langchain4j-observation/src/main/java/dev/langchain4j/observation/convention/DefaultChatModelConvention.java
     * ({@code gen_ai.operation.name=chat}, {@code outcome} SUCCESS/ERROR, models {@code "unknown"} when absent, token
     * counts as {@code "" + tokens}) and ChatModelDocumentation.java (high-cardinality keys {@code input_tokens},
     * {@code output_tokens}, not {@code gen_ai.usage.*}).
     */
    @Test
    void langChain4jObservation() {
        Read read = read(new OtlpJsonReader(false), "langchain4j.jsonl");
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::modelId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens, RequestRecord::isError)
                .containsExactly(tuple("gpt-4o-mini-2024-07-18", 15L, 3L, false),
                        tuple("gpt-4o-mini", 0L, 0L, true)); // "unknown" response model: the request model
        assertThat(read.records.get(1).error()).contains("outcome=ERROR", "429");
        assertThat(read.rejections.skipped()).isEmpty();
    }

    /**
     * Langfuse UI batch export (langfuse/langfuse@62751446149b702b419a9292ddfc2280cdf74b8c):
     * worker/src/features/database-read-stream/observation-stream.ts (rows of {@code convertObservation} plus
     * {@code traceName}); packages/shared/src/server/repositories/observations_converters.ts ({@code inputUsage} /
     * {@code outputUsage} = {@code reduceUsageOrCostDetails}: the sum of every usageDetails key containing "input" /
     * "output", so {@code usageDetails.input} lacks the cached tokens and {@code output} the reasoning tokens);
     * packages/shared/src/server/utils/transforms/transformStreamToCsv.ts with utils/stringify.ts
     * ({@code stringifyForCsv}: non-strings, Dates included, through {@code JSON.stringify}).
     */
    @Test
    void langfuseExportTotalsErrorsAndTraceNames() {
        MappedReader reader = new MappedReader(FieldMapping.builtin("langfuse"), false);
        Read jsonl = Read.file(reader, fixture("langfuse-export.jsonl"));
        assertThat(jsonl.rejections.total()).isZero();
        assertThat(reader.skippedRecords()).isEqualTo(1); // the SPAN
        assertThat(jsonl.records).extracting(RequestRecord::featureId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens, RequestRecord::isError)
                .containsExactly(
                        tuple("support-chat", 400L, 96L, false), // not usageDetails' 80 and 20
                        tuple("support-chat", 150L, 40L, false),
                        tuple("summarizer", 1000L, 120L, false),
                        tuple("support-chat", 0L, 0L, true)); // level ERROR, no usage: an error, not a rejection
        assertThat(jsonl.records.get(3).error()).isEqualTo("Request timed out.");
        assertThat(jsonl.records.stream().filter(RequestRecord::isError).count() * 4)
                .isEqualTo(jsonl.records.size()); // the 25 % error rate of the export
        assertThat(jsonl.records.get(0).latencyMs()).isEqualTo(1250.0);
        assertThat(jsonl.records.get(0).metadata()).containsEntry("generation_name", "OpenAI-generation");

        Read csv = Read.file(reader, fixture("langfuse-export.csv"));
        assertThat(csv.rejections.total()).isZero(); // the JSON-quoted date cells are unwrapped
        assertThat(csv.records).usingRecursiveFieldByFieldElementComparator().isEqualTo(jsonl.records);
    }

    /**
     * LiteLLM proxy spend logs (BerriAI/litellm@00c778dc584172404e63d4a699df31af680cbe08):
     * litellm/proxy/hooks/proxy_track_cost_callback.py ({@code async_post_call_failure_hook} writes the row with
     * {@code metadata.status = "failure"}, {@code error_information}, and {@code start_time=datetime.now(),
     * end_time=datetime.now()}). The failure counts as a request and an error but not as a 0 ms latency.
     */
    @Test
    void liteLlmFailureRowsStayOutOfLatencyPercentiles() {
        Read read = Read.file(new MappedReader(FieldMapping.builtin("litellm"), false), fixture("litellm-spend-logs.jsonl"));
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::latencyMeasured, RequestRecord::isError)
                .containsExactly(tuple(true, false), tuple(true, false), tuple(false, true));
        assertThat(read.records.get(2).error()).contains("RateLimitError");
        WindowAggregation agg = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        read.records.forEach(agg::accept);
        WindowMetrics w = agg.metrics().stream().filter(m -> m.key().isRollup()).findFirst().orElseThrow();
        assertThat(w.requests()).isEqualTo(3);
        assertThat(w.errors()).isEqualTo(1);
        // nearest rank over {1200, 2000}; with the failure's 0 ms it would be 1200
        assertThat(w.latencyP50Ms()).isEqualTo(2000.0);
    }

    /**
     * opentelemetry-proto's own example (open-telemetry/opentelemetry-proto@ac2c4b5d1f3a6079de62f9afec860158ecc8af09,
     * examples/trace.json, copied verbatim): one pretty-printed {@code ExportTraceServiceRequest} over 51 lines, with
     * one server span and no GenAI marker. Read as one document: the span is skipped and counted, nothing rejected.
     */
    @Test
    void otlpExampleTraceIsOneDocument() {
        assertThat(dev.llmmon.ingest.LogFormat.detect(fixture("otlp-example-trace.json")))
                .isEqualTo(dev.llmmon.ingest.LogFormat.OTLP);
        Read read = read(new OtlpJsonReader(false), "otlp-example-trace.json");
        assertThat(read.records).isEmpty();
        assertThat(read.rejections.total()).isZero();
        assertThat(read.rejections.skipped()).isEqualTo(Map.of("span without GenAI markers", 1L));
    }

    /** The openai-v2 batch above, pretty-printed: the same records, located at the batch's line in the file. */
    @Test
    void prettyPrintedOtlpReadsLikeItsBatchLine() {
        Read pretty = read(new OtlpJsonReader(false), "openai-v2-pretty.json");
        Read line = read(new OtlpJsonReader(false), "openai-v2.jsonl");
        assertThat(pretty.rejections.total()).isZero();
        assertThat(pretty.records).usingRecursiveFieldByFieldElementComparator().isEqualTo(line.records);
        assertThat(pretty.lines).containsOnly(3L); // the resourceSpans element starts on line 3
    }

    /** LiteLLM {@code GET /spend/logs} answers one JSON array of the rows above. */
    @Test
    void liteLlmApiArrayReadsLikeItsRows() {
        MappedReader reader = new MappedReader(FieldMapping.builtin("litellm"), false);
        Read array = Read.file(reader, fixture("litellm-spend-logs-api.json"));
        Read lines = Read.file(reader, fixture("litellm-spend-logs.jsonl"));
        assertThat(array.rejections.total()).isZero();
        assertThat(array.records).hasSize(3).usingRecursiveFieldByFieldElementComparator().isEqualTo(lines.records);
    }

    /**
     * Langfuse public API v1 {@code GET /api/public/observations}: {@code {data: [...], meta: {...}}}, pretty-printed
     * (web/src/features/public-api/types/observations.ts: {@code usage.input}, {@code promptTokens},
     * {@code calculatedTotalCost}; {@code traceName} left out, so the generation name is the feature).
     */
    @Test
    void langfuseApiEnvelope() {
        MappedReader reader = new MappedReader(FieldMapping.builtin("langfuse"), false);
        Read read = Read.file(reader, fixture("langfuse-api-v1.json"));
        assertThat(read.rejections.total()).isZero();
        assertThat(reader.skippedRecords()).isEqualTo(1);
        assertThat(read.records).extracting(RequestRecord::featureId, RequestRecord::inputTokens,
                        RequestRecord::outputTokens, RequestRecord::isError, RequestRecord::costUsd)
                .containsExactly(
                        tuple("OpenAI-generation", 400L, 96L, false, 0.00156),
                        tuple("OpenAI-generation", 150L, 40L, false, 0.00078),
                        tuple("OpenAI-generation", 1000L, 120L, false, 0.0002),
                        tuple("OpenAI-generation", 0L, 0L, true, null));
    }

    private static Read read(OtlpJsonReader reader, String fixture) {
        return Read.file(reader, fixture(fixture));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(ProducerFormatsTest.class.getResource("/producers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
