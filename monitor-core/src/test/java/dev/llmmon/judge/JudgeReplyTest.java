package dev.llmmon.judge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeReplyTest {
    final Rubric rubric = Rubric.defaults();

    @Test
    void parsesAValidReply() {
        JudgeReply r = JudgeReply.parse("""
                {"scores":{"correctness":4,"completeness":3,"tone":5},"rationale":"fine"}""", rubric);
        assertThat(r.ok()).isTrue();
        assertThat(r.scores()).containsExactly(Map.entry("correctness", 4), Map.entry("completeness", 3), Map.entry("tone", 5));
        assertThat(r.rationale()).isEqualTo("fine");
    }

    @Test
    void acceptsOneMarkdownFence() {
        JudgeReply r = JudgeReply.parse("```json\n{\"scores\":{\"correctness\":1,\"completeness\":1,\"tone\":1}}\n```", rubric);
        assertThat(r.ok()).isTrue();
        assertThat(r.rationale()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "The response looks great, 5/5.",
            "{\"scores\":{\"correctness\":4,\"completeness\":3,\"tone\":5}} and some prose",
            "{\"scores\":{\"correctness\":6,\"completeness\":3,\"tone\":5}}",
            "{\"scores\":{\"correctness\":0,\"completeness\":3,\"tone\":5}}",
            "{\"scores\":{\"correctness\":4,\"completeness\":3}}",
            "{\"scores\":{\"correctness\":4.5,\"completeness\":3,\"tone\":5}}",
            "{\"scores\":{\"correctness\":\"4\",\"completeness\":3,\"tone\":5}}",
            "{\"scores\":{\"correctness\":null,\"completeness\":3,\"tone\":5}}",
            "{\"scores\":{\"correctness\":4,\"completeness\":3,\"tone\":5,\"humour\":2}}",
            "{\"scores\":{\"correctness\":4,\"correctness\":1,\"completeness\":3,\"tone\":5}}",
            "{\"correctness\":4,\"completeness\":3,\"tone\":5}",
            "[4,3,5]",
            "{\"scores\":{\"correctness\":99999999999,\"completeness\":3,\"tone\":5}}"
    })
    void anythingElseIsUnparseableNeverADefault(String reply) {
        JudgeReply r = JudgeReply.parse(reply, rubric);
        assertThat(r.ok()).isFalse();
        assertThat(r.scores()).isNull();
        assertThat(r.problem()).isNotBlank();
    }

    @Test
    void problemSaysWhatIsWrong() {
        assertThat(JudgeReply.parse("{\"scores\":{\"correctness\":4,\"completeness\":3}}", rubric).problem())
                .isEqualTo("dimension tone is missing");
        assertThat(JudgeReply.parse("{\"scores\":{\"correctness\":7,\"completeness\":3,\"tone\":1}}", rubric).problem())
                .contains("correctness").contains("out of range");
    }
}
