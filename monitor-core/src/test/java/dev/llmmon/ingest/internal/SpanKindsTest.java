package dev.llmmon.ingest.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpanKindsTest {

    /** marker attribute | its value | span name | model call's operation, or the skip label. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            gen_ai.operation.name   | chat            | -                          | chat
            gen_ai.operation.name   | text_completion | -                          | text_completion
            gen_ai.operation.name   | generate_content| -                          | generate_content
            gen_ai.operation.name   | embeddings      | -                          | embeddings
            gen_ai.operation.name   | embedding       | -                          | embeddings
            gen_ai.operation.name   | framework       | -                          | skip:span gen_ai.operation.name=framework
            gen_ai.operation.name   | execute_tool    | -                          | skip:span gen_ai.operation.name=execute_tool
            gen_ai.operation.name   | invoke_agent    | -                          | skip:span gen_ai.operation.name=invoke_agent
            llm.request.type        | chat            | openai.chat                | chat
            llm.request.type        | completion      | openai.completion          | text_completion
            llm.request.type        | embedding       | openai.embeddings          | embeddings
            llm.request.type        | rerank          | cohere.rerank              | skip:span llm.request.type=rerank
            openinference.span.kind | LLM             | -                          | chat
            openinference.span.kind | EMBEDDING       | -                          | embeddings
            openinference.span.kind | TOOL            | -                          | skip:span openinference.span.kind=TOOL
            openinference.span.kind | AGENT           | -                          | skip:span openinference.span.kind=AGENT
            traceloop.span.kind     | task            | -                          | skip:span traceloop.span.kind=task
            -                       | -               | ai.streamText.doStream     | chat
            -                       | -               | ai.embedMany.doEmbed       | embeddings
            -                       | -               | ai.toolCall                | skip:span name=ai.toolCall
            -                       | -               | GET /health                | skip:span without GenAI markers
            """)
    void classifiesByTheFirstMarkerPresent(String attribute, String value, String name, String expected) {
        Map<String, Object> attributes = new HashMap<>();
        if (attribute != null) {
            attributes.put(attribute, value);
        }
        SpanKinds.Kind kind = SpanKinds.classify(attributes, name);
        if (expected.startsWith("skip:")) {
            assertThat(kind).isEqualTo(new SpanKinds.NotAModelCall(expected.substring(5)));
        } else {
            assertThat(kind).isEqualTo(new SpanKinds.ModelCall(expected));
        }
    }
}
