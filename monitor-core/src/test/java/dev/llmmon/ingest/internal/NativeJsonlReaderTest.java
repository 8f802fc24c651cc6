package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeJsonlReaderTest {
    static final String GOOD = "{\"request_id\":\"r-000042\",\"timestamp\":\"2026-11-20T13:05:01.123Z\","
            + "\"feature_id\":\"support-chat\",\"model_id\":\"gpt-4o-2024-08-06\",\"latency_ms\":812.5,"
            + "\"input_tokens\":412,\"output_tokens\":96,\"cost_usd\":0.00199,\"finish_reason\":\"end_turn\","
            + "\"error\":null,\"session_id\":\"s-17\",\"user_input\":\"How do I reset my password?\","
            + "\"output\":\"Go to Settings\",\"system_fingerprint\":\"fp_1\",\"metadata\":{\"prompt_version\":\"v7\",\"n\":3}}";

    private static Read read(String content) {
        return Read.text(new NativeJsonlReader(true), content);
    }

    /** The good line with one field replaced by raw JSON (or removed when {@code json} is null). */
    static String with(String field, String json) {
        String pattern = "\"" + field + "\":(\"[^\"]*\"|[^,}]*|\\{[^}]*\\})";
        String replaced = json == null
                ? GOOD.replaceFirst(",?" + pattern, "").replace("{,", "{")
                : GOOD.replaceFirst(pattern, "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(json));
        if (replaced.equals(GOOD)) {
            throw new IllegalArgumentException("field not replaced: " + field);
        }
        return replaced;
    }

    @Test
    void readsEveryField() {
        RequestRecord r = read(GOOD).only();
        assertThat(r.requestId()).isEqualTo("r-000042");
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-11-20T13:05:01.123Z"));
        assertThat(r.featureId()).isEqualTo("support-chat");
        assertThat(r.modelId()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(r.latencyMs()).isEqualTo(812.5);
        assertThat(r.inputTokens()).isEqualTo(412);
        assertThat(r.outputTokens()).isEqualTo(96);
        assertThat(r.costUsd()).isEqualTo(0.00199);
        assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(r.error()).isNull();
        assertThat(r.sessionId()).isEqualTo("s-17");
        assertThat(r.userInput()).isEqualTo("How do I reset my password?");
        assertThat(r.output()).isEqualTo("Go to Settings");
        assertThat(r.systemFingerprint()).isEqualTo("fp_1");
        assertThat(r.metadata()).isEqualTo(Map.of("prompt_version", "v7")); // non-string values are not slices
    }

    @Test
    void textIsDroppedUnlessAskedFor() {
        RequestRecord r = Read.text(new NativeJsonlReader(false), GOOD).only();
        assertThat(r.userInput()).isNull();
        assertThat(r.output()).isNull();
    }

    @Test
    void epochSecondsMayBeFractionalAndProviderSpellingsAreNormalised() {
        RequestRecord r = read(with("timestamp", "1700000000.25").replace("\"end_turn\"", "\"length\"")).only();
        assertThat(r.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000L, 250_000_000L));
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    }

    @Test
    void crlfAndBlankLinesKeepLineNumbers() {
        Read read = read(GOOD + "\r\n\r\n   \r\n" + GOOD.replace("r-000042", "r-2") + "\r\n{bad\r\n");
        assertThat(read.records).extracting(RequestRecord::requestId).containsExactly("r-000042", "r-2");
        assertThat(read.lines).containsExactly(1L, 4L);
        assertThat(read.onlyRejection().line()).isEqualTo(5);
        assertThat(read.onlyRejection().reason()).isEqualTo(RejectReason.MALFORMED_LINE);
    }

    @Test
    void duplicateFieldsDoNotBreakTheLineTheLastOneWins() {
        RequestRecord r = read(GOOD.replace("\"feature_id\":\"support-chat\",",
                "\"feature_id\":\"first\",\"feature_id\":\"support-chat\",")).only();
        assertThat(r.featureId()).isEqualTo("support-chat");
    }

    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            MISSING_FIELD         | model_id      |
            MISSING_FIELD         | input_tokens  | null
            MISSING_FIELD         | request_id    | '""'
            WRONG_TYPE            | input_tokens  | '"412"'
            WRONG_TYPE            | latency_ms    | '"812"'
            WRONG_TYPE            | feature_id    | 7
            WRONG_TYPE            | metadata      | '"v7"'
            NEGATIVE_NUMBER       | latency_ms    | -1
            NEGATIVE_NUMBER       | cost_usd      | -0.5
            NOT_FINITE            | latency_ms    | NaN
            NOT_FINITE            | cost_usd      | Infinity
            NOT_AN_INTEGER        | output_tokens | 96.5
            BAD_TIMESTAMP         | timestamp     | '"2026-11-20T13:05:01"'
            BAD_TIMESTAMP         | timestamp     | '"yesterday"'
            UNKNOWN_FINISH_REASON | finish_reason | '"finished"'
            """)
    void rejectsBadValuesWithReasonFileLineAndField(RejectReason reason, String field, String json) {
        String line = json == null ? with(field, null) : with(field, json);
        Read read = read(GOOD + "\n" + line + "\n");
        assertThat(read.records).hasSize(1);
        Rejection rejection = read.onlyRejection();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.field()).isEqualTo(field);
        assertThat(rejection.file()).isEqualTo("test.jsonl");
        assertThat(rejection.line()).isEqualTo(2);
    }

    @Test
    void malformedAndNonObjectLines() {
        Read read = read("{\"request_id\":\n[1,2]\n\"text\"\n" + GOOD + " trailing\n");
        assertThat(read.records).isEmpty();
        assertThat(read.rejections.count(RejectReason.MALFORMED_LINE)).isEqualTo(2);
        assertThat(read.rejections.count(RejectReason.NOT_AN_OBJECT)).isEqualTo(2);
    }

    @Test
    void strictModeStopsAtTheFirstRejection() {
        NativeJsonlReader reader = new NativeJsonlReader(false);
        assertThatThrownBy(() -> reader.read(new java.io.ByteArrayInputStream((GOOD + "\n{}\n").getBytes()),
                "x.jsonl", (r, f, l) -> { }, Rejections.strict()))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("x.jsonl:2")
                .hasMessageContaining("MISSING_FIELD");
    }
}
