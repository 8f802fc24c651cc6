package dev.llmmon.evals.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.evals.EvalCase;
import dev.llmmon.evals.EvalCaseReader;
import dev.llmmon.internal.json.Json;
import dev.llmmon.judge.Judgement;
import dev.llmmon.judge.JudgementStatus;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.monitor.MonitorConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalExportTest {
    /** Secrets planted in the production text: none may reach any written byte. */
    static final List<String> SECRETS = List.of("sk-proj-Xk29fhQ0aZ81LmnB7TqWc3Rv5YpE4uJd", "jane.doe@example.com",
            "bob.smith@corp.example.org", "+44 20 7946 0958", "4111 1111 1111 1111", "AKIAIOSFODNN7EXAMPLE");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    Path logs;
    Path judgements;
    Path suite;
    Path reports;
    private final List<String> lines = new ArrayList<>();
    private final List<Judgement> judged = new ArrayList<>();

    @BeforeEach
    void paths() {
        logs = dir.resolve("requests.jsonl");
        judgements = dir.resolve("judgements.jsonl");
        suite = dir.resolve("evals");
        reports = dir.resolve("target/llmmon");
    }

    void request(String id, String feature, int minute, String input, String output, boolean flagged, int correctness) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("request_id", id).put("timestamp", T0.plusSeconds(60L * minute).toString()).put("feature_id", feature)
                .put("model_id", "gpt-4o-mini-2024-07-18").put("latency_ms", 800).put("input_tokens", 40)
                .put("output_tokens", 20).put("finish_reason", "end_turn").putNull("error")
                .put("user_input", input).put("output", output);
        lines.add(n.toString());
        Map<String, Integer> dims = new LinkedHashMap<>();
        dims.put("correctness", correctness);
        dims.put("completeness", flagged ? 2 : 4);
        dims.put("tone", 4);
        double mean = dims.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        judged.add(new Judgement(id, feature, "gpt-4o-mini-2024-07-18", JudgementStatus.OK, mean, dims, flagged,
                flagged ? "correctness " + correctness + " <= 2" : null, "judge-model", "v1",
                T0.plusSeconds(3600), "r", T0.plusSeconds(60L * minute), 0, 0, null, null));
    }

    void writeInputs() throws IOException {
        Files.write(logs, lines, StandardCharsets.UTF_8);
        Files.deleteIfExists(judgements);
        try (JudgementStore store = JudgementStore.open(judgements)) {
            for (Judgement j : judged) {
                store.append(j);
            }
        }
    }

    ExportConfig config() {
        return ExportConfig.of(MonitorConfig.of(dir, List.of(logs.toString())), judgements, suite, reports);
    }

    void standardTraffic() throws IOException {
        request("r-1", "support-chat", 1, "How do I reset my password? My email is jane.doe@example.com and my key is "
                + SECRETS.get(0), "You cannot reset it. Mail jane.doe@example.com for help.", true, 1);
        // the same question from another user: a near-duplicate (digits and placeholders are normalised)
        request("r-2", "support-chat", 2, "How do I reset my password? My email is bob.smith@corp.example.org and my key is "
                + "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56", "You cannot reset it.", true, 2);
        request("r-3", "support-chat", 3, "Call me at +44 20 7946 0958 about order 4821, card 4111 1111 1111 1111",
                "Sure, I charged 4111 1111 1111 1111 again.", true, 1);
        request("r-4", "support-chat", 4, "What are your opening hours?", "We open at nine.", false, 5);
        request("r-5", "summarize", 5, "Summarise this: the AWS key AKIAIOSFODNN7EXAMPLE leaked on Monday.",
                "AKIAIOSFODNN7EXAMPLE leaked.", true, 2);
        request("r-6", "summarize", 6, "Summarise the quarterly report about revenue growth in Europe.",
                "Revenue fell.", true, 1);
        writeInputs();
    }

    @Test
    void aReviewedTriageBundleExportsItsRealCasesFlaggedOrNotAndSaysHowManyWereFalsePositives() throws IOException {
        request("r-1", "support-chat", 1, "Where is order 4821? Mail jane.doe@example.com", "No idea.", true, 1);
        request("r-2", "support-chat", 2, "Can I pay by invoice next month?", "Yes, always.", false, 4);
        request("r-3", "support-chat", 3, "How do I export my data to CSV?", "Use the menu.", true, 2);
        writeInputs();
        Path bundle = dir.resolve("triage-bundle.json");
        List<dev.llmmon.triage.ReviewBundle.Item> items = new ArrayList<>();
        for (String[] v : new String[][]{{"r-1", "real"}, {"r-2", "real"}, {"r-3", "false_positive"}, {"r-9", "real"}}) {
            items.add(new dev.llmmon.triage.ReviewBundle.Item(v[0], T0, "support-chat", "m", Map.of(), "sample", "in",
                    "out", null, null, dev.llmmon.triage.ReviewVerdict.parse(v[1]), null));
        }
        new dev.llmmon.triage.ReviewBundle("a1", "support-chat", "*", "quality_mean", T0, T0.plusSeconds(3600), items)
                .write(bundle);

        ExportResult r = EvalExport.run(config().withSelection(Selection.flagged().withBundle(bundle)));

        // r-2 was not flagged but the reviewer says it is bad; r-3 was flagged but is fine; r-9 has no judgement
        assertThat(r.written()).extracting(c -> c.provenance().requestId()).containsExactlyInAnyOrder("r-1", "r-2");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w)
                .contains("3 real, 1 false positive (25% of the 4 reviewed), 0 not reviewed"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("have no ok judgement").contains("r-9"));
    }

    @Test
    void nothingUnredactedReachesDisk() throws IOException {
        standardTraffic();
        ExportResult r = EvalExport.run(config());
        assertThat(r.written()).isNotEmpty();
        List<Path> written = files(suite);
        written.addAll(files(reports));
        assertThat(written).hasSizeGreaterThanOrEqualTo(r.written().size() + 2);
        for (Path f : written) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (String secret : SECRETS) {
                assertThat(text).as(f + " holds a planted secret").doesNotContain(secret);
            }
            // the digits of the card and the phone number, whatever the spacing
            assertThat(text.replaceAll("[\\s-]", "")).doesNotContain("4111111111111111").doesNotContain("2079460958");
        }
        String resetId = r.written().stream().filter(c -> c.input().startsWith("How do I reset")).findFirst()
                .orElseThrow().id();
        EvalCase first = EvalCaseReader.read(suite.resolve("support-chat").resolve(resetId + ".eval.yaml")).cases().get(0);
        // one scope per case: the address in the input and in the bad answer share a placeholder
        assertThat(first.input()).contains("<EMAIL_1>").contains("<API_KEY_1>");
        assertThat(first.badOutput()).contains("<EMAIL_1>");
        assertThat(Files.readString(reports.resolve(ExportConfig.REDACTIONS_FILE))).contains("\"EMAIL\"");
    }

    @Test
    void duplicatesMergeIntoOneCaseListingEverySource() throws IOException {
        standardTraffic();
        ExportResult r = EvalExport.run(config());
        EvalCase reset = r.written().stream().filter(c -> c.input().startsWith("How do I reset")).findFirst().orElseThrow();
        assertThat(reset.sources()).extracting(p -> p.requestId()).containsExactly("r-1", "r-2");
        assertThat(reset.id()).matches("ev-support-chat-[0-9a-f]{12}");
        assertThat(reset.checks()).extracting(c -> c.type()).containsExactly("rubric", "rubric", "not-similar");
        assertThat(reset.provenance().dimensions()).containsEntry("correctness", 1);
        assertThat(reset.provenance().judgeModel()).isEqualTo("judge-model");
        ExportResult.FeatureCounts support = r.features().stream().filter(f -> f.feature().equals("support-chat"))
                .findFirst().orElseThrow();
        assertThat(support).isEqualTo(new ExportResult.FeatureCounts("support-chat", 3, 2, 1, 0, 0, 0));
        assertThat(r.selected()).isEqualTo(5); // r-4 is not flagged
    }

    @Test
    void exportingTwiceAddsNothing() throws IOException {
        standardTraffic();
        EvalExport.run(config());
        Map<Path, String> before = contents(suite);
        ExportResult second = EvalExport.run(config());
        assertThat(second.written()).isEmpty();
        assertThat(contents(suite)).isEqualTo(before);
        assertThat(second.features()).allSatisfy(f -> assertThat(f.alreadyInSuite()).isEqualTo(f.selected()));
        assertThat(Files.readString(reports.resolve(ExportConfig.SUMMARY_FILE))).contains("0 new case(s)");
    }

    @Test
    void aDeletedCaseStaysDeletedOnlyIfItsDuplicateRemains() throws IOException {
        // a case a reviewer deleted comes back on the next export: the folder is the state, nothing else is kept
        standardTraffic();
        ExportResult first = EvalExport.run(config());
        Path one = suite.resolve("summarize").resolve(first.written().stream()
                .filter(c -> c.featureId().equals("summarize")).findFirst().orElseThrow().id() + ".eval.yaml");
        Files.delete(one);
        ExportResult again = EvalExport.run(config());
        assertThat(again.written()).hasSize(1);
        assertThat(one).exists();
    }

    @Test
    void theCapKeepsTheWorstScoredCases() throws IOException {
        standardTraffic();
        ExportResult r = EvalExport.run(config().withMaxPerFeature(1));
        assertThat(r.written()).hasSize(2);
        assertThat(r.written()).filteredOn(c -> c.featureId().equals("summarize"))
                .singleElement().satisfies(c -> assertThat(c.provenance().requestId()).isEqualTo("r-6"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("summarize").contains("cap of 1"));
    }

    @Test
    void filtersByFeatureDimensionScoreAndTime() throws IOException {
        standardTraffic();
        ExportResult byScore = EvalExport.run(config().withSelection(new Selection(Set.of("support-chat"),
                "correctness", 1.0, null, null, null, null)));
        assertThat(byScore.written()).extracting(c -> c.provenance().requestId()).containsExactlyInAnyOrder("r-1", "r-3");
        ExportResult byTime = EvalExport.run(config().withSelection(new Selection(Set.of(), null, null,
                T0.plusSeconds(60 * 5), T0.plusSeconds(60 * 6), null, null)));
        assertThat(byTime.selected()).isEqualTo(1);
    }

    @Test
    void anAlertSelectsItsFeatureModelAndWindow() throws IOException {
        standardTraffic();
        Path alerts = dir.resolve("alerts.json");
        Files.writeString(alerts, """
                {"version": 1, "alerts": [{"alert": {"id": "a1b2", "kind": "CONTROL_CHART", "feature": "summarize",
                 "model": "gpt-4o-mini-2024-07-18", "metric": "quality_mean", "windowStart": "2026-11-20T10:00:00Z",
                 "windowEnd": "2026-11-20T11:00:00Z", "closedAt": null, "value": 1, "baseline": 4, "limit": 3,
                 "units": "value", "deviation": 3, "direction": "DOWN", "severity": "CRITICAL", "status": "OPEN",
                 "detector": "ewma", "message": "m", "evidence": []}, "deliveries": {}}]}
                """);
        ExportResult r = EvalExport.run(config().withSelection(new Selection(Set.of(), null, null, null, null, "a1b2", alerts)));
        assertThat(r.selected()).isEqualTo(2);
        assertThat(r.written()).allSatisfy(c -> assertThat(c.featureId()).isEqualTo("summarize"));
        assertThatThrownBy(() -> EvalExport.run(config().withSelection(new Selection(Set.of(), null, null, null, null,
                "nope", alerts)))).hasMessageContaining("alert nope is not in");
    }

    @Test
    void aJudgementWithoutItsRequestIsCountedAndNamed() throws IOException {
        standardTraffic();
        lines.clear();
        Files.write(logs, List.of());
        ExportResult r = EvalExport.run(config());
        assertThat(r.written()).isEmpty();
        assertThat(r.features()).allSatisfy(f -> assertThat(f.missingText()).isEqualTo(f.selected()));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("no request text").contains("r-1"));
    }

    @Test
    void aBrokenCaseInTheSuiteStopsTheExportNamingIt() throws IOException {
        standardTraffic();
        Files.createDirectories(suite.resolve("support-chat"));
        Files.writeString(suite.resolve("support-chat/x.eval.yaml"), "id: x\nfeature_id: support-chat\ninput: hi\n");
        assertThatThrownBy(() -> EvalExport.run(config())).hasMessageContaining("x.eval.yaml:1:")
                .hasMessageContaining("checks");
    }

    @Test
    void theSummaryIsMarkdownForAPullRequest() throws IOException {
        standardTraffic();
        EvalExport.run(config());
        String md = Files.readString(reports.resolve(ExportConfig.SUMMARY_FILE));
        assertThat(md).startsWith("## Eval cases from flagged production answers")
                .contains("| support-chat | 3 | 2 | 1 | 0 | 0 | 0 |")
                .contains("(support-chat/ev-support-chat-").contains("Redactions: ");
    }

    static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
    }

    static Map<Path, String> contents(Path root) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        for (Path f : files(root)) {
            out.put(root.relativize(f), Files.readString(f));
        }
        return out;
    }
}
