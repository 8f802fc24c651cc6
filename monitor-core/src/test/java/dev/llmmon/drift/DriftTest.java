package dev.llmmon.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference values: scipy is not installed here, so they were computed independently with plain python3
 * ({@code math}, {@code itertools}) from scipy's definitions: the KS p-values by enumerating every split of the
 * pooled sample (the exact permutation distribution, what {@code ks_2samp(method="exact")} computes), chi-square
 * for 2 degrees of freedom as e^(−χ²/2), Jensen–Shannon as √((KL(p‖m) + KL(q‖m))/2) with natural logs, the
 * z-test p-value as erfc(|z|/√2).
 */
class DriftTest {

    @Test
    void ksMatchesTheExactPermutationDistribution() {
        DriftResult separated = ScalarDrift.ks(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}, 0.05);
        assertThat(separated.statistic()).isEqualTo(1.0);
        assertThat(separated.pValue()).isCloseTo(2.0 / 252, within(1e-12)); // 0.007936507936507936
        assertThat(separated.drift()).isTrue();

        double[] x = {0.1, 0.5, 0.9, 1.3, 2.0, 2.2};
        double[] y = {0.7, 1.1, 1.5, 1.9, 2.4, 2.8, 3.1};
        DriftResult mixed = ScalarDrift.ks(x, y, 0.05);
        assertThat(mixed.statistic()).isCloseTo(3.0 / 7, within(1e-12)); // 0.42857142857142855
        assertThat(mixed.pValue()).isCloseTo(744.0 / 1716, within(1e-9)); // 0.43356643356643354
        assertThat(mixed.drift()).isFalse();
    }

    @Test
    void wassersteinIsTheAreaBetweenTheCdfsNormedByTheReferenceSd() {
        assertThat(ScalarDrift.wassersteinNormed(new double[] {0, 1, 2}, new double[] {1, 2, 3}, 0.1).statistic())
                .isCloseTo(1.224744871391589, within(1e-12)); // W = 1, population sd √(2/3)
        assertThat(ScalarDrift.wassersteinNormed(new double[] {0, 0, 1}, new double[] {0, 1, 1}, 0.1).statistic())
                .isCloseTo(0.7071067811865475, within(1e-12)); // W = 1/3, sd √(2/9)
        assertThat(ScalarDrift.wasserstein(new double[] {3, 1, 2}, new double[] {2, 1, 3})).isZero();
    }

    @Test
    void categoricalTestsMatchHandComputedValues() {
        Map<String, Long> ref = Map.of("a", 20L, "b", 20L, "c", 20L);
        Map<String, Long> cur = Map.of("a", 10L, "b", 20L, "c", 30L);
        DriftResult chi = CategoricalDrift.chiSquare(ref, cur, 0.05);
        assertThat(chi.statistic()).isCloseTo(10.0, within(1e-12));
        assertThat(chi.pValue()).isCloseTo(0.006737946999085467, within(1e-12)); // e^-5
        assertThat(chi.drift()).isTrue();

        Map<String, Long> half = Map.of("x", 50L, "y", 50L);
        Map<String, Long> quarter = Map.of("x", 25L, "y", 75L);
        assertThat(CategoricalDrift.psi(half, quarter, 0.1).statistic()).isCloseTo(0.2746530721670274, within(1e-12));
        assertThat(CategoricalDrift.jensenShannon(half, quarter, 0.1).statistic())
                .isCloseTo(0.1839077909404743, within(1e-12));
        assertThat(CategoricalDrift.jensenShannon(half, half, 0.1).statistic()).isZero();

        DriftResult z = CategoricalDrift.zProportion(Map.of("yes", 30L, "no", 70L), Map.of("yes", 45L, "no", 55L),
                "yes", 0.05);
        assertThat(z.statistic()).isCloseTo(2.1908902300206647, within(1e-12));
        assertThat(z.pValue()).isCloseTo(0.02845973691631057, within(1e-9));
    }

    @Test
    void theTestIsChosenByReferenceSizeAsEvidentlyDoes() {
        Random random = new Random(5);
        double[] small = random.doubles(500).toArray();
        double[] large = random.doubles(20_000).toArray();
        assertThat(DriftTests.numeric(small, random.doubles(300).toArray()).test()).isEqualTo("ks");
        assertThat(DriftTests.numeric(large, random.doubles(300).toArray()).test()).isEqualTo("wasserstein_normed");
        assertThat(DriftTests.numeric(new double[] {1, 2, 3, 1, 2, 3}, new double[] {1, 2, 2}).test())
                .isEqualTo("chi_square");
        assertThat(DriftTests.categorical(Map.of("stop", 900L, "length", 100L), Map.of("stop", 80L, "length", 20L))
                .test()).isEqualTo("z_proportion");
        assertThat(DriftTests.categorical(Map.of("stop", 1900L, "length", 100L, "refusal", 20L),
                Map.of("stop", 80L, "length", 20L)).test()).isEqualTo("jensen_shannon");
        // the point of distances on large samples: a trivial shift is "significant" for KS but not a drift
        double[] shifted = random.doubles(20_000).map(v -> v + 0.02).toArray(); // W normed ≈ 0.02 / 0.289
        assertThat(ScalarDrift.ks(large, shifted, 0.05).drift()).isTrue();
        assertThat(DriftTests.numeric(large, shifted).drift()).isFalse();
    }

    private static List<float[]> cloud(Random random, int n, float[] centre, double spread) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[centre.length];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) (centre[d] + spread * random.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void embeddingDriftReportsEffectSizeAndAReproduciblePermutationPValue() {
        Random random = new Random(8);
        float[] topicA = {1, 0, 0, 0, 0, 0, 0, 0};
        float[] topicB = {0.6f, 0.8f, 0, 0, 0, 0, 0, 0};
        List<float[]> baseline = cloud(random, 60, topicA, 0.15);
        List<float[]> same = cloud(random, 60, topicA, 0.15);
        List<float[]> moved = cloud(random, 60, topicB, 0.15);

        EmbeddingDrift.MmdResult quiet = EmbeddingDrift.mmd(baseline, same, 200, 42, 0.05);
        EmbeddingDrift.MmdResult drifted = EmbeddingDrift.mmd(baseline, moved, 200, 42, 0.05);
        assertThat(quiet.drift()).isFalse();
        assertThat(drifted.drift()).isTrue();
        assertThat(drifted.pValue()).isEqualTo(1.0 / 201); // no shuffle reaches the observed MMD²
        assertThat(drifted.mmd2()).isGreaterThan(10 * Math.abs(quiet.mmd2()));
        assertThat(EmbeddingDrift.mmd(baseline, same, 200, 42, 0.05)).isEqualTo(quiet);

        float[] centroid = EmbeddingDrift.mean(baseline);
        EmbeddingDrift.OutlierCount onTopic = EmbeddingDrift.outliers(centroid, same, 0.7, 0.01);
        EmbeddingDrift.OutlierCount offTopic = EmbeddingDrift.outliers(centroid, moved, 0.7, 0.01);
        assertThat(onTopic.rate()).isLessThan(0.05);
        EmbeddingDrift.OutlierCount frozen = EmbeddingDrift.outliers(centroid, moved, 0.7, 0);
        assertThat(frozen.rate()).isGreaterThan(0.8); // cos(A, B) = 0.6 < 0.7
        // the moving centroid learns the new topic: fewer outliers as the window goes on, but still many
        assertThat(offTopic.rate()).isBetween(0.2, frozen.rate());
    }

    @Test
    void unbiasedMmdMatchesTheDirectFormulaOnATinyExample() {
        // x = {0, 1}, y = {3} ∪ {4} in one dimension, kernel matrix given directly
        double[][] k = new double[4][4];
        double[] pts = {0, 1, 3, 4};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                k[i][j] = Math.exp(-(pts[i] - pts[j]) * (pts[i] - pts[j]) / 2);
            }
        }
        double expected = (k[0][1] + k[1][0]) / 2 + (k[2][3] + k[3][2]) / 2
                - 2 * (k[0][2] + k[0][3] + k[1][2] + k[1][3]) / 4;
        assertThat(EmbeddingDrift.unbiasedMmd2(k, new int[] {0, 1, 2, 3}, 2)).isCloseTo(expected, within(1e-15));
    }

    private static RequestRecord record(Random random, int day, String fingerprint, long tokens, boolean refusal,
            String output) {
        Instant t = Instant.parse("2025-03-01T00:00:00Z").plus(Duration.ofDays(day))
                .plusSeconds(random.nextInt(86_400));
        return new RequestRecord("r" + random.nextLong(), t, "extract", "gpt-4o", 800, 500, tokens, null,
                refusal ? FinishReason.REFUSAL : FinishReason.END_TURN, null, null, null, output, fingerprint, Map.of());
    }

    @Test
    void sameModelIdNewFingerprintAndLongerAnswersIsASuspectedProviderChange() {
        Random random = new Random(9);
        ProviderBehaviour whole = new ProviderBehaviour(Duration.ofDays(1));
        ProviderBehaviour partA = new ProviderBehaviour(Duration.ofDays(1));
        ProviderBehaviour partB = new ProviderBehaviour(Duration.ofDays(1));
        for (int day = 0; day < 14; day++) {
            boolean changed = day >= 10;
            for (int i = 0; i < 300; i++) {
                long tokens = Math.round((changed ? 420 : 200) * Math.exp(0.3 * random.nextGaussian()));
                RequestRecord r = record(random, day, changed ? "fp_b2" : "fp_a1", tokens,
                        random.nextDouble() < 0.02, "{\"ok\": true}");
                whole.accept(r);
                (i % 2 == 0 ? partA : partB).accept(r);
            }
        }
        partA.merge(partB);
        List<ProviderBehaviour.SuspectedChange> changes = whole.suspectedChanges(7, 100);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.model()).isEqualTo("gpt-4o");
            assertThat(c.windowStart()).isEqualTo(Instant.parse("2025-03-11T00:00:00Z"));
            assertThat(c.reasons()).anyMatch(s -> s.startsWith("system_fingerprint fp_b2"))
                    .anyMatch(s -> s.startsWith("output length distribution shifted"));
        });
        assertThat(partA.suspectedChanges(7, 100)).isEqualTo(changes); // merged partial counts give the same answer
    }

    @Test
    void aStableModelRaisesNoSuspicion() {
        Random random = new Random(10);
        ProviderBehaviour detector = new ProviderBehaviour(Duration.ofDays(1));
        for (int day = 0; day < 14; day++) {
            for (int i = 0; i < 300; i++) {
                detector.accept(record(random, day, "fp_a1", Math.round(200 * Math.exp(0.3 * random.nextGaussian())),
                        random.nextDouble() < 0.02, random.nextDouble() < 0.9 ? "{}" : "sorry"));
            }
        }
        assertThat(detector.suspectedChanges(7, 100)).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} of {1} vs {2} of {3}")
    @org.junit.jupiter.params.provider.CsvSource({
        "2, 2000, 2, 140, 0.023365142673964327",
        "5, 100, 15, 100, 0.03172003908631055",
        "0, 50, 3, 10, 0.0035067212156633543",
        "30, 1000, 60, 1000, 0.0016206190187386925",
    })
    void fisherExactMatchesScipy(long x1, long n1, long x2, long n2, double expected) {
        // scipy.stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]]) (two-sided), SciPy 1.17
        assertThat(DriftTests.fisherTwoSided(x1, n1, x2, n2)).isCloseTo(expected,
                org.assertj.core.api.Assertions.within(1e-9 + 1e-6 * expected));
    }
}
