package dev.llmmon.detect;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One heavy-tailed window must not signal alone on individual values; a sustained shift and a rate outage must. */
class RobustnessTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static List<SeriesPoint> individual(double... tail) {
        List<SeriesPoint> series = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            series.add(new SeriesPoint(T0.plusSeconds(3600L * i), 100, 50));
        }
        for (int i = 0; i < tail.length; i++) {
            series.add(new SeriesPoint(T0.plusSeconds(3600L * (40 + i)), tail[i], 50));
        }
        return series;
    }

    private static final Baseline KNOWN = Baseline.known(100, 10);

    @Test
    void aSingleHugeWindowDoesNotSignalOnEitherChart() {
        // one window 20σ out, then back to normal
        List<SeriesPoint> series = individual(300, 100, 100, 100);
        assertThat(EwmaChart.of(Kind.INDIVIDUAL).withBaseline(KNOWN).run(series).episodes()).isEmpty();
        assertThat(CusumChart.of(Kind.INDIVIDUAL).withBaseline(KNOWN).run(series).episodes()).isEmpty();
    }

    @Test
    void aSustainedShiftStillSignalsWithinTwoWindows() {
        List<SeriesPoint> series = individual(300, 300, 300, 300);
        DetectionResult ewma = EwmaChart.of(Kind.INDIVIDUAL).withBaseline(KNOWN).run(series);
        assertThat(ewma.episodes()).singleElement()
                .satisfies(e -> assertThat(e.start()).isBeforeOrEqualTo(T0.plusSeconds(3600L * 41)));
        assertThat(CusumChart.of(Kind.INDIVIDUAL).withBaseline(KNOWN).run(series).episodes()).hasSize(1);
    }

    @Test
    void aOneWindowRateOutageIsNotClipped() {
        List<SeriesPoint> series = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            series.add(new SeriesPoint(T0.plusSeconds(3600L * i), 0.01, 1000));
        }
        series.add(new SeriesPoint(T0.plusSeconds(3600L * 40), 0.5, 1000));
        series.add(new SeriesPoint(T0.plusSeconds(3600L * 41), 0.01, 1000));
        DetectionResult ewma = EwmaChart.of(Kind.PROPORTION).withBaseline(Baseline.knownProportion(0.01)).run(series);
        assertThat(ewma.episodes()).singleElement()
                .satisfies(e -> assertThat(e.start()).isEqualTo(T0.plusSeconds(3600L * 40)));
    }
}
