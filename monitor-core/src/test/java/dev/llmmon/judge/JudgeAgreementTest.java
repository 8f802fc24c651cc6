package dev.llmmon.judge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class JudgeAgreementTest {

    static Judgement ok(String id, int correctness, int tone) {
        return new Judgement(id, "chat", "m", JudgementStatus.OK, (correctness + tone) / 2.0,
                Map.of("correctness", correctness, "tone", tone), false, null, "judge", "v1", Instant.EPOCH, null,
                Instant.EPOCH, 0, 0, null, null);
    }

    @Test
    void matchesHandComputedValues() {
        // correctness: judge 1,2,3,4,5 vs human 1,2,4,3,5 -> Σd² = 2, rho = 1 - 6·2/(5·24) = 0.9;
        //   uniform marginals, E = 0.2 per cell, Σ w·E = 0.2 · 100/16 = 1.25, Σ w·O = 2/16 -> kappa = 0.9
        // tone: judge 1,2,3,3 vs human 2,2,3,5 -> rank Pearson 4/4.5 = 8/9; Σ w·O = 5/16, Σ w·E = 44/64 -> kappa = 6/11
        int[][] correctness = {{1, 1}, {2, 2}, {3, 4}, {4, 3}, {5, 5}};
        int[][] tone = {{1, 2}, {2, 2}, {3, 3}, {3, 5}};
        List<Judgement> judgements = new ArrayList<>();
        List<HumanLabel> labels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int t = i < 4 ? tone[i][0] : 1;
            judgements.add(ok("r-" + i, correctness[i][0], t));
            labels.add(new HumanLabel("r-" + i, "correctness", correctness[i][1]));
            if (i < 4) {
                labels.add(new HumanLabel("r-" + i, "tone", tone[i][1]));
            }
        }
        labels.add(new HumanLabel("r-unjudged", "correctness", 3)); // no judgement: not paired

        Map<String, DimensionAgreement> a = JudgeAgreement.compute(judgements, labels);
        assertThat(a.get("correctness").pairs()).isEqualTo(5);
        assertThat(a.get("correctness").spearman()).isCloseTo(0.9, within(1e-12));
        assertThat(a.get("correctness").weightedKappa()).isCloseTo(0.9, within(1e-12));
        assertThat(a.get("tone").pairs()).isEqualTo(4);
        assertThat(a.get("tone").spearman()).isCloseTo(8.0 / 9, within(1e-12));
        assertThat(a.get("tone").weightedKappa()).isCloseTo(6.0 / 11, within(1e-12));
    }

    @Test
    void undefinedStatisticsAreNullNotMadeUp() {
        Map<String, DimensionAgreement> a = JudgeAgreement.compute(List.of(ok("r-1", 3, 3)),
                List.of(new HumanLabel("r-1", "tone", 3)));
        assertThat(a.get("tone").spearman()).isNull();
        assertThat(a.get("tone").weightedKappa()).isNull();
    }

    @Test
    void readsLabelsAndNamesTheBadLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("labels.jsonl");
        Files.writeString(f, "{\"request_id\":\"r-1\",\"dimension\":\"tone\",\"score\":4}\n\n"
                + "{\"request_id\":\"r-2\",\"dimension\":\"tone\",\"score\":4.5}\n");
        assertThatThrownBy(() -> JudgeAgreement.readLabels(f))
                .hasMessageContaining("labels.jsonl:3").hasMessageContaining("score");
        Files.writeString(f, "{\"request_id\":\"r-1\",\"dimension\":\"tone\",\"score\":4}\n");
        assertThat(JudgeAgreement.readLabels(f)).containsExactly(new HumanLabel("r-1", "tone", 4));
    }
}
