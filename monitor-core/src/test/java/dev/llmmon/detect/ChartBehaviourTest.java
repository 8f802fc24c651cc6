package dev.llmmon.detect;

import static dev.llmmon.detect.Simulation.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmmon.detect.PointResult.SkipReason;
import dev.llmmon.detect.PointResult.Status;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ChartBehaviourTest {

    /** Windows of {@code n} requests with binomial(n, p) events each, as rates. */
    private static List<SeriesPoint> rates(long seed, int from, int count, int n, double p) {
        BinomialDistribution binomial = new BinomialDistribution(new Well19937c(seed), n, p);
        List<SeriesPoint> series = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            series.add(new SeriesPoint(window(i), binomial.sample() / (double) n, n));
        }
        return series;
    }

    private static List<SeriesPoint> with(List<SeriesPoint> series, SeriesPoint extra) {
        List<SeriesPoint> copy = new ArrayList<>(series);
        copy.add(extra);
        return copy;
    }

    @Test
    void proportionChartWeighsEachWindowByItsRequestCount() {
        // p0 = 0.05 and a history exactly at p0, so the chart sits at its centre before the last window
        List<SeriesPoint> history = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            history.add(new SeriesPoint(window(i), 0.05, 1000));
        }
        EwmaChart ewma = EwmaChart.of(Kind.PROPORTION).withBaseline(Baseline.knownProportion(0.05)).withMinCount(10);
        CusumChart cusum = CusumChart.of(Kind.PROPORTION).withBaseline(Baseline.knownProportion(0.05)).withMinCount(10);

        // scores are binomial mid-p normal scores (BinomialScoreTest): 3 errors in 12 give 2.29 (the normal
        // approximation would say 3.2), 840 in 12,000 against 600 expected give 9.5
        SeriesPoint fewRequests = new SeriesPoint(window(50), 0.25, 12);
        SeriesPoint manyRequests = new SeriesPoint(window(50), 0.07, 12_000);
        for (Detector chart : List.<Detector>of(ewma, cusum)) {
            assertThat(last(chart.run(with(history, fewRequests))).status()).as(chart.name())
                    .isEqualTo(Status.IN_CONTROL);
            assertThat(last(chart.run(with(history, manyRequests))).status()).as(chart.name())
                    .isEqualTo(Status.OUT_OF_CONTROL);
        }
        PointResult small = last(ewma.run(with(history, fewRequests)));
        // 50 in 1,000 at p0 = 0.05 scores 0.0216, not 0 (counts are discrete), so the chart starts a little above 0
        double before = 0.021646548216163523 * (1 - Math.pow(0.9, 50));
        assertThat(small.statistic()).isCloseTo(0.1 * 2.293753439946336 + 0.9 * before, within(1e-6));
    }

    @Test
    void proportionChartWithAnEstimatedBaselineOnBinomialNoise() {
        // 30 baseline windows + 20 monitored ones of 1000 requests at p = 0.05, then one more window
        List<SeriesPoint> history = rates(11, 0, 50, 1000, 0.05);
        EwmaChart ewma = EwmaChart.of(Kind.PROPORTION).withMinCount(10);
        CusumChart cusum = CusumChart.of(Kind.PROPORTION).withMinCount(10);

        DetectionResult clean = ewma.run(history);
        assertThat(clean.baseline().mean()).isCloseTo(0.05, within(0.005));
        assertThat(clean.baseline().observations()).isEqualTo(30_000);
        assertThat(clean.episodes()).isEmpty();
        assertThat(clean.units()).isEqualTo(DetectionResult.Units.SIGMA);
        for (Detector chart : List.<Detector>of(ewma, cusum)) {
            assertThat(last(chart.run(with(history, new SeriesPoint(window(50), 0.25, 12)))).outOfControl())
                    .as(chart.name()).isFalse();
            assertThat(last(chart.run(with(history, new SeriesPoint(window(50), 0.08, 12_000)))).outOfControl())
                    .as(chart.name()).isTrue();
        }
    }

    @Test
    void windowsBelowTheMinimumAreSkippedWithAReasonAndDoNotMoveTheChart() {
        List<SeriesPoint> history = rates(12, 0, 40, 1000, 0.05);
        DetectionResult plain = EwmaChart.of(Kind.PROPORTION).run(history);
        List<SeriesPoint> withTiny = with(history, new SeriesPoint(window(40), 1.0, 3));
        withTiny.add(new SeriesPoint(window(41), Double.NaN, 0));
        DetectionResult result = EwmaChart.of(Kind.PROPORTION).run(withTiny);

        PointResult tiny = result.points().get(40);
        assertThat(tiny.status()).isEqualTo(Status.SKIPPED);
        assertThat(tiny.skipReason()).isEqualTo(SkipReason.TOO_FEW_REQUESTS);
        assertThat(tiny.note()).contains("3 requests").contains("20");
        assertThat(result.points().get(41).skipReason()).isEqualTo(SkipReason.NO_VALUE);
        assertThat(result.points().subList(0, 40)).isEqualTo(plain.points());
        assertThat(result.episodes()).isEmpty();
    }

    @Test
    void noSignalBeforeTheBaselineIsCompleteAndTheResultSaysHowManyWindowsRemain() {
        // a huge jump inside the baseline period: still Phase I, never a signal
        List<SeriesPoint> series = new ArrayList<>(Simulation.normal(13, 20));
        series.set(10, new SeriesPoint(window(10), 50, 1000));
        DetectionResult result = EwmaChart.of(Kind.INDIVIDUAL).run(series);

        assertThat(result.points()).allMatch(p -> p.status() == Status.BASELINE);
        assertThat(result.episodes()).isEmpty();
        assertThat(result.baseline().complete()).isFalse();
        assertThat(result.baseline().windowsUsed()).isEqualTo(20);
        assertThat(result.baseline().windowsRemaining()).isEqualTo(10);

        DetectionResult later = EwmaChart.of(Kind.INDIVIDUAL).run(Simulation.normal(13, 31));
        assertThat(later.baseline().complete()).isTrue();
        assertThat(later.baseline().windowsRemaining()).isZero();
        assertThat(later.points().get(30).status()).isIn(Status.IN_CONTROL, Status.OUT_OF_CONTROL);
    }

    @Test
    void pinnedDateRangeBaselineIsFrozenAndReportsRemainingWindows() {
        List<SeriesPoint> series = Simulation.normal(14, 100, 10, 2, 60, 0);
        Baseline pinned = Baseline.between(window(10), window(40));
        DetectionResult result = EwmaChart.of(Kind.INDIVIDUAL).withBaseline(pinned).run(series);

        assertThat(result.points().subList(0, 10)).allMatch(p -> p.skipReason() == SkipReason.BEFORE_BASELINE);
        assertThat(result.points().subList(10, 40)).allMatch(p -> p.status() == Status.BASELINE);
        assertThat(result.baseline().windowsUsed()).isEqualTo(30);
        assertThat(result.baseline().mean()).isCloseTo(10, within(1.0));
        assertThat(result.baseline().sigma()).isCloseTo(2, within(0.6));
        // what happens after the baseline cannot change the frozen estimate
        List<SeriesPoint> shifted = Simulation.normal(14, 100, 10, 2, 60, 8);
        assertThat(EwmaChart.of(Kind.INDIVIDUAL).withBaseline(pinned).run(shifted).baseline())
                .isEqualTo(result.baseline());

        DetectionResult early = EwmaChart.of(Kind.INDIVIDUAL).withBaseline(pinned).run(series.subList(0, 25));
        assertThat(early.baseline().complete()).isFalse();
        assertThat(early.baseline().windowsRemaining()).isEqualTo(15); // windows 25..39
    }

    @Test
    void movingRangeEstimateMatchesAHandComputation() {
        double[] values = {10, 12, 11, 15, 13};
        List<SeriesPoint> series = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            series.add(new SeriesPoint(window(i), values[i], 100));
        }
        BaselineSummary baseline = EwmaChart.of(Kind.INDIVIDUAL).withBaseline(Baseline.firstWindows(5))
                .run(series).baseline();
        assertThat(baseline.mean()).isEqualTo(12.2);
        // moving ranges 2, 1, 4, 2 -> mean 2.25 -> sigma 2.25 / 1.128
        assertThat(baseline.sigma()).isCloseTo(2.25 / 1.128, within(1e-12));
    }

    @Test
    void ewmaStatisticAndLimitsFollowTheTextbookFormula() {
        EwmaChart chart = EwmaChart.of(Kind.INDIVIDUAL).withBaseline(Baseline.known(100, 4));
        List<SeriesPoint> series = List.of(new SeriesPoint(window(0), 108, 50), new SeriesPoint(window(1), 96, 50));
        DetectionResult result = chart.run(series);
        double z1 = 0.1 * 108 + 0.9 * 100;
        double z2 = 0.1 * 96 + 0.9 * z1;
        double w2 = 2.814 * 4 * Math.sqrt(0.1 / 1.9 * (1 - Math.pow(0.9, 4)));
        assertThat(result.points().get(0).statistic()).isCloseTo(z1, within(1e-9));
        assertThat(result.points().get(0).upperLimit()).isCloseTo(100 + 2.814 * 4 * 0.1, within(1e-9));
        assertThat(result.points().get(1).statistic()).isCloseTo(z2, within(1e-9));
        assertThat(result.points().get(1).lowerLimit()).isCloseTo(100 - w2, within(1e-9));
        assertThat(result.units()).isEqualTo(DetectionResult.Units.VALUE);
    }

    @Test
    void aSustainedShiftIsOneEpisodeThatClosesWhenTheSeriesReturns() {
        // baseline 0..29 in control, shift of +3 sigma at 60..89, back to normal from 90
        List<SeriesPoint> series = new ArrayList<>(Simulation.normal(15, 200, 20, 1, Integer.MAX_VALUE, 0));
        for (int i = 60; i < 90; i++) {
            SeriesPoint p = series.get(i);
            series.set(i, new SeriesPoint(p.windowStart(), p.value() + 3, p.n()));
        }
        for (Detector chart : List.of(EwmaChart.of(Kind.INDIVIDUAL), CusumChart.of(Kind.INDIVIDUAL))) {
            DetectionResult result = chart.run(series);
            assertThat(result.episodes()).as(chart.name()).hasSize(1);
            Episode episode = result.episodes().get(0);
            assertThat(episode.direction()).isEqualTo(Episode.Direction.UP);
            assertThat(episode.start()).isBetween(window(60), window(66));
            assertThat(episode.open()).isFalse();
            assertThat(episode.closedAt()).isBetween(window(90), window(115));
            assertThat(episode.evidence()).allMatch(PointResult::outOfControl);
            assertThat(episode.peakValue()).isGreaterThan(22);
            assertThat(episode.baselineMean()).isEqualTo(result.baseline().mean());
            assertThat(result.openEpisode()).isEmpty();
            // the same input gives the same output: replay needs no state
            assertThat(chart.run(List.copyOf(series))).isEqualTo(result);
        }
    }

    @Test
    void aShiftThatPersistsToTheEndIsReportedAsOpen() {
        List<SeriesPoint> series = Simulation.normal(16, 120, 0, 1, 80, 2);
        DetectionResult result = CusumChart.of(Kind.INDIVIDUAL).run(series);
        assertThat(result.episodes()).hasSize(1);
        assertThat(result.openEpisode()).isPresent();
        assertThat(result.openEpisode().get().closedAt()).isNull();
        assertThat(result.openEpisode().get().limit()).isEqualTo(5.0);
    }

    @Test
    void oneSidedChartsIgnoreTheHarmlessDirection() {
        // quality drops by 3 sigma: a LOWER chart signals, an UPPER chart stays quiet
        List<SeriesPoint> drop = Simulation.normal(17, 120, 0.8, 0.05, 60, -0.15);
        for (Side side : Side.values()) {
            DetectionResult ewma = EwmaChart.of(Kind.INDIVIDUAL).withSide(side).run(drop);
            DetectionResult cusum = CusumChart.of(Kind.INDIVIDUAL).withSide(side).run(drop);
            boolean expectSignal = side != Side.UPPER;
            assertThat(ewma.episodes().isEmpty()).as("ewma " + side).isEqualTo(!expectSignal);
            assertThat(cusum.episodes().isEmpty()).as("cusum " + side).isEqualTo(!expectSignal);
            if (side == Side.UPPER) {
                assertThat(ewma.points().get(100).lowerLimit()).isNaN();
            }
        }
    }

    @Test
    void degenerateBaselinesSkipMonitoringWithAReasonInsteadOfInventingParameters() {
        List<SeriesPoint> noErrors = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            noErrors.add(new SeriesPoint(window(i), i < 30 ? 0 : 0.5, 100));
        }
        DetectionResult result = EwmaChart.of(Kind.PROPORTION).run(noErrors);
        assertThat(result.baseline().usable()).isFalse();
        assertThat(result.baseline().problem()).contains("0 < p0 < 1");
        assertThat(result.points().get(35).skipReason()).isEqualTo(SkipReason.NO_BASELINE);
        assertThat(result.episodes()).isEmpty();
    }

    @Test
    void badInputIsRejectedWithTheWindowNamed() {
        List<SeriesPoint> outOfOrder = List.of(new SeriesPoint(window(2), 1, 30), new SeriesPoint(window(1), 1, 30));
        assertThatThrownBy(() -> EwmaChart.of(Kind.INDIVIDUAL).run(outOfOrder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(window(1).toString()).hasMessageContaining("time order");
        List<SeriesPoint> badRate = List.of(new SeriesPoint(window(0), 1.5, 30));
        assertThatThrownBy(() -> CusumChart.of(Kind.PROPORTION).run(badRate))
                .hasMessageContaining(window(0).toString()).hasMessageContaining("outside [0, 1]");
    }

    private static PointResult last(DetectionResult result) {
        return result.points().get(result.points().size() - 1);
    }
}
