package dev.llmmon.judge;

import dev.llmmon.metrics.QualityPoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QualitySeriesTest {

    static Judgement j(String id, String feature, String model, String at, JudgementStatus status, int c, int t) {
        boolean ok = status == JudgementStatus.OK;
        return new Judgement(id, feature, model, status, ok ? (c + t) / 2.0 : null,
                ok ? Map.of("correctness", c, "tone", t) : null, ok && c <= 2, ok && c <= 2 ? "correctness" : null,
                "judge", "v1", Instant.parse("2026-12-01T00:00:00Z"), null, at == null ? null : Instant.parse(at),
                0, 0, null, null);
    }

    @Test
    void hourlyWindowsPerFeatureAlignedToUtc() {
        List<Judgement> judgements = List.of(
                j("a", "chat", "m1", "2026-11-20T13:05:00Z", JudgementStatus.OK, 4, 4),
                j("b", "chat", "m2", "2026-11-20T13:59:59Z", JudgementStatus.OK, 2, 4),
                j("c", "chat", "m1", "2026-11-20T13:30:00Z", JudgementStatus.UNPARSEABLE, 0, 0),
                j("d", "chat", "m1", "2026-11-20T14:00:00Z", JudgementStatus.OK, 5, 5),
                j("e", "summarize", "m1", "2026-11-20T13:10:00Z", JudgementStatus.ERROR, 0, 0),
                j("f", "chat", "m1", null, JudgementStatus.OK, 1, 1));

        QualitySeries s = QualitySeries.compute(judgements, Duration.ofHours(1), false);
        assertThat(s.untimed()).isEqualTo(1);
        assertThat(s.points()).hasSize(3);
        QualityPoint chat13 = s.points().get(0);
        assertThat(chat13.windowStart()).isEqualTo(Instant.parse("2026-11-20T13:00:00Z"));
        assertThat(chat13.windowEnd()).isEqualTo(Instant.parse("2026-11-20T14:00:00Z"));
        assertThat(chat13.featureId()).isEqualTo("chat");
        assertThat(chat13.modelId()).isNull();
        assertThat(chat13.judged()).isEqualTo(2);
        assertThat(chat13.meanScore()).isCloseTo(3.5, within(1e-12));
        assertThat(chat13.dimensionMeans()).containsEntry("correctness", 3.0).containsEntry("tone", 4.0);
        assertThat(chat13.flaggedRate()).isEqualTo(0.5);
        assertThat(chat13.unparseable()).isEqualTo(1);

        QualityPoint summarize13 = s.points().get(1);
        assertThat(summarize13.featureId()).isEqualTo("summarize");
        assertThat(summarize13.judged()).isZero();
        assertThat(summarize13.meanScore()).isNull();
        assertThat(summarize13.failed()).isEqualTo(1);

        assertThat(s.points().get(2).windowStart()).isEqualTo(Instant.parse("2026-11-20T14:00:00Z"));

        QualitySeries byModel = QualitySeries.compute(judgements, Duration.ofHours(1), true);
        assertThat(byModel.points()).extracting(QualityPoint::modelId).containsExactly("m1", "m2", "m1", "m1");
    }

    @Test
    void individualOkScoresInRequestTimeOrderForDetectorsOfSmallSamples() {
        List<Judgement> judgements = List.of(
                j("b", "chat", "m2", "2026-11-20T13:59:59Z", JudgementStatus.OK, 2, 4),
                j("a", "chat", "m1", "2026-11-20T13:05:00Z", JudgementStatus.OK, 4, 4),
                j("c", "chat", "m1", "2026-11-20T13:30:00Z", JudgementStatus.UNPARSEABLE, 0, 0),
                j("d", "chat", "m1", "2026-11-20T13:05:00Z", JudgementStatus.OK, 5, 5),
                j("f", "chat", "m1", null, JudgementStatus.OK, 1, 1));
        QualitySeries s = QualitySeries.compute(judgements, Duration.ofHours(1), true);
        assertThat(s.scores()).extracting(dev.llmmon.metrics.JudgedScore::requestId).containsExactly("a", "d", "b");
        assertThat(s.scores().get(2).score()).isEqualTo(3.0);
        assertThat(s.scores().get(2).dimensions()).containsEntry("correctness", 2).containsEntry("tone", 4);
        assertThat(s.scores().get(2).modelId()).isEqualTo("m2");
    }

    @Test
    void aLaterErrorDoesNotHideAnEarlierScore() {
        List<Judgement> judgements = List.of(
                j("a", "chat", "m1", "2026-11-20T13:05:00Z", JudgementStatus.OK, 4, 4),
                j("a", "chat", "m1", "2026-11-20T13:05:00Z", JudgementStatus.ERROR, 0, 0));
        QualityPoint p = QualitySeries.compute(judgements, Duration.ofHours(1), false).points().get(0);
        assertThat(p.judged()).isEqualTo(1);
        assertThat(p.failed()).isZero();
    }
}
