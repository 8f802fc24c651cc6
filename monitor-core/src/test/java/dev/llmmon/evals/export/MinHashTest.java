package dev.llmmon.evals.export;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MinHashTest {

    @Test
    void shinglesNormaliseNumbersAndPlaceholders() {
        assertThat(MinHash.shingles("Where is order 4821? Mail <EMAIL_2>"))
                .isEqualTo(MinHash.shingles("where is ORDER 99 ?  mail <EMAIL_1>"));
        assertThat(MinHash.shingles("a b c d")).containsExactly("a b c", "b c d");
        assertThat(MinHash.shingles("hi there")).containsExactly("hi there");
    }

    @Test
    void identicalShinglesGiveSimilarityOne() {
        MinHash m = new MinHash(128, 1);
        assertThat(MinHash.similarity(m.signature("Where is order 4821?"), m.signature("where is order 77?"))).isEqualTo(1.0);
    }

    /** Pairs of texts with known Jaccard similarity: the estimate is unbiased and within its standard error. */
    @Test
    void estimatesJaccardWithinItsStandardErrorBySimulation() {
        MinHash m = new MinHash(128, 42);
        SplittableRandom rnd = new SplittableRandom(7);
        double sumError = 0;
        int within3se = 0;
        int n = 200;
        for (int t = 0; t < n; t++) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                words.add("w" + (char) ('a' + rnd.nextInt(26)) + (char) ('a' + rnd.nextInt(26)) + (char) ('a' + rnd.nextInt(26)));
            }
            List<String> other = new ArrayList<>(words);
            int changes = rnd.nextInt(20);
            for (int c = 0; c < changes; c++) {
                other.set(rnd.nextInt(other.size()), "zz" + (char) ('a' + rnd.nextInt(26)) + (char) ('a' + rnd.nextInt(26)));
            }
            String a = String.join(" ", words);
            String b = String.join(" ", other);
            Set<String> sa = MinHash.shingles(a);
            Set<String> sb = MinHash.shingles(b);
            double exact = MinHash.jaccard(sa, sb);
            double est = MinHash.similarity(m.signature(a), m.signature(b));
            sumError += est - exact;
            double se = Math.sqrt(Math.max(exact * (1 - exact), 1e-9) / 128);
            if (Math.abs(est - exact) <= 3 * se + 1e-9) {
                within3se++;
            }
        }
        assertThat(sumError / n).isCloseTo(0, within(0.01));
        assertThat(within3se).isGreaterThanOrEqualTo((int) (0.97 * n));
    }

    @Test
    void exactJaccardOfKnownSets() {
        assertThat(MinHash.jaccard(Set.of("a", "b", "c"), Set.of("b", "c", "d"))).isEqualTo(0.5);
        assertThat(MinHash.jaccard(Set.of(), Set.of())).isEqualTo(1.0);
    }
}
