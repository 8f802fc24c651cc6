package dev.llmmon.judge;

import dev.llmmon.client.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeDocumentTest {
    @TempDir
    Path dir;

    @Test
    void judgeJsonKeepsItsFieldNamesOrderAndNulls() throws Exception {
        JudgeSummary summary = new JudgeSummary(100, 10, 2, 1, 1, 3, 5, 1, 1, 0, 0, 0, new Usage(1200, 80), null,
                null);
        Map<String, DimensionAgreement> agreement = new LinkedHashMap<>();
        agreement.put("tone", new DimensionAgreement("tone", 3, null, 0.25));
        Map<String, Double> means = new LinkedHashMap<>();
        means.put("correctness", 4.5);
        means.put("tone", null);
        JudgeDocument ran = JudgeDocument.of("1.2.3", summary, 2, agreement,
                QualitySeries.compute(List.of(), Duration.ofHours(1), true));
        assertThat(ran.quality()).isEmpty();
        JudgeDocument doc = new JudgeDocument(ran.llmmonVersion(), ran.summary(), ran.agreement(),
                List.of(new JudgeDocument.Point("2026-11-20T13:00:00Z", "2026-11-20T14:00:00Z", "chat", null, 5, 4.5,
                        means, 0.2, 1, 0)));

        Path file = doc.write(dir.resolve("out"));

        assertThat(file.getFileName().toString()).isEqualTo("judge.json");
        assertThat(Files.readString(file).replace("\r\n", "\n")).isEqualTo("""
                {
                  "llmmon_version" : "1.2.3",
                  "summary" : {
                    "records" : 100,
                    "selected" : 10,
                    "selected_by_signal" : 2,
                    "excluded_errors" : 1,
                    "missing_output" : 1,
                    "already_judged" : 3,
                    "judged" : 5,
                    "flagged" : 1,
                    "unparseable" : 1,
                    "failed" : 0,
                    "skipped_by_budget" : 0,
                    "not_run_after_stop" : 0,
                    "judge_input_tokens" : 1200,
                    "judge_output_tokens" : 80,
                    "spend_usd" : null,
                    "stop_reason" : null,
                    "store_unreadable_lines" : 2
                  },
                  "agreement" : {
                    "tone" : {
                      "dimension" : "tone",
                      "pairs" : 3,
                      "spearman" : null,
                      "weightedKappa" : 0.25
                    }
                  },
                  "quality" : [ {
                    "window_start" : "2026-11-20T13:00:00Z",
                    "window_end" : "2026-11-20T14:00:00Z",
                    "feature_id" : "chat",
                    "model_id" : null,
                    "judged" : 5,
                    "mean_score" : 4.5,
                    "dimension_means" : {
                      "correctness" : 4.5,
                      "tone" : null
                    },
                    "flagged_rate" : 0.2,
                    "unparseable" : 1,
                    "failed" : 0
                  } ]
                }""");
    }
}
