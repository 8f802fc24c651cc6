package dev.llmmon.alert;

import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.charting.ChartType;
import dev.llmmon.charting.Detection;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import dev.llmmon.series.SeriesKey;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmmon.metrics.WindowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionTest {
    private static final Instant T0 = SyntheticWindows.START;

    private static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    @Test
    void theChartsOfARunAreCalibratedAsAFamily() {
        List<WindowMetrics> windows = new SyntheticWindows(21).hours(0, 100, h -> false, 0, h -> false, 0);
        DetectionReport family = Detection.run(DetectionPlan.defaults(), windows, List.of());
        long charted = family.runs().stream().filter(r -> r.result().points().stream()
                .anyMatch(p -> p.status() != dev.llmmon.detect.PointResult.Status.SKIPPED)).count();
        assertThat(family.calibration().series()).isEqualTo(charted).isGreaterThan(1);
        assertThat(family.calibration().perChartArl()).isEqualTo(500.0 * charted);
        double l = Math.round(dev.llmmon.detect.RunLength.ewmaLimitsFor(0.1, 500.0 * charted,
                dev.llmmon.detect.Side.UPPER, dev.llmmon.detect.Kind.INDIVIDUAL).limitWidth() * 1000) / 1000.0;
        SeriesRun latency = family.run(new SeriesKey("support-chat", "gpt-4o-mini", SeriesMetric.LATENCY_P95_MS))
                .orElseThrow();
        assertThat(latency.result().detector()).contains("L=" + l + ",");
        assertThat(l).isGreaterThan(3.0);

        DetectionReport textbook = Detection.run(DetectionPlan.defaults().withFamilyArl(0), windows, List.of());
        assertThat(textbook.calibration().calibrated()).isFalse();
        assertThat(textbook.runs()).allSatisfy(r -> assertThat(r.result().detector()).contains("L=2.814,"));
    }

    @Test
    void anErrorSpikeIsOneAlertThatClosesWhenTheRateReturns() {
        // 72 clean hours, errors at 10 % (baseline 2 %) in hours 80..85, clean again until 120
        List<WindowMetrics> windows = new SyntheticWindows(11).hours(0, 120, h -> h >= 80 && h < 86, 0.10,
                h -> false, 0);
        DetectionReport report = Detection.run(DetectionPlan.defaults(), windows, List.of());

        // six out-of-control windows make one alert, not six (the EWMA needs some hours to come back after a
        // 12-sigma spike; a later, unrelated alert may follow)
        List<Alert> errorAlerts = report.alerts().stream().filter(a -> a.metric().equals("error_rate"))
                .filter(a -> a.windowStart().isBefore(hour(86))).toList();
        assertThat(errorAlerts).hasSize(1);
        Alert alert = errorAlerts.get(0);
        assertThat(alert.windowStart()).isEqualTo(hour(80));
        assertThat(alert.status()).isEqualTo(Alert.Status.CLOSED);
        assertThat(alert.closedAt()).isAfter(hour(85));
        assertThat(alert.evidence()).extracting(Alert.Evidence::windowStart).contains(hour(80), hour(85));
        assertThat(alert.baseline()).isBetween(0.015, 0.025);
        assertThat(alert.value()).isGreaterThan(0.07);
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL); // error rate, far more than 6 sd out
        assertThat(alert.id()).isEqualTo(Alert.idOf(AlertKind.CONTROL_CHART, "support-chat", "gpt-4o-mini",
                "error_rate", hour(80)));
        // closed alerts are history: they never fail a build
        assertThat(report.shouldFail(Severity.MINOR)).isEqualTo(report.openAlerts().stream().findAny().isPresent());
        assertThat(report.failing(Severity.MINOR)).doesNotContain(alert);
    }

    @Test
    void aLatencyStepAtTheEndIsAnOpenAlertThatFailsTheBuildBySeverity() {
        List<WindowMetrics> windows = new SyntheticWindows(12).hours(0, 100, h -> false, 0, h -> h >= 90, 400);
        DetectionReport report = Detection.run(DetectionPlan.defaults(), windows, List.of());

        Alert latency = report.alerts().stream().filter(a -> a.metric().equals("latency_p95_ms"))
                .filter(a -> !a.windowStart().isBefore(hour(90))).findFirst()
                .orElseThrow();
        assertThat(latency.open()).isTrue();
        assertThat(latency.windowStart()).isBetween(hour(90), hour(92));
        assertThat(latency.units()).isEqualTo("value");
        assertThat(latency.limit()).isBetween(1200.0, 1300.0);
        assertThat(latency.deviation()).isGreaterThan(4);
        assertThat(latency.severity()).isIn(Severity.MAJOR, Severity.CRITICAL);
        assertThat(report.shouldFail(Severity.MAJOR)).isTrue();
        assertThat(report.failing(Severity.MAJOR)).contains(latency);
        assertThat(report.shouldFail(Severity.CRITICAL)).isEqualTo(latency.severity() == Severity.CRITICAL);
    }

    @Test
    void replayingTheSameWindowsGivesTheSameAlerts() {
        List<WindowMetrics> windows = new SyntheticWindows(13).hours(0, 110, h -> h >= 80 && h < 84, 0.12,
                h -> h >= 100, 300);
        DetectionReport first = Detection.run(DetectionPlan.defaults(), windows, List.of());
        List<WindowMetrics> shuffled = new ArrayList<>(windows);
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        DetectionReport second = Detection.run(DetectionPlan.defaults(), shuffled, List.of());
        assertThat(first.alerts()).isNotEmpty().isEqualTo(second.alerts());
    }

    @Test
    void warmUpRaisesNothingAndSaysSo() {
        List<WindowMetrics> windows = new SyntheticWindows(14).hours(0, 20, h -> h >= 10, 0.5, h -> false, 0);
        DetectionReport report = Detection.run(DetectionPlan.defaults(), windows, List.of());
        assertThat(report.alerts()).isEmpty();
        assertThat(report.warmingUp()).isNotEmpty().allSatisfy(r ->
                assertThat(r.result().baseline().windowsRemaining()).isEqualTo(10));
    }

    @Test
    void cusumAlsoCatchesTheSpikeAndTheLegacyRuleIsDeafToIt() {
        List<WindowMetrics> windows = new SyntheticWindows(15).hours(0, 120, h -> h >= 80 && h < 86, 0.10,
                h -> false, 0);
        DetectionPlan errors = DetectionPlan.defaults().withMetrics(EnumSet.of(SeriesMetric.ERROR_RATE));
        DetectionReport cusum = Detection.run(errors.withChart(ChartType.CUSUM), windows, List.of());
        assertThat(cusum.alerts()).hasSize(1);
        assertThat(cusum.alerts().get(0).windowStart()).isBetween(hour(80), hour(81));
        assertThat(cusum.alerts().get(0).detector()).startsWith("cusum");
        DetectionReport legacy = Detection.run(errors.withChart(ChartType.LEGACY), windows, List.of());
        assertThat(legacy.alerts()).isEmpty(); // α = 0.1, k = 3 can never fire (docs/detectors.md)
    }

    @Test
    void aNewModelIsJudgedAgainstTheDaysBeforeItReplacedTheOldOne() {
        SyntheticWindows old = new SyntheticWindows(16);
        List<WindowMetrics> windows = new ArrayList<>(old.hours(0, 96));
        SyntheticWindows replacement = new SyntheticWindows(17);
        replacement.model = "gpt-4.1-mini";
        replacement.outputTokens = 390; // 30 % longer answers
        windows.addAll(replacement.hours(96, 130));

        DetectionPlan plan = DetectionPlan.defaults().withBaseline(BaselineSpec.beforeModelChange(Duration.ofDays(2)));
        DetectionReport report = Detection.run(plan, windows, List.of());

        SeriesKey tokens = new SeriesKey("support-chat", "gpt-4.1-mini", SeriesMetric.MEAN_OUTPUT_TOKENS);
        SeriesRun run = report.run(tokens).orElseThrow();
        assertThat(run.baselineNote()).contains("previous model gpt-4o-mini").contains(hour(96).toString());
        assertThat(run.result().baseline().windowsUsed()).isEqualTo(48);
        assertThat(run.result().baseline().mean()).isBetween(295.0, 305.0);
        Alert bloat = report.alerts().stream().filter(a -> a.metric().equals("mean_output_tokens")).findFirst()
                .orElseThrow();
        assertThat(bloat.model()).isEqualTo("gpt-4.1-mini");
        // the second window of the new model: no single window of a mean signals alone (EwmaChart#clip)
        assertThat(bloat.windowStart()).isBetween(hour(96), hour(97));
        assertThat(bloat.open()).isTrue();
        // without the model-change baseline the new model's series would just learn its own (bloated) level
        DetectionReport naive = Detection.run(DetectionPlan.defaults(), windows, List.of());
        assertThat(naive.alerts()).noneMatch(a -> a.metric().equals("mean_output_tokens")
                && a.windowStart().isBefore(hour(126)));
    }

    @Test
    void explicitChangeTimesReplaceTheDetectedOnes() {
        SyntheticWindows gen = new SyntheticWindows(18);
        List<WindowMetrics> windows = new ArrayList<>(gen.hours(0, 60));
        gen.outputTokens = 400; // a prompt change at hour 60, same model id
        windows.addAll(gen.hours(60, 80));
        DetectionPlan plan = DetectionPlan.defaults().withMetrics(EnumSet.of(SeriesMetric.MEAN_OUTPUT_TOKENS))
                .withBaseline(new BaselineSpec.BeforeModelChange(Duration.ofDays(2), java.util.Map.of()).withChange(
                        "support-chat", hour(60)));
        DetectionReport report = Detection.run(plan, windows, List.of());
        assertThat(report.alerts()).singleElement().satisfies(a -> {
            assertThat(a.windowStart()).isBetween(hour(60), hour(61));
            assertThat(a.model()).isEqualTo("gpt-4o-mini");
        });
    }

    @Test
    void smallWindowsAreSkippedWithAReasonRatherThanAlarming() {
        SyntheticWindows gen = new SyntheticWindows(19);
        List<WindowMetrics> windows = new ArrayList<>(gen.hours(0, 60));
        windows.add(gen.window(60, 8, 0.5, 1200, 300)); // 4 errors of 8 requests
        windows.addAll(gen.hours(61, 70));
        DetectionReport report = Detection.run(DetectionPlan.defaults(), windows, List.of());
        assertThat(report.alerts()).noneMatch(a -> a.metric().equals("error_rate"));
        SeriesRun run = report.run(new SeriesKey("support-chat", "gpt-4o-mini", SeriesMetric.ERROR_RATE)).orElseThrow();
        assertThat(run.result().points().get(60).skipReason())
                .isEqualTo(dev.llmmon.detect.PointResult.SkipReason.TOO_FEW_REQUESTS);
    }
}
