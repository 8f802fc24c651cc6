package dev.llmmon.ingest.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Decides whether an OTLP span is a model call, from the markers real instrumentations set (docs/formats.md):
 * <ol>
 *   <li>{@code gen_ai.operation.name} (OTel GenAI conventions, Spring AI, LangChain4j, openai-v2);</li>
 *   <li>{@code llm.request.type} (OpenLLMetry before its move to {@code gen_ai.operation.name} on spans);</li>
 *   <li>{@code openinference.span.kind} (OpenInference);</li>
 *   <li>{@code traceloop.span.kind} (OpenLLMetry workflow/task/agent/tool spans: never model calls);</li>
 *   <li>the span name, only for names no other span has: the Vercel AI SDK's provider calls
 *       ({@code ai.generateText.doGenerate}, {@code ai.streamText.doStream}, {@code ai.embed.doEmbed}, ...).</li>
 * </ol>
 * The first marker present decides. A span with none of them is not a model call. Every span that is not a model
 * call gets a label saying which marker excluded it, so the run can count what it skipped by kind.
 */
final class SpanKinds {
    /** The attributes that mark a span's kind; the reader must keep them. */
    static final String OPERATION = "gen_ai.operation.name";
    static final String OPENLLMETRY_REQUEST_TYPE = "llm.request.type";
    static final String OPENINFERENCE_KIND = "openinference.span.kind";
    static final String TRACELOOP_KIND = "traceloop.span.kind";

    /** The operation slice value of embedding calls ({@code metadata.operation}). */
    static final String EMBEDDINGS = "embeddings";

    private SpanKinds() {
    }

    /** What a span is. */
    sealed interface Kind permits ModelCall, NotAModelCall {
    }

    /**
     * A model call.
     *
     * @param operation normalised operation: {@code chat}, {@code text_completion}, {@code generate_content} or
     *                  {@value #EMBEDDINGS}
     */
    record ModelCall(String operation) implements Kind {
        boolean isEmbedding() {
            return EMBEDDINGS.equals(operation);
        }

        boolean isChat() {
            return "chat".equals(operation);
        }
    }

    /** Not a model call; {@code label} names the marker, e.g. {@code span gen_ai.operation.name=framework}. */
    record NotAModelCall(String label) implements Kind {
    }

    static Kind classify(Map<String, Object> attributes, String spanName) {
        if (attributes.get(OPERATION) instanceof String op && !op.isBlank()) {
            String call = switch (op.trim().toLowerCase(Locale.ROOT)) {
                case "chat" -> "chat";
                case "text_completion", "completion" -> "text_completion";
                case "generate_content" -> "generate_content";
                // Spring AI writes the singular
                case "embeddings", "embedding" -> EMBEDDINGS;
                default -> null; // framework, execute_tool, invoke_agent, create_agent, image, ...
            };
            return call != null ? new ModelCall(call) : skipped(OPERATION, op);
        }
        if (attributes.get(OPENLLMETRY_REQUEST_TYPE) instanceof String type && !type.isBlank()) {
            String call = switch (type.trim().toLowerCase(Locale.ROOT)) {
                case "chat" -> "chat";
                case "completion" -> "text_completion";
                case "embedding" -> EMBEDDINGS;
                default -> null; // rerank, unknown
            };
            return call != null ? new ModelCall(call) : skipped(OPENLLMETRY_REQUEST_TYPE, type);
        }
        if (attributes.get(OPENINFERENCE_KIND) instanceof String kind && !kind.isBlank()) {
            return switch (kind.trim().toUpperCase(Locale.ROOT)) {
                case "LLM" -> new ModelCall("chat");
                case "EMBEDDING" -> new ModelCall(EMBEDDINGS);
                default -> skipped(OPENINFERENCE_KIND, kind); // CHAIN, TOOL, AGENT, RETRIEVER, ...
            };
        }
        if (attributes.get(TRACELOOP_KIND) instanceof String kind && !kind.isBlank()) {
            return skipped(TRACELOOP_KIND, kind);
        }
        if (spanName != null && spanName.startsWith("ai.")) {
            // the Vercel AI SDK: only the provider-level spans are calls; ai.generateText etc. wrap them
            if (spanName.endsWith(".doGenerate") || spanName.endsWith(".doStream")) {
                return new ModelCall("chat");
            }
            if (spanName.endsWith(".doEmbed")) {
                return new ModelCall(EMBEDDINGS);
            }
            return new NotAModelCall("span name=" + spanName);
        }
        return new NotAModelCall("span without GenAI markers");
    }

    private static NotAModelCall skipped(String attribute, String value) {
        return new NotAModelCall("span " + attribute + "=" + value.trim());
    }
}
