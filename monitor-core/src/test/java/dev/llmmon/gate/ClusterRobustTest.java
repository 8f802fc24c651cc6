package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClusterRobustTest {
    @Test
    void oneCasePerClusterIsTheUsualVarianceOfTheMean() {
        double[] v = {1, 0, 0, -1, 0, 1, 1, 0};
        String[] c = {"a", "b", "c", "d", "e", "f", "g", "h"};
        // mean 0.25, sum of squares 3.5, s^2 = 0.5, s^2/n = 0.0625
        assertThat(ClusterRobust.varianceOfMean(v, c)).isCloseTo(0.0625, within(1e-12));
        assertThat(ClusterRobust.designEffect(v, c)).isEqualTo(1);
    }

    @Test
    void clustersSumTheirResidualsBeforeSquaring() {
        double[] v = {1, 1, 0, 0, -1, -1};
        String[] c = {"a", "a", "b", "b", "c", "c"};
        // mean 0; cluster sums 2, 0, -2; CR1 = 3/2 * 8 / 36 = 1/3; s^2/n = (4/5)/6 = 2/15
        assertThat(ClusterRobust.varianceOfMean(v, c)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(ClusterRobust.designEffect(v, c)).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void oneClusterSaysNothingAboutItsVariance() {
        double[] v = {1, 0, -1};
        String[] c = {"a", "a", "a"};
        assertThat(ClusterRobust.varianceOfMean(v, c)).isNaN();
        assertThat(ClusterRobust.designEffect(v, c)).isEqualTo(1);
    }
}
