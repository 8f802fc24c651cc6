package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.WindowAggregation;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Cached-input and reasoning tokens as their own columns, read under the names real producers write, and usage that
 * is unknown (a failed call logged without it) kept out of the window's mean tokens.
 */
class TokenDetailColumnsTest {

    /**
     * One span per producer spelling (fixture {@code producers/cached-reasoning-tokens.jsonl}):
     * <ul>
     *   <li>GenAI conventions {@code gen_ai.usage.cache_read.input_tokens}: OpenLLMetry after its move to the
     *       conventions package (traceloop/openllmetry@93429cfb9767e6b51db6cb35f6b70f758117669a,
     *       packages/opentelemetry-instrumentation-openai/.../shared/__init__.py sets
     *       {@code GenAIAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS} from {@code prompt_tokens_details.cached_tokens};
     *       packages/opentelemetry-semantic-conventions-ai/.../_testing.py asserts its value), with
     *       {@code gen_ai.usage.reasoning_tokens} ({@code SpanAttributes.GEN_AI_USAGE_REASONING_TOKENS}, same file set);</li>
     *   <li>OpenLLMetry 0.47.3 (traceloop/openllmetry@09cd046c9024422d719a7fe493e2fd24bfdbfc77,
     *       packages/opentelemetry-semantic-conventions-ai/opentelemetry/semconv_ai/__init__.py:
     *       {@code LLM_USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read_input_tokens"},
     *       {@code LLM_USAGE_REASONING_TOKENS = "gen_ai.usage.reasoning_tokens"}; set in shared/__init__.py and
     *       chat_wrappers.py of the openai instrumentation);</li>
     *   <li>OpenInference (Arize-ai/openinference@0101ec1661dbdbb80d85b961826e3eae1d45a900,
     *       python/openinference-semantic-conventions/src/openinference/semconv/trace/__init__.py:
     *       {@code llm.token_count.prompt_details.cache_read}, {@code llm.token_count.completion_details.reasoning});</li>
     *   <li>Vercel AI SDK (vercel/ai@02694f4bea5fedf9def70c508d4956f3434e120d, packages/otel/src/legacy-open-telemetry.ts:
     *       {@code ai.usage.cachedInputTokens}, {@code ai.usage.reasoningTokens}, numbers as doubleValue).</li>
     * </ul>
     */
    @Test
    void otlpReadsEveryProducersCachedAndReasoningNames() throws Exception {
        Read read = Read.file(new OtlpJsonReader(false), fixture("cached-reasoning-tokens.jsonl"));
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::requestId, RequestRecord::inputTokens,
                        RequestRecord::cachedInputTokens, RequestRecord::outputTokens, RequestRecord::reasoningTokens,
                        RequestRecord::tokensKnown)
                .containsExactly(
                        tuple("chatcmpl-semconv", 2048L, 1920L, 90L, 0L, true),
                        tuple("chatcmpl-ollm047", 1200L, 1024L, 700L, 512L, true),
                        tuple("5b8efff798038103d269b633813fc60c:eee19b7ec3c1b103", 300L, 256L, 40L, 8L, true),
                        tuple("5b8efff798038103d269b633813fc60c:eee19b7ec3c1b104", 500L, 128L, 300L, 192L, true),
                        tuple("chatcmpl-plain", 100L, null, 20L, null, true),
                        // failed without usage: 0 placeholders, flagged unknown
                        tuple("5b8efff798038103d269b633813fc60c:eee19b7ec3c1b106", 0L, null, 0L, null, false));
    }

    @Test
    void windowMeansCountOnlyKnownUsageAndReportTheParts() throws Exception {
        Read read = Read.file(new OtlpJsonReader(false), fixture("cached-reasoning-tokens.jsonl"));
        WindowAggregation agg = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        read.records.forEach(agg::accept);
        WindowMetrics w = agg.metrics().stream().filter(m -> m.key().isRollup()).findFirst().orElseThrow();
        assertThat(w.requests()).isEqualTo(6);
        assertThat(w.errors()).isEqualTo(1);
        // over the five calls with usage: (2048+1200+300+500+100)/5, not /6 with a made-up 0
        assertThat(w.meanInputTokens()).isEqualTo((2048 + 1200 + 300 + 500 + 100) / 5.0);
        assertThat(w.meanOutputTokens()).isEqualTo((90 + 700 + 40 + 300 + 20) / 5.0);
        WindowMetrics.TokenDetail t = w.tokens();
        assertThat(t.tokensUnknownRequests()).isEqualTo(1);
        assertThat(t.cachedInputTokensTotal()).isEqualTo(1920 + 1024 + 256 + 128);
        assertThat(t.cachedInputTokensRequests()).isEqualTo(4);
        assertThat(t.meanCachedInputTokens()).isEqualTo((1920 + 1024 + 256 + 128) / 4.0);
        assertThat(t.reasoningTokensTotal()).isEqualTo(512 + 8 + 192);
        assertThat(t.reasoningTokensRequests()).isEqualTo(4);
    }

    @Test
    void aWindowOfOnlyUnknownUsageHasNoMeanTokens() {
        Read read = Read.text(new OtlpJsonReader(false), FAILED_WITHOUT_USAGE);
        WindowAggregation agg = new WindowAggregation(AggregationOptions.hourly(), PricingTable.empty());
        read.records.forEach(agg::accept);
        WindowMetrics w = agg.metrics().get(0);
        assertThat(w.requests()).isEqualTo(1);
        assertThat(w.meanInputTokens()).isNaN(); // unknown, never 0
        assertThat(w.tokens().meanCachedInputTokens()).isNaN();
    }

    @Test
    void nativeLogCarriesTheOptionalColumns() {
        String base = "{\"request_id\":\"r-%s\",\"timestamp\":1763643900,\"feature_id\":\"f\",\"model_id\":\"m\","
                + "\"latency_ms\":10,\"input_tokens\":100,\"output_tokens\":50,\"finish_reason\":\"stop\",\"error\":null%s}\n";
        Read read = Read.text(new NativeJsonlReader(false),
                String.format(base, "1", ",\"cached_input_tokens\":64,\"reasoning_tokens\":32")
                        + String.format(base, "2", ",\"cached_input_tokens\":null")
                        + String.format(base, "3", ",\"reasoning_tokens\":-1")
                        + String.format(base, "4", ",\"cached_input_tokens\":\"many\""));
        assertThat(read.records).extracting(RequestRecord::cachedInputTokens, RequestRecord::reasoningTokens)
                .containsExactly(tuple(64L, 32L), tuple(null, null));
        assertThat(read.rejections.examples()).extracting(Rejection::reason, Rejection::field)
                .containsExactlyInAnyOrder(tuple(RejectReason.NEGATIVE_NUMBER, "reasoning_tokens"),
                        tuple(RejectReason.WRONG_TYPE, "cached_input_tokens"));
    }

    /**
     * Langfuse's usageDetails split (fixture as in {@link ProducerFormatsTest}): {@code input_cached_tokens} and
     * {@code output_reasoning_tokens} become the columns; the ERROR generation without usage has unknown tokens.
     */
    @Test
    void langfuseUsageDetailsFillTheColumns() throws Exception {
        MappedReader reader = new MappedReader(FieldMapping.builtin("langfuse"), false);
        for (String file : List.of("langfuse-export.jsonl", "langfuse-export.csv")) {
            Read read = Read.file(reader, fixture(file));
            assertThat(read.rejections.total()).isZero();
            assertThat(read.records).extracting(RequestRecord::inputTokens, RequestRecord::cachedInputTokens,
                            RequestRecord::outputTokens, RequestRecord::reasoningTokens, RequestRecord::tokensKnown)
                    .as(file)
                    .containsExactly(
                            tuple(400L, 320L, 96L, 76L, true),
                            tuple(150L, null, 40L, null, true),
                            tuple(1000L, 100L, 120L, null, true),
                            tuple(0L, null, 0L, null, false));
        }
    }

    /**
     * LiteLLM keeps the provider's usage object in the spend-log row's metadata (BerriAI/litellm@00907c60692d7d14dc7ea814e645165d3b4d5fe9,
     * litellm/proxy/spend_tracking/spend_tracking_utils.py: {@code clean_metadata["usage_object"]}), OpenAI's shape:
     * {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens_details.reasoning_tokens}; null when the
     * call had none.
     */
    @Test
    void liteLlmUsageObjectFillsTheColumns(@TempDir Path dir) throws IOException {
        String row = "{\"request_id\":\"req-%s\",\"spend\":0.001,\"prompt_tokens\":412,\"completion_tokens\":96,"
                + "\"startTime\":\"2026-11-20T10:00:00.000Z\",\"endTime\":\"2026-11-20T10:00:01.200Z\","
                + "\"model\":\"o3-mini\",\"status\":\"success\",\"metadata\":{\"user_api_key_alias\":\"support-chat\","
                + "\"status\":\"success\",\"usage_object\":%s}}\n";
        Path file = dir.resolve("spend.jsonl");
        Files.writeString(file, String.format(row, "1", "{\"completion_tokens\":96,\"prompt_tokens\":412,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":384},\"completion_tokens_details\":{\"reasoning_tokens\":64}}")
                + String.format(row, "2", "{\"completion_tokens\":96,\"prompt_tokens\":412,"
                + "\"completion_tokens_details\":null,\"prompt_tokens_details\":null}")
                + String.format(row, "3", "null"));
        Read read = Read.file(new MappedReader(FieldMapping.builtin("litellm"), false), file);
        assertThat(read.rejections.total()).isZero();
        assertThat(read.records).extracting(RequestRecord::cachedInputTokens, RequestRecord::reasoningTokens)
                .containsExactly(tuple(384L, 64L), tuple(null, null), tuple(null, null));
    }

    /** One failed chat span without any usage attribute. */
    private static final String FAILED_WITHOUT_USAGE = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":"
            + "\"service.name\",\"value\":{\"stringValue\":\"support-chat\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":"
            + "\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b106\",\"name\":\"chat gpt-4o\","
            + "\"startTimeUnixNano\":\"1763643906000000000\",\"endTimeUnixNano\":\"1763643906800000000\",\"attributes\":["
            + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},{\"key\":\"gen_ai.request.model\","
            + "\"value\":{\"stringValue\":\"gpt-4o\"}},{\"key\":\"error.type\",\"value\":{\"stringValue\":\"RateLimitError\"}}],"
            + "\"status\":{\"code\":2}}]}]}]}\n";

    private static Path fixture(String name) {
        try {
            return Path.of(TokenDetailColumnsTest.class.getResource("/producers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
