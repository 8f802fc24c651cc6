package dev.llmmon.record;

import java.util.Locale;
import java.util.Optional;

/** Why a model call ended, with provider spellings normalised (OpenAI {@code stop} is {@link #END_TURN}, ...). */
public enum FinishReason {
    END_TURN("end_turn"),
    MAX_TOKENS("max_tokens"),
    STOP_SEQUENCE("stop_sequence"),
    TOOL_USE("tool_use"),
    REFUSAL("refusal"),
    ERROR("error");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    /** The native-format spelling ({@code end_turn}, {@code max_tokens}, ...). */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a native, OpenAI, Anthropic or Gemini spelling; empty when the value is not a known finish reason.
     */
    public static Optional<FinishReason> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (value.toLowerCase(Locale.ROOT).replace('-', '_')) { // the Vercel AI SDK writes tool-calls
            case "end_turn", "stop", "completed", "complete", "eos" -> END_TURN;
            case "max_tokens", "length", "max_output_tokens" -> MAX_TOKENS;
            case "stop_sequence" -> STOP_SEQUENCE;
            case "tool_use", "tool_calls", "function_call", "tool_call" -> TOOL_USE;
            case "refusal", "content_filter", "safety", "recitation", "blocklist", "prohibited_content" -> REFUSAL;
            case "error" -> ERROR;
            default -> null;
        });
    }
}
