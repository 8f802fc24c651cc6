package dev.llmmon.probes.spec;

import dev.llmmon.client.ChatMessage;
import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ResponseFormat;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One canary probe: a prompt, the checks every answer must pass, and how many answers must pass.
 *
 * @param id             declared id, unique in its file; the test's name and part of its unique id
 * @param description    what the probe guards, or {@code null}
 * @param feature        feature it belongs to (Allure feature label), or {@code null}
 * @param cluster        key of related probes or eval cases the gate counts as one piece of evidence, or
 *                       {@code null} (then each case is its own, grouped by feature)
 * @param tags           file tags followed by the probe's own
 * @param severity       how bad a failure is
 * @param input          the user message
 * @param system         system prompt, or {@code null}
 * @param model          model override, or {@code null} for the configured model
 * @param temperature    sampling temperature, or {@code null} for the provider default
 * @param maxTokens      output limit, or {@code null} for the provider default
 * @param responseFormat text or JSON object
 * @param repeat         calls per run (models are not deterministic)
 * @param minPassRate    share of calls that must pass every check
 * @param checks         checks applied to every answer
 * @param line           1-based line of the probe in its file
 */
public record Probe(String id, String description, String feature, String cluster, Set<String> tags, Severity severity, String input,
                    String system, String model, Double temperature, Integer maxTokens, ResponseFormat responseFormat,
                    int repeat, double minPassRate, List<CheckSpec> checks, int line) {

    public Probe {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        tags = Set.copyOf(tags);
        severity = severity == null ? Severity.MAJOR : severity;
        responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
        checks = List.copyOf(checks);
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be >= 1, was " + repeat);
        }
        if (minPassRate < 0 || minPassRate > 1) {
            throw new IllegalArgumentException("min_pass_rate must be in [0, 1], was " + minPassRate);
        }
    }

    /** This probe with {@code n} calls per run instead of its own {@code repeat} (the gate's repeat). */
    public Probe withRepeat(int n) {
        return n == repeat ? this : new Probe(id, description, feature, cluster, tags, severity, input, system, model, temperature,
                maxTokens, responseFormat, n, minPassRate, checks, line);
    }

    /** The request every repeat sends. */
    public ChatRequest request() {
        return new ChatRequest(model, system, List.of(ChatMessage.user(input)), temperature, maxTokens, responseFormat);
    }
}
