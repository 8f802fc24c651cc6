package dev.llmmon.evalcases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.internal.json.Json;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records the example suite's answers of two fictitious candidates of {@code demo-model} into {@value #CASSETTE}, so
 * the README's story runs export → review → gate on the same cases, offline: {@value #NEXT} answers half the cases
 * (those whose input hashes even) with the vague reply the cases were exported for, and {@value #PATCH} answers
 * every case helpfully in other words (the fixed candidate). The synthetic judge scores a vague reply 2 and a helpful
 * one 5. Synthetic, recordings of no real model; rerun after re-exporting the suite:
 * {@code ./mvnw -pl eval-cases test -Dtest=RecordExampleCassette -Dllmmon.record=true}.
 */
public final class CandidateCassette {
    static final String CASSETTE = "src/test/resources/evals-candidates.cassette.jsonl";
    static final String NEXT = "demo-model-next";
    static final String PATCH = "demo-model-patch";
    static final String VAGUE = "Please check our help center for more information.";
    private static final Pattern DIMENSION = Pattern.compile("\"scores\": \\{\"([a-z0-9_]+)\"");

    private CandidateCassette() {
    }

    public static void main(String[] args) throws Exception {
        Path cassette = Path.of(args.length > 0 ? args[0] : CASSETTE);
        Files.deleteIfExists(cassette);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return answer(request);
                }
            });
            server.start();
            for (String model : List.of(NEXT, PATCH)) {
                // the regressing candidate fails cases by design: a failing probe is no reason to stop recording
                ProbeLauncher.run(ProbeRequest.builder()
                        .evals(List.of("classpath:evals")).mode("record").cassette(cassette.toString())
                        .model(model).baseUrl(server.url("/v1").toString())
                        .parameter(Constants.JUDGE_MODEL, ExampleCassette.JUDGE)
                        .parameter(Constants.EMBEDDING_MODEL, "minilm").failOnAborted(false).failOnSilentChange(false)
                        .reportsDirectory(Path.of("target/record-reports-" + model)).build(), new ProbeLauncher.Log() {
                            @Override
                            public void info(String line) {
                                System.out.println(line);
                            }

                            @Override
                            public void warn(String line) {
                                System.err.println(line);
                            }
                        });
            }
        }
    }

    /** Whether {@value #NEXT} regresses on this user input: half the cases, by a stable hash. */
    static boolean regresses(String input) {
        int h = 0;
        for (byte b : input.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return (h & 1) == 0;
    }

    static MockResponse answer(RecordedRequest request) {
        try {
            JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
            String model = body.path("model").asText();
            String text;
            if (ExampleCassette.JUDGE.equals(model)) {
                StringBuilder prompt = new StringBuilder();
                body.path("messages").forEach(m -> prompt.append(m.path("content").asText()).append('\n'));
                Matcher m = DIMENSION.matcher(prompt);
                String dimension = m.find() ? m.group(1) : "correctness";
                int score = prompt.indexOf(VAGUE) >= 0 ? 2 : 5;
                text = "{\"scores\": {\"" + dimension + "\": " + score + "}, \"rationale\": \"Synthetic judge.\"}";
            } else {
                String input = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
                text = NEXT.equals(model) && regresses(input) ? VAGUE
                        : "Here is what to do: open the settings page named in your question, apply the change,"
                        + " and confirm it; you will see the result right away.";
            }
            String json = Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode()
                    .put("id", "chatcmpl-synthetic").put("model", model).put("system_fingerprint", "fp_synthetic")
                    .set("choices", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("index", 0)
                            .put("finish_reason", "stop").set("message", Json.MAPPER.createObjectNode()
                                    .put("role", "assistant").put("content", text)))))
                    .replaceFirst("\\}$", ",\"usage\":{\"prompt_tokens\":60,\"completion_tokens\":30}}");
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(json).build();
        } catch (Exception e) {
            return new MockResponse.Builder().code(500).body(e.toString()).build();
        }
    }
}
