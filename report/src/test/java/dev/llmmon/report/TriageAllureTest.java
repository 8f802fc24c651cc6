package dev.llmmon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmmon.triage.Isolation;
import dev.llmmon.triage.ReviewBundle;
import dev.llmmon.triage.ReviewVerdict;
import dev.llmmon.triage.ScopeResult;
import dev.llmmon.triage.ScopedSlice;
import dev.llmmon.triage.TriageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The post-mortem as Allure result files: one test per step, per change and per case, attachments on disk. */
class TriageAllureTest {
    static final Instant T0 = Instant.parse("2026-11-18T00:00:00Z");

    static TriageResult result(Path dir) throws Exception {
        List<Isolation.SeriesPoint> series = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            series.add(new Isolation.SeriesPoint(T0.plusSeconds(3600L * i), 100, i < 8 ? 2 : 30));
        }
        Isolation iso = new Isolation(series, T0.plusSeconds(8 * 3600), T0.plusSeconds(7 * 3600),
                T0.plusSeconds(9 * 3600), 0.02, 0.30, List.of(new Isolation.NearbyChange(T0.plusSeconds(8 * 3600),
                "prompt_change", "change-events", "prompt v8", 0, 0.02, 800, 0.3, 1600, 1e-9)), null);
        ScopedSlice slice = new ScopedSlice(Map.of("prompt_version", "v8"), 400, 120, 800, 16, "all", 15, 10, 0.28,
                1e-20, 1e-18, 0.95);
        ScopeResult scope = new ScopeResult(List.of(slice), List.of(slice), 40, List.of("feature", "prompt_version"),
                List.of(), 1600, 480, 800, 16, "prompt_version=v8: 2.0% -> 30.0%");
        ReviewBundle bundle = new ReviewBundle("a1", "sql-assist", "*", "error_rate", T0.plusSeconds(9 * 3600),
                T0.plusSeconds(24 * 3600), List.of(
                new ReviewBundle.Item("r-1", T0.plusSeconds(10 * 3600), "sql-assist", "m", Map.of("prompt_version", "v8"),
                        "error", "Mail <EMAIL_1>", null, "RateLimitError for <EMAIL_1>", null, ReviewVerdict.REAL, null),
                new ReviewBundle.Item("r-2", T0.plusSeconds(11 * 3600), "sql-assist", "m", Map.of(), "sample", "q",
                        "a", null, new ReviewBundle.Judge(4.0, Map.of("correctness", 4), false, null, "fine", "j"),
                        ReviewVerdict.FALSE_POSITIVE, "ok")));
        Path md = dir.resolve("triage.md");
        Files.writeString(md, "## Triage\n");
        return new TriageResult("a1", "sql-assist", "*", "error_rate", "requests that failed",
                T0.plusSeconds(9 * 3600), T0.plusSeconds(24 * 3600), T0.minusSeconds(48 * 3600),
                T0.plusSeconds(7 * 3600), scope, iso, bundle, dir.resolve("triage-bundle.json"),
                List.of("mvn export-evals", "mvn gate"), List.of(), dir.resolve("triage.json"), md);
    }

    @Test
    void writesOneResultPerStepChangeAndCaseWithTheirAttachments(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("allure-results");
        int n = TriageAllure.write(out, result(dir), dir.resolve("alerts"));
        assertThat(n).isEqualTo(4 + 1 + 2);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                results.add(json.readTree(f.toFile()));
            }
        }
        assertThat(results).hasSize(n);
        JsonNode timeline = results.stream().filter(r -> r.path("name").asText().equals("1 timeline")).findFirst()
                .orElseThrow();
        JsonNode chart = timeline.path("attachments").get(0);
        assertThat(chart.path("type").asText()).isEqualTo("image/png");
        byte[] png = Files.readAllBytes(out.resolve(chart.path("source").asText()));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        JsonNode scope = results.stream().filter(r -> r.path("name").asText().startsWith("2 scope")).findFirst()
                .orElseThrow();
        assertThat(scope.path("status").asText()).isEqualTo("failed");
        assertThat(scope.path("name").asText()).isEqualTo("2 scope: prompt_version=v8");
        JsonNode real = results.stream().filter(r -> r.path("name").asText().startsWith("r-1")).findFirst()
                .orElseThrow();
        assertThat(real.path("status").asText()).isEqualTo("failed");
        assertThat(real.path("start").asLong()).isEqualTo(T0.plusSeconds(10 * 3600).toEpochMilli());
        assertThat(real.path("attachments")).extracting(a -> a.path("name").asText())
                .contains("input", "error", "slice");
        JsonNode fp = results.stream().filter(r -> r.path("name").asText().startsWith("r-2")).findFirst()
                .orElseThrow();
        assertThat(fp.path("status").asText()).isEqualTo("passed");
        JsonNode change = results.stream().filter(r -> r.path("name").asText().startsWith("change ")).findFirst()
                .orElseThrow();
        assertThat(change.path("start").asLong()).isEqualTo(T0.plusSeconds(8 * 3600).toEpochMilli());
        for (JsonNode r : results) {
            for (JsonNode a : r.path("attachments")) {
                assertThat(out.resolve(a.path("source").asText())).isRegularFile();
            }
            assertThat(r.path("labels")).as("labels of %s", r.path("name")).anySatisfy(l -> {
                assertThat(l.path("name").asText()).isEqualTo("suite");
                assertThat(l.path("value").asText()).startsWith("triage alert a1");
            });
        }
    }
}
