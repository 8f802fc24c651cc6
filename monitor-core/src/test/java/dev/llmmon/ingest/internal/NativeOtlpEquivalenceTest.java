package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.llmmon.ingest.internal.Otlp.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same requests written as native JSONL and as OTLP spans read to equal records, except what OTLP cannot
 * carry: {@code cost_usd} (spans have no cost; the OTLP reader gives null). Timestamps are compared at microsecond
 * precision because the native format is written that way here; OTLP itself carries nanoseconds.
 */
class NativeOtlpEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FINISH = {"stop", "length", "tool_calls", "content_filter", "end_turn"};

    @Test
    void sameRequestsGiveEqualRecords() throws Exception {
        Random random = new Random(20251120L);
        StringBuilder nativeLog = new StringBuilder();
        StringBuilder otlpLog = new StringBuilder();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "chatcmpl-" + i;
            long micros = 1_763_643_901_000_000L + i * 1_234_567L + random.nextInt(1000);
            long latencyMicros = 50_000 + random.nextInt(5_000_000);
            long in = random.nextInt(4000);
            long out = random.nextInt(800);
            boolean failed = random.nextInt(10) == 0;
            String finish = FINISH[random.nextInt(FINISH.length)];
            String feature = random.nextBoolean() ? "support-chat" : "summarize";
            String model = random.nextBoolean() ? "gpt-4o-2024-08-06" : "claude-sonnet-4-5";
            String question = "question " + i + " with \"quotes\"\nand a newline";
            String answer = "answer " + i;

            ObjectNode n = JSON.createObjectNode();
            n.put("request_id", id);
            n.put("timestamp", Instant.ofEpochSecond(0, micros * 1000).toString());
            n.put("feature_id", feature);
            n.put("model_id", model);
            n.put("latency_ms", latencyMicros / 1000.0);
            n.put("input_tokens", failed ? 0 : in);
            n.put("output_tokens", failed ? 0 : out);
            n.put("cost_usd", 0.001 * i);
            n.put("finish_reason", failed ? "error" : finish);
            if (failed) {
                n.put("error", "RateLimitError");
            } else {
                n.putNull("error");
            }
            n.put("session_id", "s-" + (i % 17));
            n.put("user_input", question);
            n.put("output", answer);
            n.put("system_fingerprint", "fp_" + (i % 3));
            n.putObject("metadata").put("prompt_version", "v" + (i % 4)).put("provider", "openai");
            nativeLog.append(JSON.writeValueAsString(n)).append('\n');

            List<String> attributes = new ArrayList<>(List.of(
                    str("gen_ai.operation.name", "chat"), str("gen_ai.provider.name", "openai"),
                    str("gen_ai.request.model", model), str("gen_ai.response.id", id),
                    str("app.feature_id", feature), str("app.prompt_version", "v" + (i % 4)),
                    str("session.id", "s-" + (i % 17)), str("openai.response.system_fingerprint", "fp_" + (i % 3)),
                    str("gen_ai.input.messages", JSON.writeValueAsString(List.of(java.util.Map.of("role", "user",
                            "parts", List.of(java.util.Map.of("type", "text", "content", question)))))),
                    kv("gen_ai.output.messages", array(kvlist(kv("role", sv("assistant")),
                            kv("parts", array(kvlist(kv("type", sv("text")), kv("content", sv(answer))))))))));
            if (failed) {
                attributes.add(str("error.type", "RateLimitError"));
            } else {
                // alternate the attribute generations and the int64 spelling
                attributes.add(i % 2 == 0 ? int64("gen_ai.usage.input_tokens", in) : intNumber("gen_ai.usage.prompt_tokens", in));
                attributes.add(i % 2 == 0 ? int64("gen_ai.usage.output_tokens", out) : intNumber("gen_ai.usage.completion_tokens", out));
                attributes.add(strings("gen_ai.response.finish_reasons", finish));
            }
            batch.add(span(String.format("%016x", i), micros * 1000, (micros + latencyMicros) * 1000,
                    String.join(",", attributes), failed ? "\"status\":{\"code\":2}" : null));
            if (batch.size() == 7 || i == 199) {
                otlpLog.append(line(str("service.name", "svc"), batch.toArray(String[]::new))).append('\n');
                batch.clear();
            }
        }

        Read nativeRead = Read.text(new NativeJsonlReader(true), nativeLog.toString());
        Read otlpRead = Read.text(new OtlpJsonReader(true), otlpLog.toString());
        assertThat(nativeRead.rejections.total()).isZero();
        assertThat(otlpRead.rejections.total()).isZero();
        assertThat(otlpRead.records).hasSize(200);
        assertThat(otlpRead.records).allSatisfy(r -> assertThat(r.costUsd()).isNull());
        assertThat(otlpRead.records).extracting(RequestRecord::finishReason).contains(FinishReason.ERROR, FinishReason.TOOL_USE);
        // the native log states 0 tokens for a failure (its counts are required); the OTLP span says nothing, so its
        // usage is unknown rather than 0: everything else is equal
        assertThat(otlpRead.records).usingRecursiveFieldByFieldElementComparatorIgnoringFields("costUsd", "tokensKnown")
                .isEqualTo(nativeRead.records);
        assertThat(otlpRead.records).allSatisfy(r -> assertThat(r.tokensKnown()).isEqualTo(!r.isError()));
        assertThat(nativeRead.records).allSatisfy(r -> assertThat(r.tokensKnown()).isTrue());
    }
}
