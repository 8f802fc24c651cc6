package dev.llmmon.client;

/** What the reply should look like. */
public enum ResponseFormat {
    /** Free text. */
    TEXT,
    /**
     * A JSON object. OpenAI-compatible servers are asked for {@code response_format: json_object}; the Anthropic
     * Messages API has no such switch, so there the prompt alone asks for JSON and the caller must still parse strictly.
     */
    JSON_OBJECT
}
