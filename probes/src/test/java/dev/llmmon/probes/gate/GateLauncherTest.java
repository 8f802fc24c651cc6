package dev.llmmon.probes.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.gate.Decision;
import dev.llmmon.gate.GatePolicy;
import dev.llmmon.internal.json.Json;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate end to end from plain Java: the bundled synthetic cassettes, and a loopback endpoint. */
class GateLauncherTest {
    static final String BASELINE_CASSETTE = "classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl";
    static final String CANDIDATES_CASSETTE = "classpath:dev/llmmon/probes/demo/gate-candidates.cassette.jsonl";

    /** Collects the log; warnings start with {@code WARN }. */
    static final class Lines implements ProbeLauncher.Log {
        final List<String> all = new ArrayList<>();

        @Override
        public synchronized void info(String line) {
            all.add(line);
        }

        @Override
        public synchronized void warn(String line) {
            all.add("WARN " + line);
        }
    }

    private static ProbeRequest catalogSide(Path dir, String side, String model, String cassette) {
        return ProbeRequest.builder().baseDir(dir).model(model).cassette(cassette)
                .reportsDirectory(dir.resolve("gate/" + side + "/probe-reports")).failOnAborted(false)
                .failOnSilentChange(false).build();
    }

    private static GateRequest.Builder catalog(Path dir, String candidate) {
        return GateRequest.builder().baseline(catalogSide(dir, "baseline", "demo-model", BASELINE_CASSETTE))
                .candidate(catalogSide(dir, "candidate", candidate, CANDIDATES_CASSETTE))
                .outputDirectory(dir.resolve("out")).cacheDirectory(dir.resolve("cache"));
    }

    static final String DEMO_CASSETTE = "classpath:dev/llmmon/gatedemo/gate-demo.cassette.jsonl";
    static final String DEMO_SUITE = "classpath:dev/llmmon/gatedemo";

    private static GateRequest.Builder demo(Path dir, String candidate) {
        ProbeRequest.Builder side = ProbeRequest.builder().baseDir(dir).cassette(DEMO_CASSETTE)
                .probes(List.of(DEMO_SUITE)).failOnAborted(false).failOnSilentChange(false);
        return GateRequest.builder()
                .baseline(side.model("demo-model").reportsDirectory(dir.resolve("gate/baseline")).build())
                .candidate(side.model(candidate).reportsDirectory(dir.resolve("gate/candidate")).build())
                .outputDirectory(dir.resolve("out"));
    }

    @Test
    void aCandidateThatFencesItsJsonAndStopsRefusingFails(@TempDir Path dir) throws Exception {
        Lines log = new Lines();
        GateRun run = GateLauncher.run(demo(dir, "demo-model-next").build(), log);

        assertThat(run.verdict().decision()).isEqualTo(Decision.FAIL);
        assertThat(run.failure()).get().asString()
                .startsWith("gate FAIL: candidate demo-model-next is worse than baseline demo-model")
                .contains("structured-output is worse").contains("safety is worse");
        assertThat(run.cases()).hasSize(150);
        assertThat(run.cases().stream().filter(GateCase::regressed).map(GateCase::feature).distinct())
                .containsExactlyInAnyOrder("structured-output", "safety");
        assertThat(run.cases().stream().filter(GateCase::regressed)).hasSize(100);
        assertThat(run.verdict().features()).filteredOn(f -> f.feature().equals("instructions"))
                .singleElement().satisfies(f -> assertThat(f.decision()).isNotEqualTo(Decision.FAIL));
        assertThat(run.baseline().calls()).isEqualTo(150);
        assertThat(run.candidate().calls()).isEqualTo(150);
        assertThat(run.candidate().usd()).isEmpty(); // no price for a fictitious model: unknown, never $0

        String md = Files.readString(run.markdown());
        assertThat(md).startsWith("## llmmon gate: FAIL (demo-model-next vs demo-model)")
                .contains("| suite.yaml / order-json-0 | structured-output | 1/1 | 0/1 | worse |")
                .contains("### Cases that changed (100)").contains("70 more in gate.json.");
        JsonNode json = Json.MAPPER.readTree(run.json().toFile());
        assertThat(json.get("decision").asText()).isEqualTo("FAIL");
        assertThat(json.get("cases")).hasSize(150);
        assertThat(json.get("overall").get("difference").asDouble())
                .isCloseTo(-100.0 / 150, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(dir.resolve("gate/candidate/TEST-llmmon.xml")).isRegularFile();
    }

    @Test
    void anEquallyGoodCandidateIsNonInferiorAtAMarginFiftyCasesAFeatureCanShow(@TempDir Path dir) {
        GateRun strict = GateLauncher.run(demo(dir, "demo-model-patch").build(), new Lines());
        // 50 concordant cases per feature bound the drop at about 5 points, not 2: honest, not a pass
        assertThat(strict.verdict().decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(strict.cases()).noneMatch(c -> c.regressed() || c.improved());
        GateRun loose = GateLauncher.run(demo(dir, "demo-model-patch")
                .policy(GatePolicy.defaults().withMargin(0.06)).build(), new Lines());
        assertThat(loose.verdict().decision()).isEqualTo(Decision.PASS);
        assertThat(loose.failure()).isEmpty();
    }

    @Test
    void theTwelveCaseCatalogShowsTheRegressionButWarnsItIsTooSmallToDecide(@TempDir Path dir) throws Exception {
        Lines log = new Lines();
        GateRun run = GateLauncher.run(catalog(dir, "demo-model-next").build(), log);

        assertThat(log.all).anyMatch(l -> l.startsWith("WARN llmmon: gate: power: "));
        assertThat(run.verdict().power().canDetectMargin()).isFalse();
        assertThat(run.verdict().decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(run.failure()).isEmpty();
        assertThat(run.cases().stream().filter(GateCase::regressed).map(GateCase::name)).containsExactlyInAnyOrder(
                "format.yaml / format-json-object", "format.yaml / format-json-array-schema",
                "safety.yaml / refuse-weapon-instructions", "safety.yaml / refuse-malware");
        assertThat(Files.readString(run.markdown())).contains("**Power warning**")
                .contains("| safety.yaml / refuse-malware | safety | 3/3 | 0/3 | worse |");
        GateRun strict = GateLauncher.run(catalog(dir, "demo-model-next").failOnInconclusive(true).build(), new Lines());
        assertThat(strict.failure()).get().asString().startsWith("gate INCONCLUSIVE (failOnInconclusive): ");
    }

    @Test
    void anEqualCandidateIsNotFailedAndARerunReusesTheBaseline(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("step-summary.md");
        GateRun first = GateLauncher.run(catalog(dir, "demo-model-patch").stepSummary(summary).build(), new Lines());
        assertThat(first.verdict().decision()).isNotEqualTo(Decision.FAIL);
        assertThat(first.cases()).noneMatch(c -> c.regressed() || c.improved());
        assertThat(first.baseline().calls()).isEqualTo(36);
        assertThat(first.baseline().reusedCases()).isZero();
        assertThat(Files.readString(summary)).startsWith("## llmmon gate: ");

        Lines log = new Lines();
        GateRun second = GateLauncher.run(catalog(dir, "demo-model-patch").build(), log);
        assertThat(second.baseline().calls()).isZero();
        assertThat(second.baseline().reusedCases()).isEqualTo(12);
        assertThat(second.candidate().calls()).isEqualTo(36);
        assertThat(second.callsSaved()).isEqualTo(36);
        assertThat(second.cases()).allMatch(GateCase::baselineReused);
        assertThat(second.verdict().decision()).isEqualTo(first.verdict().decision());
        assertThat(log.all).anyMatch(l -> l.startsWith("llmmon: gate: baseline reused: 12 case(s) from "));
        assertThat(Files.readString(second.markdown())).contains("(baseline reused: 12 cases)");
    }

    @Test
    void aCaseMissingOnOneSideIsAnErrorNamingIt(@TempDir Path dir) {
        GateRequest request = catalog(dir, "model-without-answers").build();
        assertThatThrownBy(() -> GateLauncher.run(request, new Lines())).isInstanceOf(GateRunException.class)
                .hasMessageContaining("made no call on the candidate (model-without-answers)")
                .hasMessageContaining("format.yaml / format-json-object");
    }

    /** A loopback endpoint: {@code answer(model, prompt)} is the reply; counts calls per model. */
    static final class Endpoint implements AutoCloseable {
        final MockWebServer server = new MockWebServer();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        Endpoint(BiFunction<String, String, String> answer) throws Exception {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    try {
                        JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
                        String model = body.get("model").asText();
                        calls.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
                        JsonNode messages = body.get("messages");
                        String text = answer.apply(model, messages.get(messages.size() - 1).get("content").asText());
                        return new MockResponse.Builder().body(Json.MAPPER.writeValueAsString(Map.of(
                                "model", model, "choices", List.of(Map.of("message", Map.of("content", text),
                                        "finish_reason", "stop")),
                                "usage", Map.of("prompt_tokens", 10, "completion_tokens", 2)))).build();
                    } catch (Exception e) {
                        return new MockResponse.Builder().code(500).body(e.toString()).build();
                    }
                }
            });
            server.start();
        }

        String url() {
            return server.url("/v1").toString();
        }

        int calls(String model) {
            return calls.getOrDefault(model, new AtomicInteger()).get();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static void suite(Path dir, int cases) throws Exception {
        StringBuilder s = new StringBuilder("probes:\n");
        for (int i = 0; i < cases; i++) {
            s.append("  - id: case-").append(i).append("\n    feature: f").append(i % 2)
                    .append("\n    input: \"question ").append(i).append("\"\n    checks:\n      - type: contains\n        value: OK\n");
        }
        Files.createDirectories(dir.resolve("probes"));
        Files.writeString(dir.resolve("probes/suite.yaml"), s.toString());
    }

    private static ProbeRequest liveSide(Path dir, String side, String model, String url, int repeat) {
        return ProbeRequest.builder().baseDir(dir).model(model).baseUrl(url).mode("live").probes(List.of("probes"))
                .parameter(Constants.REPEAT, Integer.toString(repeat))
                .reportsDirectory(dir.resolve("gate/" + side)).failOnAborted(false).failOnSilentChange(false).build();
    }

    @Test
    void sequentialModeStopsEarlyOnAClearRegressionAndSaysWhatItSaved(@TempDir Path dir) throws Exception {
        suite(dir, 200);
        // the candidate answers every other question wrongly
        try (Endpoint endpoint = new Endpoint((model, prompt) -> model.equals("cand")
                && Integer.parseInt(prompt.replaceAll("\\D", "")) % 2 == 0 ? "no" : "OK")) {
            GateRequest request = GateRequest.builder()
                    .baseline(liveSide(dir, "baseline", "base", endpoint.url(), 1))
                    .candidate(liveSide(dir, "candidate", "cand", endpoint.url(), 1))
                    .policy(GatePolicy.defaults().withSequential(true).withBatchSize(20))
                    .outputDirectory(dir.resolve("out")).build();
            Lines log = new Lines();
            GateRun run = GateLauncher.run(request, log);

            assertThat(run.verdict().decision()).isEqualTo(Decision.FAIL);
            assertThat(run.verdict().stoppedEarly()).isTrue();
            assertThat(run.cases().size()).isLessThan(200).isEqualTo(run.verdict().casesUsed());
            assertThat(run.cases().size() % 20).isZero();
            assertThat(endpoint.calls("base") + endpoint.calls("cand")).isEqualTo(2 * run.cases().size());
            assertThat(run.fixedDesignCalls()).isEqualTo(400);
            assertThat(run.callsSaved()).isEqualTo(400 - 2L * run.cases().size());
            assertThat(log.all).anyMatch(l -> l.contains("verdict clear: FAIL"));
            // a fixed-seed shuffle: the first batch is not simply the first 20 cases of the file
            assertThat(run.cases().subList(0, 20).stream().map(GateCase::name).toList())
                    .isNotEqualTo(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "suite.yaml / case-" + i).toList());
        }
    }

    @Test
    void aChangedCaseIsRunAgainOnTheBaselineAndTheOthersAreReused(@TempDir Path dir) throws Exception {
        suite(dir, 4);
        try (Endpoint endpoint = new Endpoint((model, prompt) -> "OK")) {
            GateRequest request = GateRequest.builder()
                    .baseline(liveSide(dir, "baseline", "base", endpoint.url(), 2))
                    .candidate(liveSide(dir, "candidate", "cand", endpoint.url(), 2))
                    .outputDirectory(dir.resolve("out")).cacheDirectory(dir.resolve("cache")).build();
            GateLauncher.run(request, new Lines());
            assertThat(endpoint.calls("base")).isEqualTo(8);

            Path file = dir.resolve("probes/suite.yaml");
            Files.writeString(file, Files.readString(file).replace("question 3", "question three"));
            GateRun second = GateLauncher.run(request, new Lines());
            assertThat(endpoint.calls("base")).isEqualTo(10); // only case-3, twice
            assertThat(endpoint.calls("cand")).isEqualTo(16);
            assertThat(second.baseline().reusedCases()).isEqualTo(3);
            assertThat(second.cases().stream().filter(c -> !c.baselineReused()).map(GateCase::name))
                    .containsExactly("suite.yaml / case-3");

            // another baseline model is another cache: nothing reused
            GateRequest other = GateRequest.builder()
                    .baseline(liveSide(dir, "baseline", "base-2", endpoint.url(), 2))
                    .candidate(liveSide(dir, "candidate", "cand", endpoint.url(), 2))
                    .outputDirectory(dir.resolve("out")).cacheDirectory(dir.resolve("cache")).build();
            assertThat(GateLauncher.run(other, new Lines()).baseline().reusedCases()).isZero();
        }
    }

    @Test
    void judgeScoresArePairedPerCaseAndTestedWithWilcoxon(@TempDir Path dir) throws Exception {
        StringBuilder suite = new StringBuilder("probes:\n");
        for (int i = 0; i < 12; i++) {
            suite.append("  - id: help-").append(i).append("\n    feature: support\n    input: \"help me with ").append(i)
                    .append("\"\n    checks:\n      - type: rubric\n        dimension: correctness\n        min_score: 1\n");
        }
        Files.createDirectories(dir.resolve("probes"));
        Files.writeString(dir.resolve("probes/suite.yaml"), suite.toString());
        // the judge scores the baseline's answers 5 and the candidate's 2: every case still passes (min_score 1)
        try (Endpoint endpoint = new Endpoint((model, prompt) -> switch (model) {
            case "judge" -> "{\"scores\": {\"correctness\": " + (prompt.contains("EXCELLENT") ? 5 : 2)
                    + "}, \"rationale\": \"r\"}";
            case "base" -> "EXCELLENT answer";
            default -> "vague answer";
        })) {
            ProbeRequest.Builder side = ProbeRequest.builder().baseDir(dir).baseUrl(endpoint.url()).mode("live")
                    .probes(List.of("probes")).parameter(Constants.JUDGE_MODEL, "judge").failOnAborted(false)
                    .failOnSilentChange(false);
            GateRun run = GateLauncher.run(GateRequest.builder()
                    .baseline(side.model("base").reportsDirectory(dir.resolve("b")).build())
                    .candidate(side.model("cand").reportsDirectory(dir.resolve("c")).build())
                    .outputDirectory(dir.resolve("out")).build(), new Lines());

            assertThat(run.cases()).hasSize(12).allSatisfy(c -> {
                assertThat(c.baseline().meanScore()).hasValue(5.0);
                assertThat(c.candidate().meanScore()).hasValue(2.0);
                assertThat(c.regressed()).isFalse();
            });
            assertThat(run.verdict().overall().wilcoxonP()).isPresent();
            assertThat(run.verdict().overall().wilcoxonP().getAsDouble()).isLessThan(0.01);
            JsonNode json = Json.MAPPER.readTree(run.json().toFile());
            assertThat(json.get("cases").get(0).get("candidate").get("mean_score").asDouble()).isEqualTo(2.0);
            assertThat(json.get("overall").get("wilcoxon_p").asDouble()).isLessThan(0.01);
            assertThat(Files.readString(run.markdown())).containsPattern("\\| support \\| 12 \\| 100.0% \\| 100.0% \\| .* \\| -3.00 \\[");
        }
    }

    /** The judge's calls are part of the gate's cost, before and after, at the judge model's price. */
    @Test
    void judgeCallsArePartOfTheCost(@TempDir Path dir) throws Exception {
        StringBuilder suite = new StringBuilder("probes:\n");
        for (int i = 0; i < 6; i++) {
            suite.append("  - id: help-").append(i).append("\n    feature: support\n    repeat: 2\n    input: \"help me with ")
                    .append(i).append("\"\n    checks:\n      - type: rubric\n        dimension: correctness\n")
                    .append("        min_score: 1\n      - type: rubric\n        dimension: tone\n        min_score: 1\n");
        }
        Files.createDirectories(dir.resolve("probes"));
        Files.writeString(dir.resolve("probes/suite.yaml"), suite.toString());
        PricingTable prices = PricingTable.of(Map.of("base", new PricingTable.Price(1, 1),
                "cand", new PricingTable.Price(1, 1), "judge", new PricingTable.Price(2, 8)));
        try (Endpoint endpoint = new Endpoint((model, prompt) -> model.equals("judge")
                ? "{\"scores\": {\"correctness\": 4, \"tone\": 4}, \"rationale\": \"r\"}" : "an answer")) {
            ProbeRequest.Builder side = ProbeRequest.builder().baseDir(dir).baseUrl(endpoint.url()).mode("live")
                    .probes(List.of("probes")).parameter(Constants.JUDGE_MODEL, "judge").failOnAborted(false)
                    .failOnSilentChange(false);
            Lines log = new Lines();
            GateRun run = GateLauncher.run(GateRequest.builder()
                    .baseline(side.model("base").reportsDirectory(dir.resolve("b")).build())
                    .candidate(side.model("cand").reportsDirectory(dir.resolve("c")).build())
                    .pricing(prices).outputDirectory(dir.resolve("out")).build(), log);

            // 6 cases x 2 repeats x 2 rubric checks = 24 judge calls a side, planned and made
            for (SideCost side2 : List.of(run.baseline(), run.candidate())) {
                assertThat(side2.judge().model()).contains("judge");
                assertThat(side2.judge().plannedCalls()).isEqualTo(24);
                assertThat(side2.judge().calls()).isEqualTo(24);
                assertThat(side2.judge().plannedUsd()).isPresent();
                assertThat(side2.judge().usd().orElseThrow()).isGreaterThan(24 * 400 * 8 / 1e6); // at least the replies
            }
            assertThat(endpoint.calls("judge")).isEqualTo(48); // what the estimate counted is what was called
            JsonNode json = Json.MAPPER.readTree(run.json().toFile());
            assertThat(json.at("/candidate/judge/calls").asLong()).isEqualTo(24);
            assertThat(Files.readString(run.markdown())).contains("| judge (judge) calls planned / made | 24 / 24 | 24 / 24 |");
            assertThat(log.all).anyMatch(l -> l.contains("before: judge judge: baseline 24 call(s)"));
        }
    }

    @Test
    void evalCasesArePairedLikeProbes(@TempDir Path dir) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append("{\"id\":\"ev-support-chat-").append(i).append("\",\"feature_id\":\"support-chat\",")
                    .append("\"input\":\"How do I reset my password, case ").append(i).append("?\",")
                    .append("\"bad_output\":\"You cannot.\",\"checks\":[{\"type\":\"contains\",\"value\":\"reset link\"}]}\n");
        }
        Files.createDirectories(dir.resolve("evals"));
        Files.writeString(dir.resolve("evals/support.eval.jsonl"), lines.toString());
        // the candidate stops sending the reset link for the even cases
        try (Endpoint endpoint = new Endpoint((model, prompt) -> model.equals("cand")
                && Integer.parseInt(prompt.replaceAll("\\D", "")) % 2 == 0 ? "No idea." : "Use the reset link we e-mail you.")) {
            ProbeRequest.Builder side = ProbeRequest.builder().baseDir(dir).baseUrl(endpoint.url()).mode("live")
                    .evals(List.of("evals")).failOnAborted(false).failOnSilentChange(false);
            GateRun run = GateLauncher.run(GateRequest.builder()
                    .baseline(side.model("base").reportsDirectory(dir.resolve("b")).build())
                    .candidate(side.model("cand").reportsDirectory(dir.resolve("c")).build())
                    .outputDirectory(dir.resolve("out")).build(), new Lines());

            assertThat(run.cases()).hasSize(20).allSatisfy(c -> assertThat(c.feature()).isEqualTo("support-chat"));
            assertThat(run.cases().stream().filter(GateCase::regressed).map(GateCase::name))
                    .hasSize(10).contains("support.eval.jsonl / ev-support-chat-0");
            assertThat(run.verdict().decision()).isEqualTo(Decision.FAIL);
        }
    }

    @Test
    void anUnreadableCacheIsReportedAndReplaced(@TempDir Path dir) throws Exception {
        GateLauncher.run(catalog(dir, "demo-model-patch").build(), new Lines());
        try (var files = Files.list(dir.resolve("cache"))) {
            Path cache = files.findFirst().orElseThrow();
            Files.writeString(cache, "{ not json");
            Lines log = new Lines();
            GateRun run = GateLauncher.run(catalog(dir, "demo-model-patch").build(), log);
            assertThat(run.baseline().reusedCases()).isZero();
            assertThat(log.all).anyMatch(l -> l.startsWith("WARN llmmon: gate: baseline cache ") && l.contains("unreadable"));
            assertThat(Json.MAPPER.readTree(cache.toFile()).get("cases")).hasSize(12);
        }
    }
}
