package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static dev.llmmon.ingest.internal.Otlp.*;
import static org.assertj.core.api.Assertions.assertThat;

class OtlpJsonReaderTest {
    static final long START = 1_763_643_901_123_456_789L;
    static final long END = START + 812_500_000L; // 812.5 ms

    static final String RESOURCE = attrs(str("service.name", "support-service"), str("app.feature_id", "support-chat"),
            str("app.deployment", "eu-1"));

    /** Latest-experimental names, int64 as strings, structured input and JSON-string output messages. */
    static final String NEW_GENERATION = span("051581bf3cb55c13", START, END, attrs(
            str("gen_ai.operation.name", "chat"),
            str("gen_ai.provider.name", "openai"),
            str("gen_ai.request.model", "gpt-4o"),
            str("gen_ai.response.model", "gpt-4o-2024-08-06"),
            str("gen_ai.response.id", "chatcmpl-42"),
            int64("gen_ai.usage.input_tokens", 412),
            int64("gen_ai.usage.output_tokens", 96),
            strings("gen_ai.response.finish_reasons", "stop"),
            str("gen_ai.conversation.id", "conv-9"),
            str("session.id", "s-17"),
            str("gen_ai.openai.response.system_fingerprint", "fp_1"),
            str("app.prompt_version", "v7"),
            intNumber("app.attempt", 2),
            kv("gen_ai.input.messages", array(
                    kvlist(kv("role", sv("system")), kv("parts", array(kvlist(kv("type", sv("text")), kv("content", sv("Be brief.")))))),
                    kvlist(kv("role", sv("user")), kv("parts", array(kvlist(kv("type", sv("text")), kv("content", sv("How do I reset my password?")))))))),
            str("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Go to Settings\"}],\"finish_reason\":\"stop\"}]")),
            "\"status\":{}");

    /** Older names (gen_ai.system, prompt/completion tokens as bare numbers), text in span events. */
    static final String OLD_GENERATION = span("1111111111111111", START, END, attrs(
            str("gen_ai.operation.name", "chat"),
            str("gen_ai.system", "openai"),
            str("gen_ai.request.model", "gpt-4o-mini"),
            intNumber("gen_ai.usage.prompt_tokens", 30),
            intNumber("gen_ai.usage.completion_tokens", 7)),
            "\"events\":[{\"timeUnixNano\":\"" + START + "\",\"name\":\"gen_ai.user.message\",\"attributes\":["
                    + str("content", "first question") + "]},"
                    + "{\"name\":\"gen_ai.user.message\",\"attributes\":[" + str("content", "second question") + "]},"
                    + "{\"name\":\"gen_ai.choice\",\"attributes\":[" + int64("index", 0) + "," + str("finish_reason", "length") + ","
                    + str("message", "{\"role\":\"assistant\",\"content\":\"an answer\"}") + "]}]");

    static final String HTTP_SPAN = span("2222222222222222", START, END, attrs(str("http.method", "POST")), null);

    private static Read read(OtlpJsonReader reader, String... lines) {
        return Read.text(reader, String.join("\n", lines) + "\n");
    }

    @Test
    void readsLatestGenerationAttributes() {
        RequestRecord r = read(new OtlpJsonReader(true), line(RESOURCE, NEW_GENERATION)).only();
        assertThat(r.requestId()).isEqualTo("chatcmpl-42");
        assertThat(r.timestamp()).isEqualTo(Instant.ofEpochSecond(1_763_643_901L, 123_456_789L));
        assertThat(r.latencyMs()).isEqualTo(812.5);
        assertThat(r.featureId()).isEqualTo("support-chat");
        assertThat(r.modelId()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(r.inputTokens()).isEqualTo(412);
        assertThat(r.outputTokens()).isEqualTo(96);
        assertThat(r.costUsd()).isNull();
        assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(r.error()).isNull();
        assertThat(r.sessionId()).isEqualTo("s-17");
        assertThat(r.systemFingerprint()).isEqualTo("fp_1");
        assertThat(r.userInput()).isEqualTo("How do I reset my password?");
        assertThat(r.output()).isEqualTo("Go to Settings");
        assertThat(r.metadata()).isEqualTo(Map.of("deployment", "eu-1", "prompt_version", "v7", "provider", "openai"));
    }

    @Test
    void readsOlderGenerationAttributesAndEvents() {
        RequestRecord r = read(new OtlpJsonReader(true), line(str("service.name", "summarizer"), OLD_GENERATION)).only();
        assertThat(r.requestId()).isEqualTo("5b8efff798038103d269b633813fc60c:1111111111111111");
        assertThat(r.featureId()).isEqualTo("summarizer"); // fallback to service.name
        assertThat(r.modelId()).isEqualTo("gpt-4o-mini");
        assertThat(r.inputTokens()).isEqualTo(30);
        assertThat(r.outputTokens()).isEqualTo(7);
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS); // from the gen_ai.choice event
        assertThat(r.userInput()).isEqualTo("second question"); // the last user message
        assertThat(r.output()).isEqualTo("an answer");
        assertThat(r.metadata()).containsEntry("provider", "openai");
    }

    @Test
    void messagesAsJsonStringInputAndStructuredOutput() {
        String span = span("3333333333333333", START, END, attrs(
                str("gen_ai.operation.name", "chat"), str("gen_ai.request.model", "m"),
                int64("gen_ai.usage.input_tokens", 1), int64("gen_ai.usage.output_tokens", 2),
                str("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"a\"},{\"type\":\"text\",\"content\":\"b\"}]}]"),
                kv("gen_ai.output.messages", array(kvlist(kv("role", sv("assistant")),
                        kv("parts", array(kvlist(kv("type", sv("text")), kv("content", sv("out"))))))))), null);
        RequestRecord r = read(new OtlpJsonReader(true), line(RESOURCE, span)).only();
        assertThat(r.userInput()).isEqualTo("a\nb");
        assertThat(r.output()).isEqualTo("out");
        RequestRecord noText = read(new OtlpJsonReader(false), line(RESOURCE, span)).only();
        assertThat(noText.userInput()).isNull();
        assertThat(noText.output()).isNull();
    }

    @Test
    void nonModelSpansAreSkippedAndCountedNotRejected() {
        OtlpJsonReader reader = new OtlpJsonReader(false);
        Read read = read(reader, line(RESOURCE, HTTP_SPAN, NEW_GENERATION, HTTP_SPAN),
                line(str("service.name", "summarizer"), OLD_GENERATION));
        assertThat(read.records).extracting(RequestRecord::featureId).containsExactly("support-chat", "summarizer");
        assertThat(read.lines).containsExactly(1L, 2L);
        assertThat(read.rejections.total()).isZero();
        assertThat(reader.skippedSpans()).isEqualTo(2);
    }

    @Test
    void featureAttributeIsConfigurableSpanBeforeResource() {
        String span = NEW_GENERATION.replace(str("app.prompt_version", "v7"), str("team.feature", "from-span"));
        OtlpJsonReader reader = new OtlpJsonReader("team.feature", false);
        assertThat(read(reader, line(RESOURCE, span)).only().featureId()).isEqualTo("from-span");
        assertThat(read(reader, line(attrs(str("team.feature", "from-resource"), str("service.name", "svc")), NEW_GENERATION))
                .only().featureId()).isEqualTo("from-resource");
        // neither set: service.name
        assertThat(read(reader, line(RESOURCE, NEW_GENERATION)).only().featureId()).isEqualTo("support-service");
    }

    @Test
    void errorSpans() {
        String typed = span("4444444444444444", START, END, attrs(str("gen_ai.operation.name", "chat"),
                str("gen_ai.request.model", "m"), str("error.type", "RateLimitError")),
                "\"status\":{\"code\":2,\"message\":\"429 too many requests\"}");
        String statusOnly = span("5555555555555555", START, END, attrs(str("gen_ai.operation.name", "chat"),
                str("gen_ai.request.model", "m"), int64("gen_ai.usage.input_tokens", 5),
                int64("gen_ai.usage.output_tokens", 1), strings("gen_ai.response.finish_reasons", "length")),
                "\"status\":{\"code\":\"STATUS_CODE_ERROR\"}");
        Read read = read(new OtlpJsonReader(false), line(RESOURCE, typed, statusOnly));
        assertThat(read.rejections.total()).isZero();
        RequestRecord first = read.records.get(0);
        assertThat(first.error()).isEqualTo("RateLimitError: 429 too many requests");
        assertThat(first.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(first.inputTokens()).isZero(); // a failed call reports no usage
        RequestRecord second = read.records.get(1);
        assertThat(second.error()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(second.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(second.isError()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            MISSING_FIELD         | gen_ai.usage.input_tokens      | drop:gen_ai.usage.input_tokens
            MISSING_FIELD         | gen_ai.request.model           | drop:gen_ai.request.model
            MISSING_FIELD         | startTimeUnixNano              | start:0
            WRONG_TYPE            | gen_ai.usage.output_tokens     | {"stringValue":"ninety-six"}
            WRONG_TYPE            | gen_ai.usage.output_tokens     | {"boolValue":true}
            WRONG_TYPE            | gen_ai.response.finish_reasons | {"boolValue":true}
            NEGATIVE_NUMBER       | gen_ai.usage.output_tokens     | {"intValue":"-3"}
            NEGATIVE_NUMBER       | endTimeUnixNano                | end:1
            NOT_AN_INTEGER        | gen_ai.usage.output_tokens     | {"doubleValue":96.5}
            NOT_FINITE            | gen_ai.usage.output_tokens     | {"doubleValue":"NaN"}
            WRONG_TYPE            | gen_ai.usage.output_tokens     | {"intValue":"ninety"}
            BAD_TIMESTAMP         | startTimeUnixNano              | start:soon
            UNKNOWN_FINISH_REASON | gen_ai.response.finish_reasons | {"arrayValue":{"values":[{"stringValue":"finished"}]}}
            """)
    void rejectsBadSpansNamingTheAttributeAndSpan(RejectReason reason, String field, String change) {
        String base = span("6666666666666666", START, END, attrs(str("gen_ai.operation.name", "chat"),
                str("gen_ai.request.model", "m"), int64("gen_ai.usage.input_tokens", 5),
                int64("gen_ai.usage.output_tokens", 1), strings("gen_ai.response.finish_reasons", "stop")), null);
        String bad;
        if (change.startsWith("drop:")) {
            String key = change.substring(5);
            bad = base.replaceFirst("\\{\"key\":\"" + key.replace(".", "\\.") + "\",\"value\":\\{[^}]*\\}\\},?", "");
        } else if (change.startsWith("start:")) {
            bad = base.replace("\"startTimeUnixNano\":\"" + START + "\"", "\"startTimeUnixNano\":\"" + change.substring(6) + "\"");
        } else if (change.startsWith("end:")) {
            bad = base.replace("\"endTimeUnixNano\":\"" + END + "\"", "\"endTimeUnixNano\":\"" + change.substring(4) + "\"");
        } else {
            bad = base.replaceFirst("(\\{\"key\":\"" + field.replace(".", "\\.") + "\",\"value\":)(\\{\"arrayValue\":\\{\"values\":\\[[^]]*]}}|\\{[^}]*\\})",
                    "$1" + java.util.regex.Matcher.quoteReplacement(change));
        }
        assertThat(bad).isNotEqualTo(base);
        Read read = read(new OtlpJsonReader(false), line(RESOURCE, NEW_GENERATION), line(RESOURCE, NEW_GENERATION, bad));
        assertThat(read.records).hasSize(2); // the good span of the same batch is kept
        Rejection rejection = read.onlyRejection();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.field()).isEqualTo(field);
        assertThat(rejection.line()).isEqualTo(2);
        assertThat(rejection.message()).contains("span #1", "6666666666666666");
    }

    @Test
    void missingFeatureIsRejectedNamingTheConfiguredAttribute() {
        Read read = read(new OtlpJsonReader(false), line("", NEW_GENERATION));
        assertThat(read.onlyRejection().reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(read.onlyRejection().field()).isEqualTo("app.feature_id");
    }

    @Test
    void finishReasonsThatSayNothingReadAsAbsent() {
        // Vercel AI writes "other", OpenLLMetry "unknown" when the provider gave no reason
        for (String vague : new String[] {"other", "unknown"}) {
            String span = NEW_GENERATION.replace(strings("gen_ai.response.finish_reasons", "stop"),
                    strings("gen_ai.response.finish_reasons", vague));
            assertThat(span).isNotEqualTo(NEW_GENERATION);
            assertThat(read(new OtlpJsonReader(false), line(RESOURCE, span)).only().finishReason())
                    .isEqualTo(FinishReason.END_TURN);
        }
    }

    @Test
    void successfulSpanWithoutFinishReasonEndsTurn() {
        String span = NEW_GENERATION.replace(strings("gen_ai.response.finish_reasons", "stop") + ",", "");
        assertThat(read(new OtlpJsonReader(false), line(RESOURCE, span)).only().finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void brokenLinesAreOneRejectionEach() {
        Read read = read(new OtlpJsonReader(false),
                line(RESOURCE, NEW_GENERATION).substring(0, 300), // cut off mid-batch: no span of it is used
                "[]",
                "{\"resourceSpans\":{}}",
                line(RESOURCE, NEW_GENERATION));
        assertThat(read.records).hasSize(1);
        assertThat(read.lines).containsExactly(4L);
        assertThat(read.rejections.counts()).containsOnly(Map.entry(RejectReason.MALFORMED_LINE, 1L),
                Map.entry(RejectReason.NOT_AN_OBJECT, 1L), Map.entry(RejectReason.WRONG_TYPE, 1L));
    }
}
