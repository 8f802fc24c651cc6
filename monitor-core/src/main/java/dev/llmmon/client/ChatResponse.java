package dev.llmmon.client;

import dev.llmmon.record.FinishReason;

import java.time.Duration;

/**
 * A provider-neutral chat reply.
 *
 * @param text              the reply text (text blocks joined when the provider returns several)
 * @param finishReason      normalised finish reason, {@code null} when the provider sent none or an unknown one
 * @param rawFinishReason   the provider's own spelling, {@code null} when absent
 * @param usage             billed tokens; {@link Usage#ZERO} when the server reported none
 * @param model             the model that answered, as the provider names it
 * @param systemFingerprint provider build id (OpenAI {@code system_fingerprint}), or {@code null}
 * @param latency           time of the successful attempt
 * @param attempts          attempts made, 1 when the first succeeded
 */
public record ChatResponse(String text, FinishReason finishReason, String rawFinishReason, Usage usage, String model,
                           String systemFingerprint, Duration latency, int attempts) {
}
