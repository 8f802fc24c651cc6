package dev.llmmon.evalcases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.internal.json.Json;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import dev.llmmon.probes.ProbeRunSummary;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records the example suite's replay cassette ({@value #CASSETTE}) against a synthetic model on loopback: the
 * "model" gives a helpful answer naming what the user asked about, the "judge" scores it 5. Synthetic like the
 * demo data the cases came from; rerun it (from the module folder) after re-exporting the suite:
 * {@code ./mvnw -pl eval-cases test -Dtest=RecordExampleCassette -Dllmmon.record=true}.
 */
public final class ExampleCassette {
    static final String CASSETTE = "src/test/resources/evals.cassette.jsonl";
    static final String MODEL = "demo-model";
    static final String JUDGE = "demo-judge";
    private static final Pattern DIMENSION = Pattern.compile("\"scores\": \\{\"([a-z0-9_]+)\"");

    private ExampleCassette() {
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
            ProbeRunSummary summary = ProbeLauncher.run(ProbeRequest.builder()
                    .evals(List.of("classpath:evals")).mode("record").cassette(cassette.toString())
                    .model(MODEL).baseUrl(server.url("/v1").toString())
                    .parameter(Constants.JUDGE_MODEL, JUDGE).parameter(Constants.EMBEDDING_MODEL, "minilm")
                    .reportsDirectory(Path.of("target/record-reports")).build(), new ProbeLauncher.Log() {
                        @Override
                        public void info(String line) {
                            System.out.println(line);
                        }

                        @Override
                        public void warn(String line) {
                            System.err.println(line);
                        }
                    });
            summary.verdict().ifPresent(v -> {
                throw new IllegalStateException(v);
            });
        }
    }

    static MockResponse answer(RecordedRequest request) {
        try {
            JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
            StringBuilder prompt = new StringBuilder();
            body.path("messages").forEach(m -> prompt.append(m.path("content").asText()).append('\n'));
            String text;
            if (JUDGE.equals(body.path("model").asText())) {
                Matcher m = DIMENSION.matcher(prompt);
                String dimension = m.find() ? m.group(1) : "correctness";
                text = "{\"scores\": {\"" + dimension + "\": 5}, \"rationale\": \"Synthetic judge: addresses the request.\"}";
            } else {
                text = "Thanks for the details. Here is exactly what to do next, step by step, with the settings"
                        + " page to open and what you will see once it is done.";
            }
            String json = Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode()
                    .put("id", "chatcmpl-synthetic").put("model", body.path("model").asText())
                    .put("system_fingerprint", "fp_synthetic")
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
