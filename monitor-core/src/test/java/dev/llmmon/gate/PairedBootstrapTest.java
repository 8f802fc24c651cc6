package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedBootstrapTest {
    private static String[] ownClusters(int n) {
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            c[i] = "case" + i;
        }
        return c;
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndItsValuesAreKept() {
        double[] d = {-1, -0.5, 0, 0, 0.5, -1, 0, -0.5, 0, 1, -1, 0, 0, -0.5, 0, 0};
        Interval a = PairedBootstrap.interval(d, ownClusters(d.length), 2000, 42, 0.05);
        Interval b = PairedBootstrap.interval(d, ownClusters(d.length), 2000, 42, 0.05);
        assertThat(a).isEqualTo(b);
        assertThat(a.estimate()).isCloseTo(-3.0 / 16, within(1e-12));
        // pinned: SplittableRandom(42) is specified, so these bounds are the same on every JDK
        assertThat(a.lower()).isCloseTo(-0.40625, within(1e-12));
        assertThat(a.upper()).isCloseTo(0.03125, within(1e-12));
        // the normal-theory half-width, s / sqrt(n) * 1.645 = 0.2237, is about what the resampling finds
        assertThat((a.upper() - a.lower()) / 2).isCloseTo(0.2237, within(0.02));
    }

    @Test
    void coversTheTrueMeanAsOftenAsItSays() {
        // 90% two-sided (alpha 0.05 per side) intervals of the mean of skewed score differences, n = 60
        SplittableRandom random = new SplittableRandom(2026);
        int runs = 1000;
        int covered = 0;
        double trueMean = 0.2 * 1 + 0.1 * -2;
        for (int r = 0; r < runs; r++) {
            double[] d = new double[60];
            for (int i = 0; i < d.length; i++) {
                double u = random.nextDouble();
                d[i] = u < 0.2 ? 1 : u < 0.3 ? -2 : 0;
            }
            Interval iv = PairedBootstrap.interval(d, ownClusters(d.length), 500, r, 0.05);
            covered += iv.lower() <= trueMean && trueMean <= iv.upper() ? 1 : 0;
        }
        double coverage = (double) covered / runs;
        assertThat(coverage).isBetween(0.90 - 3 * Math.sqrt(0.09 / runs) - 0.02, 0.90 + 3 * Math.sqrt(0.09 / runs));
    }

    @Test
    void clustersMoveTogether() {
        // ten clusters of five identical differences: resampling clusters gives the wider, honest interval
        double[] d = new double[50];
        String[] clusters = new String[50];
        for (int i = 0; i < 50; i++) {
            d[i] = (i / 5) % 2 == 0 ? 1 : -1;
            clusters[i] = "g" + i / 5;
        }
        Interval byCase = PairedBootstrap.interval(d, ownClusters(50), 2000, 1, 0.05);
        Interval byCluster = PairedBootstrap.interval(d, clusters, 2000, 1, 0.05);
        assertThat(byCluster.upper() - byCluster.lower()).isGreaterThan(1.8 * (byCase.upper() - byCase.lower()));
    }

    @Test
    void rejectsMismatchedInput() {
        assertThatThrownBy(() -> PairedBootstrap.interval(new double[]{1}, new String[0], 100, 1, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 differences and 0 clusters");
    }
}
