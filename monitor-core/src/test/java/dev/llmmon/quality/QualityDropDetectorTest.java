package dev.llmmon.quality;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.metrics.JudgedScore;
import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality-drop detector at the sample sizes users judge, on simulated judgements ({@link JudgementSimulation},
 * fixed seeds). The delay table of docs/detectors.md comes from {@link QualityDelayTable}.
 */
class QualityDropDetectorTest {
    static final JudgementSimulation.Cell HUNDRED_AT_FIVE_PERCENT = new JudgementSimulation.Cell(100, 0.05);

    @Test
    void aOnePointDropAtOneHundredRequestsAnHourJudgedAtFivePercentIsFoundWithinADay() {
        QualityPlan plan = QualityPlan.defaults();
        double[] delays = new double[20];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = JudgementSimulation.delay(HUNDRED_AT_FIVE_PERCENT, plan, 1.0, 14 * 24, 1000 + i);
        }
        // NaN would be a false alarm before the drop, infinity a drop never found
        assertThat(Arrays.stream(delays).boxed().toList()).allSatisfy(d -> assertThat(d).isBetween(0.0, 24.0));
        assertThat(JudgementSimulation.quantile(delays, 0.5)).isLessThan(6.0);
    }

    @Test
    void withoutADropTheChartFalseAlarmsNoMoreOftenThanPlanned() {
        // m = 1 chart: the plan is one false alarm per 2000 hours, 0.084 a week; bound 0.15 a week
        QualityPlan plan = QualityPlan.defaults();
        int alarms = 0;
        int weeks = 0;
        for (int i = 0; i < 40; i++) {
            alarms += JudgementSimulation.falseAlarms(HUNDRED_AT_FIVE_PERCENT, plan, 4, 5000 + i);
            weeks += 4;
        }
        assertThat((double) alarms / weeks).isLessThanOrEqualTo(0.15);
    }

    @Test
    void aDropRaisesOneAlertNamingFeatureModelDimensionAndTheFirstWindowWithEvidence() throws Exception {
        List<JudgedScore> s = JudgementSimulation.stream(HUNDRED_AT_FIVE_PERCENT, 200, 24, 1.0, 48, 1003);
        double dropStart = JudgementSimulation.dropStart(s, 200, 24);
        Detector.Findings findings = new QualityDropDetector(QualityPlan.defaults())
                .detect(new DetectionInput(List.of(), List.of(), Duration.ofHours(1), List.of(), s));
        assertThat(findings.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.QUALITY_DROP);
            assertThat(a.feature()).isEqualTo("chat");
            assertThat(a.model()).isEqualTo("m");
            assertThat(a.metric()).isEqualTo("quality_score");
            assertThat(a.direction()).isEqualTo("DOWN");
            assertThat(a.open()).isTrue();
            // poor answers lose most on correctness (4–5 to 1–2)
            assertThat(a.message()).contains("largest drop in correctness").contains("first window with evidence");
            assertThat(a.windowStart()).isEqualTo(a.evidence().get(0).windowStart());
            assertThat(a.windowStart().getEpochSecond() % 3600).isZero();
            // the evidence starts within a few hours of the drop, never days before it
            double onsetHours = JudgementSimulation.hours(a.windowStart());
            assertThat(onsetHours).isBetween(dropStart - 6, dropStart + 6);
            assertThat(a.value()).isLessThan(a.baseline() - 0.5);
        });
        QualityDropDetector.Report report = (QualityDropDetector.Report) findings.detail();
        assertThat(report.family()).isEqualTo(1);
        assertThat(report.charts().get(0).arl0()).isBetween(2000 * 4.0, 2000 * 6.0);
    }

    @Test
    void aSeriesWithFewerJudgementsThanItsBaselineSaysHowManyAreMissingAndRaisesNothing() {
        List<JudgedScore> s = JudgementSimulation.stream(HUNDRED_AT_FIVE_PERCENT, 1000, 0, 0, 0, 7).subList(0, 160);
        QualityDropDetector.Report report = new QualityDropDetector(QualityPlan.defaults()).charts(s);
        assertThat(report.collectingBaseline()).singleElement()
                .satisfies(c -> assertThat(c.baselineRemaining()).isEqualTo(40));
        assertThat(report.family()).isZero();
    }

    @Test
    void chartsArePerFeatureAndModelAndTheFamilyWidensEachLimit() {
        List<JudgedScore> a = JudgementSimulation.stream(HUNDRED_AT_FIVE_PERCENT, 200, 200, 0, 0, 11);
        List<JudgedScore> both = new ArrayList<>(a);
        for (JudgedScore j : JudgementSimulation.stream(HUNDRED_AT_FIVE_PERCENT, 200, 200, 0, 0, 11)) {
            both.add(new JudgedScore(j.requestTime(), j.requestId(), "other", j.modelId(), j.score(), j.dimensions()));
        }
        QualityDropDetector detector = new QualityDropDetector(QualityPlan.defaults());
        QualityChart alone = detector.charts(a).charts().get(0);
        QualityDropDetector.Report two = detector.charts(both);
        assertThat(two.charts()).extracting(QualityChart::feature).containsExactly("chat", "other");
        assertThat(two.family()).isEqualTo(2);
        assertThat(two.charts().get(0).arl0()).isCloseTo(2 * alone.arl0(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(two.charts().get(0).limit()).isLessThan(alone.limit());
    }

    @Test
    void theSameJudgementsInAnyOrderGiveTheSameAlerts() throws Exception {
        List<JudgedScore> s = JudgementSimulation.stream(HUNDRED_AT_FIVE_PERCENT, 200, 24, 1.0, 24, 3);
        List<JudgedScore> reversed = new ArrayList<>(s);
        java.util.Collections.reverse(reversed);
        QualityDropDetector d = new QualityDropDetector(QualityPlan.defaults());
        DetectionInput in = new DetectionInput(List.of(), List.of(), Duration.ofHours(1), List.of(), s);
        DetectionInput back = new DetectionInput(List.of(), List.of(), Duration.ofHours(1), List.of(), reversed);
        assertThat(d.detect(back).alerts()).isEqualTo(d.detect(in).alerts()).isNotEmpty();
    }
}
