package dev.llmmon.drift;

import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class CostAnomaliesTest {
    private static final Instant MONDAY = Instant.parse("2025-03-03T00:00:00Z");
    private static final int WEEK = 168;

    private static Instant hour(int h) {
        return MONDAY.plus(Duration.ofHours(h));
    }

    /** Requests per hour: quiet nights, a 9-10 am peak, Monday mornings 60 % busier still, weekends at 40 %. */
    static int traffic(int h) {
        ZonedDateTime t = hour(h).atZone(ZoneOffset.UTC);
        int hod = t.getHour();
        double shape = 0.08 + 0.92 * Math.exp(-Math.pow((hod - 9.5) / 4.0, 2));
        double day = t.getDayOfWeek().getValue() >= 6 ? 0.4 : 1.0;
        if (t.getDayOfWeek() == DayOfWeek.MONDAY && hod >= 8 && hod <= 11) {
            day = 1.6;
        }
        return (int) Math.round(1000 * shape * day);
    }

    static WindowMetrics row(String feature, String model, int h, long requests, double tokensPerRequest, double cost) {
        Instant start = hour(h);
        return new WindowMetrics(new GroupKey(start.toEpochMilli(), feature, model, null, null), start,
                start.plus(Duration.ofHours(1)), requests, 0, 0, 0, 0, 500, 1000, 1500, cost, cost / requests, 0, 400,
                tokensPerRequest, null);
    }

    /** Four weeks of hourly cost with 8 % log-normal noise; {@code factor} multiplies the cost of chosen hours. */
    static List<WindowMetrics> diurnal(long seed, IntUnaryOperator percent) {
        Random random = new Random(seed);
        List<WindowMetrics> rows = new ArrayList<>();
        for (int h = 0; h < 4 * WEEK; h++) {
            int n = traffic(h);
            double cost = n * 0.002 * Math.exp(0.08 * random.nextGaussian()) * percent.applyAsInt(h) / 100.0;
            rows.add(row("support-chat", "gpt-4o-mini", h, n, 300, cost));
        }
        return rows;
    }

    @Test
    void aMondayNineAmPeakIsNormalButADoubledCostAtThreeAmIsAnAnomaly() {
        int mondayNine = 3 * WEEK + 9;
        int tuesdayThree = 3 * WEEK + 24 + 3;
        List<WindowMetrics> rows = diurnal(41, h -> h == tuesdayThree ? 200 : 100);

        CostAnomalies.Result result = CostAnomalies.detect(CostAnomalies.Plan.defaults(), rows);

        List<CostAnomalies.HourCheck> checks = result.checks().get("support-chat");
        assertThat(checks).hasSize(WEEK); // the fourth week is evaluated against the first three
        CostAnomalies.HourCheck peak = checks.stream().filter(c -> c.hour().equals(hour(mondayNine))).findFirst()
                .orElseThrow();
        CostAnomalies.HourCheck night = checks.stream().filter(c -> c.hour().equals(hour(tuesdayThree))).findFirst()
                .orElseThrow();
        assertThat(peak.cost()).isGreaterThan(10 * night.cost() / 2); // the peak costs far more than the night
        assertThat(peak.anomalous()).isFalse();
        assertThat(Math.abs(peak.z())).isLessThan(3);
        assertThat(night.anomalous()).isTrue();
        assertThat(night.z()).isGreaterThan(6);
        assertThat(result.scale().get("support-chat")).isBetween(0.08, 0.12); // 8 % noise × √1.5

        assertThat(result.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.COST_ANOMALY);
            assertThat(a.windowStart()).isEqualTo(hour(tuesdayThree));
            assertThat(a.closedAt()).isEqualTo(hour(tuesdayThree + 1));
            assertThat(a.value() / a.baseline()).isBetween(1.6, 2.5);
        });

        // why the seasonal baseline matters: against one global median and MAD of all baseline hours, the doubled
        // night hour is less unusual than the normal Monday peak, so no global threshold flags one and not the other
        List<Double> logs = rows.subList(0, 3 * WEEK).stream().map(w -> Math.log(w.costTotalUsd())).toList();
        double median = CostAnomalies.median(logs);
        double mad = 1.4826 * CostAnomalies.median(logs.stream().map(x -> Math.abs(x - median)).toList());
        double naivePeak = (Math.log(peak.cost()) - median) / mad;
        double naiveNight = (Math.log(night.cost()) - median) / mad;
        assertThat(naiveNight).isLessThan(naivePeak);
    }

    @Test
    void aCleanWeekRaisesNothing() {
        for (long seed = 50; seed < 70; seed++) {
            assertThat(CostAnomalies.detect(CostAnomalies.Plan.defaults(), diurnal(seed, h -> 100)).alerts())
                    .as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void fewerRequestsWithTwiceTheTokensKeepTheBillFlatButAreTokenBloat() {
        Random random = new Random(43);
        List<WindowMetrics> rows = new ArrayList<>();
        int change = 3 * WEEK + 24;
        for (int h = 0; h < 4 * WEEK; h++) {
            boolean after = h >= change;
            int n = after ? traffic(h) / 2 : traffic(h);
            double tokens = (after ? 600 : 300) * Math.exp(0.03 * random.nextGaussian());
            double cost = n * tokens * (0.002 / 300) * Math.exp(0.05 * random.nextGaussian());
            rows.add(row("support-chat", after ? "gpt-4.1-mini" : "gpt-4o-mini", h, Math.max(1, n), tokens, cost));
        }

        assertThat(CostAnomalies.detect(CostAnomalies.Plan.defaults(), rows).alerts()).isEmpty();

        TokenBloat.Result bloat = TokenBloat.detect(TokenBloat.Plan.defaults(), rows);
        assertThat(bloat.checks()).singleElement().satisfies(c -> {
            assertThat(c.change()).isEqualTo(hour(change));
            assertThat(c.ratio()).isBetween(1.9, 2.1);
            assertThat(c.outputTokensPerWindowAfter() / c.outputTokensPerWindowBefore()).isBetween(0.8, 1.25);
        });
        assertThat(bloat.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.TOKEN_BLOAT);
            assertThat(a.model()).isEqualTo("gpt-4.1-mini");
            assertThat(a.windowStart()).isEqualTo(hour(change));
            assertThat(a.open()).isTrue();
            assertThat(a.severity()).isEqualTo(Severity.MAJOR);
        });
    }

    @Test
    void aPromptChangeWithoutBloatIsCheckedButNotAlerted() {
        Random random = new Random(44);
        List<WindowMetrics> rows = new ArrayList<>();
        for (int h = 0; h < 2 * WEEK; h++) {
            double tokens = (h >= WEEK + 24 ? 315 : 300) * Math.exp(0.03 * random.nextGaussian()); // +5 %
            rows.add(row("support-chat", "gpt-4o-mini", h, 400, tokens, 0.8));
        }
        TokenBloat.Result result = TokenBloat.detect(TokenBloat.Plan.defaults().withChange("support-chat",
                hour(WEEK + 24)), rows);
        assertThat(result.checks()).singleElement().satisfies(c -> assertThat(c.bloated()).isFalse());
        assertThat(result.alerts()).isEmpty();
    }
}
