package dev.llmmon.gate;

import dev.llmmon.gate.Wilcoxon.Alternative;
import dev.llmmon.gate.Wilcoxon.Result;
import dev.llmmon.gate.Wilcoxon.ZeroMethod;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WilcoxonTest {
    /** Hollander and Wolfe's depression scores, the example of R's {@code ?wilcox.test}. */
    private static final double[] X = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    private static final double[] Y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

    /** Zeros and ties: checked against scipy.stats.wilcoxon(d, method="approx", correction=True). */
    private static final double[] TIED = {0, 0, 0, 1, -1, 2, 2, -0.5, 1, 1, 0, 3, -2, 1.5, 0.5};

    @Test
    void hollanderWolfeExampleAsR() {
        double[] d = new double[X.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = X[i] - Y[i];
        }
        // wilcox.test(x, y, paired = TRUE, alternative = "greater"): V = 40, p-value = 0.01953
        Result r = Wilcoxon.test(d, Alternative.GREATER, ZeroMethod.WILCOXON);
        assertThat(r.positiveRankSum()).isEqualTo(40);
        assertThat(r.exact()).isTrue();
        assertThat(r.p()).isCloseTo(10 / 512.0, within(1e-12));
        assertThat(Wilcoxon.test(d, Alternative.TWO_SIDED, ZeroMethod.WILCOXON).p()).isCloseTo(20 / 512.0,
                within(1e-12));
        // no zeros: Pratt and zero-drop agree
        assertThat(Wilcoxon.test(d, Alternative.GREATER, ZeroMethod.PRATT).p()).isEqualTo(r.p());
    }

    @Test
    void normalApproximationWithZerosAndTiesMatchesScipy() {
        Result pratt = Wilcoxon.test(TIED, Alternative.GREATER, ZeroMethod.PRATT, 0);
        assertThat(pratt.exact()).isFalse();
        assertThat(pratt.zeros()).isEqualTo(4);
        assertThat(pratt.nonZero()).isEqualTo(11);
        assertThat(pratt.positiveRankSum()).isEqualTo(83);
        assertThat(pratt.p()).isCloseTo(0.05636262838082706, within(1e-9));
        assertThat(Wilcoxon.test(TIED, Alternative.LESS, ZeroMethod.PRATT, 0).p())
                .isCloseTo(0.9498847231450458, within(1e-9));
        assertThat(Wilcoxon.test(TIED, Alternative.TWO_SIDED, ZeroMethod.PRATT, 0).p())
                .isCloseTo(0.11272525676165412, within(1e-9));
        Result drop = Wilcoxon.test(TIED, Alternative.GREATER, ZeroMethod.WILCOXON, 0);
        assertThat(drop.positiveRankSum()).isEqualTo(51);
        assertThat(drop.p()).isCloseTo(0.058487168306674685, within(1e-9));
        assertThat(Wilcoxon.test(TIED, Alternative.LESS, ZeroMethod.WILCOXON, 0).p())
                .isCloseTo(0.9512582471506861, within(1e-9));
    }

    @Test
    void exactWithTiesEqualsEnumeratingEverySign() {
        for (ZeroMethod zm : ZeroMethod.values()) {
            Result r = Wilcoxon.test(TIED, Alternative.GREATER, zm);
            assertThat(r.exact()).isTrue();
            assertThat(r.p()).as(zm.name()).isCloseTo(bruteForceUpperTail(TIED, zm), within(1e-12));
        }
    }

    @Test
    void exactAndNormalAgreeForModerateSamples() {
        SplittableRandom random = new SplittableRandom(7);
        double[] d = new double[45];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextInt(-3, 4) * 0.5 + 0.25;
        }
        double exact = Wilcoxon.test(d, Alternative.LESS, ZeroMethod.PRATT).p();
        double normal = Wilcoxon.test(d, Alternative.LESS, ZeroMethod.PRATT, 0).p();
        assertThat(normal).isCloseTo(exact, within(0.01));
    }

    @Test
    void allZerosSayNothing() {
        Result r = Wilcoxon.test(new double[]{0, 0, 1e-15}, Alternative.LESS, ZeroMethod.PRATT);
        assertThat(r.p()).isEqualTo(1);
        assertThat(r.zeros()).isEqualTo(3);
    }

    /** P(W+ >= observed) over all 2^k sign assignments of the nonzero differences, ranks as the method gives them. */
    private static double bruteForceUpperTail(double[] d, ZeroMethod zm) {
        double[] ranked = zm == ZeroMethod.PRATT ? d : java.util.Arrays.stream(d).filter(x -> x != 0).toArray();
        double[] ranks = Wilcoxon.midranks(ranked);
        java.util.List<Double> nonZeroRanks = new java.util.ArrayList<>();
        double observed = 0;
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i] != 0) {
                nonZeroRanks.add(ranks[i]);
                observed += ranked[i] > 0 ? ranks[i] : 0;
            }
        }
        int k = nonZeroRanks.size();
        int hits = 0;
        for (int mask = 0; mask < 1 << k; mask++) {
            double w = 0;
            for (int j = 0; j < k; j++) {
                if ((mask >> j & 1) == 1) {
                    w += nonZeroRanks.get(j);
                }
            }
            hits += w >= observed - 1e-9 ? 1 : 0;
        }
        return hits / (double) (1 << k);
    }
}
