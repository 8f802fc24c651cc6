package dev.llmmon.probes.history;

import dev.llmmon.stats.FisherExact;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SilentChangeDetectorTest {
    private final SilentChangeDetector detector = SilentChangeDetector.defaults();

    static BehaviourFingerprint run(String runId, int repeats, int passes, int length, boolean json, boolean refusing, String fp) {
        return new BehaviourFingerprint(runId, Instant.EPOCH, "f.yaml", "p", "m", repeats, passes, 0,
                Map.of("is-json", new BehaviourFingerprint.CheckCounts(passes, repeats - passes, 0)),
                Collections.nCopies(repeats, length), Collections.nCopies(repeats, json), Collections.nCopies(repeats, refusing),
                List.of(fp), List.of("m"), List.of());
    }

    /** Outputs embedded along a direction: the unit vector at {@code angle} in the first two dimensions plus noise. */
    static BehaviourFingerprint embedded(BehaviourFingerprint f, double angle, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] v = new float[8];
            v[0] = (float) Math.cos(angle);
            v[1] = (float) Math.sin(angle);
            for (int d = 0; d < v.length; d++) {
                v[d] += (float) ((rnd.nextDouble() - 0.5) * 0.1);
            }
            vectors.add(v);
        }
        return f.withOutputEmbeddings(vectors);
    }

    /** A catalog-like run: 3 answers whose lengths vary around {@code length}. */
    static BehaviourFingerprint threeAnswers(String runId, int length) {
        return new BehaviourFingerprint(runId, Instant.EPOCH, "f.yaml", "p", "m", 3, 3, 0, Map.of(),
                List.of(length - 2, length, length + 3), Collections.nCopies(3, false), Collections.nCopies(3, false),
                List.of("fp_a"), List.of("m"), List.of(), "live", "openai http://localhost/v1");
    }

    @Test
    void aLengthShiftIsSeenWithTheCatalogsThreeRepeatsByPoolingRecentRuns() {
        List<BehaviourFingerprint> h = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            h.add(threeAnswers("r" + i, 40 + i % 2));
        }
        assertThat(detector.compare(h)).isEmpty();
        h.add(threeAnswers("r6", 160));   // the answers quadrupled in length
        h.add(threeAnswers("r7", 158));
        List<SilentChange> changes = detector.compare(h);
        // 3 answers a side could never reach alpha 0.01; the latest two runs pooled (6 answers) against the 6 before do
        assertThat(changes).extracting(SilentChange::kind).containsExactly(SilentChange.Kind.LENGTH_SHIFT);
        assertThat(changes.get(0).detail()).contains("latest 2 runs pooled, 6 answers, against the 6 runs before");
    }

    @Test
    void anOutageIsNeverComparedNorPartOfTheBaseline() {
        List<BehaviourFingerprint> h = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            h.add(run("r" + i, 5, 5, 30, true, false, "fp_a"));
        }
        BehaviourFingerprint down = new BehaviourFingerprint("r3", Instant.EPOCH, "f.yaml", "p", "m", 5, 0, 5, Map.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(down.unavailable()).isTrue();
        h.add(down);
        assertThat(detector.compare(h)).isEmpty();          // before: PASS_RATE_DROP 15/15 -> 0/5
        h.add(run("r4", 5, 5, 30, true, false, "fp_a"));
        assertThat(detector.compare(h)).isEmpty();          // compared with r0-r2, not with the outage
    }

    @Test
    void replaysAndLiveRunsAreComparedOnlyWithTheirOwnKind() {
        List<BehaviourFingerprint> h = new ArrayList<>();
        h.add(run("r0", 5, 5, 30, true, false, "fp_a").withSource("replay", "cassette c.jsonl"));
        h.add(run("r1", 5, 0, 90, false, false, "fp_b").withSource("live", "openai http://x/v1"));
        h.add(run("r2", 5, 5, 30, true, false, "fp_a").withSource("replay", "cassette c.jsonl"));
        assertThat(detector.compare(h)).isEmpty();
        h.add(run("r3", 5, 5, 30, true, false, "fp_c").withSource("live", "openai http://x/v1"));
        assertThat(detector.compare(h)).extracting(SilentChange::kind).contains(SilentChange.Kind.FINGERPRINT_CHANGE);
    }

    @Test
    void outputsThatMoveInMeaningAreASemanticShiftAndStableOnesAreNot() {
        List<BehaviourFingerprint> h = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            h.add(embedded(run("r" + i, 5, 5, 30, true, false, "fp_a"), 0, i));
        }
        List<BehaviourFingerprint> stable = new ArrayList<>(h);
        stable.add(embedded(run("r3", 5, 5, 30, true, false, "fp_a"), 0.1, 9));
        assertThat(detector.compare(stable)).extracting(SilentChange::kind)
                .doesNotContain(SilentChange.Kind.SEMANTIC_SHIFT);
        List<BehaviourFingerprint> moved = new ArrayList<>(h);
        // same length, same JSON-ness, same fingerprint: only the meaning moved (cosine cos(1.0) = 0.54)
        moved.add(embedded(run("r3", 5, 5, 30, true, false, "fp_a"), 1.0, 9));
        assertThat(detector.compare(moved)).extracting(SilentChange::kind).containsExactly(SilentChange.Kind.SEMANTIC_SHIFT);
    }

    @Test
    void fisherTailMatchesAHandComputedValue() {
        // 15/15 before, 0/5 now: P(X <= 0) = C(15,5)... with all 15 successes drawn from 20: 1 / C(20,5)
        assertThat(FisherExact.lowerTail(15, 15, 0, 5)).isCloseTo(1.0 / 15504, within(1e-12));
    }

    @Test
    void aModelThatStartsFencingItsJsonIsCaught() {
        List<BehaviourFingerprint> h = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            h.add(run("r" + i, 5, 5, 30, true, false, "fp_a"));
        }
        h.add(run("r3", 5, 0, 42, false, false, "fp_a"));
        assertThat(detector.compare(h)).extracting(SilentChange::kind).contains(
                SilentChange.Kind.PASS_RATE_DROP, SilentChange.Kind.JSON_VALIDITY_DROP, SilentChange.Kind.LENGTH_SHIFT);
    }

    @Test
    void aModelThatStopsRefusingIsCaught() {
        List<BehaviourFingerprint> h = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            h.add(run("r" + i, 5, 5, 40, false, true, "fp_a"));
        }
        h.add(run("r3", 5, 0, 40, false, false, "fp_b"));
        assertThat(detector.compare(h)).extracting(SilentChange::kind).containsExactlyInAnyOrder(
                SilentChange.Kind.PASS_RATE_DROP, SilentChange.Kind.REFUSAL_FLIP, SilentChange.Kind.FINGERPRINT_CHANGE);
    }

    @Test
    void anUnchangedRunRaisesNothing() {
        List<BehaviourFingerprint> h = List.of(run("r0", 5, 4, 30, true, false, "fp_a"), run("r1", 5, 5, 30, true, false, "fp_a"),
                run("r2", 5, 4, 30, true, false, "fp_a"));
        assertThat(detector.compare(h)).isEmpty();
        assertThat(detector.compare(List.of(run("only", 5, 0, 1, false, false, "x")))).isEmpty();
    }

    @Test
    void ordinaryNoiseRarelyLooksLikeAPassRateDrop() {
        SplittableRandom random = new SplittableRandom(42);
        int trials = 2000, alarms = 0;
        for (int t = 0; t < trials; t++) {
            List<BehaviourFingerprint> h = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int passes = 0;
                for (int i = 0; i < 10; i++) {
                    passes += random.nextDouble() < 0.8 ? 1 : 0;
                }
                h.add(run("r" + r, 10, passes, 30, true, false, "fp"));
            }
            alarms += detector.compare(h).stream().anyMatch(c -> c.kind() == SilentChange.Kind.PASS_RATE_DROP) ? 1 : 0;
        }
        assertThat(alarms / (double) trials).isLessThanOrEqualTo(0.01);

        // and a real drop from 80 % to 30 % over 10 calls is usually caught
        int caught = 0;
        for (int t = 0; t < 500; t++) {
            List<BehaviourFingerprint> h = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                double p = r < 3 ? 0.8 : 0.3;
                int passes = 0;
                for (int i = 0; i < 10; i++) {
                    passes += random.nextDouble() < p ? 1 : 0;
                }
                h.add(run("r" + r, 10, passes, 30, true, false, "fp"));
            }
            caught += detector.compare(h).stream().anyMatch(c -> c.kind() == SilentChange.Kind.PASS_RATE_DROP) ? 1 : 0;
        }
        assertThat(caught / 500.0).isGreaterThan(0.6);
    }
}
