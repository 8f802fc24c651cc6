package dev.llmmon.triage.internal;

import dev.llmmon.triage.ScopeResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoping on seeded simulations: many slices (5 dimensions, 26 values, about 250 slices tried), 8,000 requests in the
 * reference and 8,000 in the window, a 5% base rate. The full false-alarm sweep runs with
 * {@code -Dllmmon.triage.nullSeeds=1000} (docs/triage.md has its result).
 */
class SliceScoperTest {
    static final List<String> DIMENSIONS = List.of("feature", "model", "query_category", "user_segment",
            "prompt_version");
    static final int[] VALUES = {6, 4, 8, 3, 5};

    /** Uniform values per dimension; {@code regressed} units of the window are bad at {@code high}, others at 5%. */
    static List<SliceScoper.Unit> simulate(long seed, Predicate<String[]> regressed, double high) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SliceScoper.Unit> units = new ArrayList<>();
        for (int i = 0; i < 16_000; i++) {
            String[] v = new String[DIMENSIONS.size()];
            for (int d = 0; d < v.length; d++) {
                v[d] = DIMENSIONS.get(d).charAt(0) + String.valueOf(r.nextInt(VALUES[d]));
            }
            boolean window = i >= 8_000;
            double p = window && regressed.test(v) ? high : 0.05;
            units.add(new SliceScoper.Unit(v, window, r.nextDouble() < p));
        }
        return units;
    }

    private static ScopeResult scope(List<SliceScoper.Unit> units) {
        return new SliceScoper(30, 0.05, 30).scope(DIMENSIONS, units);
    }

    @Test
    void findsAnInjectedSingleSliceRegressionAmongManySlices() {
        int extraLines = 0;
        for (long seed = 1; seed <= 10; seed++) {
            ScopeResult s = scope(simulate(seed, v -> v[0].equals("f3"), 0.15));
            assertThat(s.slicesTested()).as("seed %d", seed).isGreaterThan(200);
            assertThat(s.explanation()).as("seed %d: %s", seed, s.summary()).isNotEmpty();
            assertThat(s.explanation().get(0).dimensions()).as("seed %d: %s", seed, s.summary())
                    .isEqualTo(Map.of("feature", "f3"));
            assertThat(s.explanation().get(0).excessShare()).isGreaterThan(0.6);
            extraLines += s.explanation().size() - 1;
        }
        System.out.printf("SliceScoperTest: single slice: %d further (false) line(s) in 10 seeds%n", extraLines);
        assertThat(extraLines).isLessThanOrEqualTo(2);
    }

    @Test
    void findsATwoKeyInteractionAsOneLine() {
        // only feature f2 on prompt version p4 regresses: f2 alone and p4 alone are diluted by the other values
        int extraLines = 0;
        for (long seed = 1; seed <= 10; seed++) {
            ScopeResult s = scope(simulate(seed, v -> v[0].equals("f2") && v[4].equals("p4"), 0.30));
            assertThat(s.explanation()).as("seed %d: %s", seed, s.summary()).isNotEmpty();
            assertThat(s.explanation().get(0).dimensions()).as("seed %d: %s", seed, s.summary())
                    .isEqualTo(Map.of("feature", "f2", "prompt_version", "p4"));
            assertThat(s.summary()).startsWith("feature=f2 & prompt_version=p4");
            extraLines += s.explanation().size() - 1;
        }
        // a further line is a null slice passing the round-one Bonferroni level by chance (about 4% per round)
        System.out.printf("SliceScoperTest: interaction: %d further (false) line(s) in 10 seeds%n", extraLines);
        assertThat(extraLines).isLessThanOrEqualTo(2);
    }

    @Test
    void reportsNothingOnDataWithoutARegression() {
        int seeds = Integer.getInteger("llmmon.triage.nullSeeds", 40);
        int alarms = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            ScopeResult s = scope(simulate(1000 + seed, v -> false, 0.05));
            if (!s.nothingStandsOut()) {
                alarms++;
            } else {
                assertThat(s.summary()).startsWith("nothing stands out");
            }
        }
        System.out.printf("SliceScoperTest: %d of %d seeded runs without a regression named a slice%n", alarms, seeds);
        // Holm keeps the family-wise rate at or below 5%; 40 runs: more than 6 alarms has probability < 0.5%
        assertThat(alarms).isLessThanOrEqualTo(Math.max(6, seeds / 10));
    }

    @Test
    void aSliceNewInTheWindowIsComparedWithItsParent() {
        // prompt version p9 exists only in the window, on feature f1, and regresses
        SplittableRandom r = new SplittableRandom(7);
        List<SliceScoper.Unit> units = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            boolean window = i >= 3_000;
            String f = "f" + r.nextInt(3);
            String p = window && f.equals("f1") ? "p9" : "p" + r.nextInt(2);
            boolean bad = r.nextDouble() < (p.equals("p9") ? 0.25 : 0.05);
            units.add(new SliceScoper.Unit(new String[]{f, p}, window, bad));
        }
        ScopeResult s = new SliceScoper(30, 0.05, 30).scope(List.of("feature", "prompt_version"), units);
        assertThat(s.explanation()).isNotEmpty();
        assertThat(s.explanation().get(0).dimensions()).containsAnyOf(Map.entry("feature", "f1"),
                Map.entry("prompt_version", "p9"));
        assertThat(s.significant()).anySatisfy(x -> {
            assertThat(x.dimensions()).isEqualTo(Map.of("prompt_version", "p9"));
            assertThat(x.referenceOf()).isEqualTo("all");
        });
    }
}
