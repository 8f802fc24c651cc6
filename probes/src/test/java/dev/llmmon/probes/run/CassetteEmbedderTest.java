package dev.llmmon.probes.run;

import dev.llmmon.probes.HashingEmbedder;
import dev.llmmon.spi.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassetteEmbedderTest {
    static final String MODEL = "text-embedding-test";

    @TempDir
    Path dir;

    /** Floats whose text form is easy to get wrong: signed zero, subnormals, extremes, and random bit patterns. */
    static float[] awkward(long seed) {
        List<Float> v = new ArrayList<>(List.of(-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE,
                0.1f, 1f / 3, Math.nextUp(1f), -Math.nextDown(Float.MIN_NORMAL), 1.0E-40f, 16777217f));
        Random random = new Random(seed);
        while (v.size() < 2000) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                v.add(f);
            }
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** Answers each text with {@link #awkward} vectors seeded by the text; counts the texts it was sent. */
    static final class AwkwardEmbedder implements Embedder {
        final List<String> sent = new ArrayList<>();

        @Override
        public List<float[]> embed(List<String> texts) {
            sent.addAll(texts);
            return texts.stream().map(t -> awkward(t.hashCode())).toList();
        }

        @Override
        public String model() {
            return MODEL;
        }

        @Override
        public void close() {
        }
    }

    static void assertBitIdentical(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertThat(Float.floatToRawIntBits(actual[i])).as(() -> "component " + at + ": " + actual[at] + " vs "
                    + expected[at]).isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }

    @Test
    void recordedVectorsReplayBitIdenticalFromTheReopenedFile() {
        Path file = dir.resolve("c.jsonl");
        AwkwardEmbedder real = new AwkwardEmbedder();
        List<float[]> recorded;
        try (CassetteEmbedder recording = CassetteEmbedder.recording(Cassette.open(file), real)) {
            recorded = recording.embed(List.of("The capital is Paris.", "reference"));
            // asked again in the same run (a reference is embedded once per answer): not sent, not written again
            List<float[]> again = recording.embed(List.of("reference", "The capital is Paris.", "reference"));
            assertBitIdentical(again.get(0), recorded.get(1));
            assertBitIdentical(again.get(2), recorded.get(1));
            assertThat(recording.model()).isEqualTo(MODEL);
        }
        assertThat(real.sent).containsExactly("The capital is Paris.", "reference");
        assertBitIdentical(recorded.get(0), awkward("The capital is Paris.".hashCode()));

        try (CassetteEmbedder replay = CassetteEmbedder.replaying(Cassette.open(file), MODEL)) {
            List<float[]> replayed = replay.embed(List.of("reference", "The capital is Paris."));
            assertBitIdentical(replayed.get(0), recorded.get(1));
            assertBitIdentical(replayed.get(1), recorded.get(0));
            // callers get copies: scribbling on one does not change the next replay
            replayed.get(0)[0] = 42;
            assertBitIdentical(replay.embed(List.of("reference")).get(0), recorded.get(1));
        }
    }

    @Test
    void embeddingLinesHaveNoAnswerKeySoOldReadersSkipThemAsMetadata() throws Exception {
        Path file = dir.resolve("c.jsonl");
        try (CassetteEmbedder recording = CassetteEmbedder.recording(Cassette.open(file), new HashingEmbedder(MODEL))) {
            recording.embed(List.of("one text"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).singleElement().satisfies(l -> assertThat(l)
                .startsWith("{\"embedding\":\"" + Cassette.embeddingKey(MODEL, "one text") + "\",\"model\":\"" + MODEL
                        + "\",\"vector\":[")
                .doesNotContain("\"key\""));
        assertThat(Cassette.embeddingKey(MODEL, "one text")).hasSize(32).isNotEqualTo(Cassette.embeddingKey("other", "one text"));
        assertThat(Cassette.embeddingKey("ab", "c")).isNotEqualTo(Cassette.embeddingKey("a", "bc"));
        try (Cassette c = Cassette.open(file)) {
            assertThat(c.size()).isZero(); // answers only
        }
    }

    @Test
    void aLaterLineForTheSameTextWinsAndRecordingAgainAppends() throws Exception {
        Path file = dir.resolve("c.jsonl");
        try (CassetteEmbedder first = CassetteEmbedder.recording(Cassette.open(file), new AwkwardEmbedder())) {
            first.embed(List.of("same text"));
        }
        float[] newer = HashingEmbedder.vector("same text");
        try (CassetteEmbedder second = CassetteEmbedder.recording(Cassette.open(file), new HashingEmbedder(MODEL))) {
            assertBitIdentical(second.embed(List.of("same text")).get(0), newer);
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
        try (CassetteEmbedder replay = CassetteEmbedder.replaying(Cassette.open(file), MODEL)) {
            assertBitIdentical(replay.embed(List.of("same text")).get(0), newer);
        }
    }

    @Test
    void aReplayMissNamesTheModelAndTextAndSaysToRecordAgain() {
        Path file = dir.resolve("c.jsonl");
        try (CassetteEmbedder recording = CassetteEmbedder.recording(Cassette.open(file), new HashingEmbedder(MODEL))) {
            recording.embed(List.of("recorded"));
        }
        String longText = "An answer that was never embedded while recording, and it goes on for quite a while longer";
        try (CassetteEmbedder replay = CassetteEmbedder.replaying(Cassette.open(file), MODEL)) {
            assertThatThrownBy(() -> replay.embed(List.of("recorded", longText)))
                    .isInstanceOf(CassetteMissException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("model " + MODEL)
                    .hasMessageContaining("\"An answer that was never embedded")
                    .hasMessageNotContaining("quite a while longer")
                    .hasMessageContaining("record again with llmmon.mode=record");
        }
        // the same text under another embedding model is another vector
        try (CassetteEmbedder replay = CassetteEmbedder.replaying(Cassette.open(file), "other-model")) {
            assertThatThrownBy(() -> replay.embed(List.of("recorded"))).isInstanceOf(CassetteMissException.class)
                    .hasMessageContaining("model other-model");
        }
    }

    @Test
    void aCassetteFromBeforeEmbeddingsStillLoadsAndReplaysItsAnswers() {
        try (Cassette old = Cassette.openResource("cassettes/before-embeddings.cassette.jsonl",
                getClass().getClassLoader())) {
            assertThat(old.size()).isEqualTo(1);
            assertThat(old.find("00000000000000000000000000000000#0")).hasValueSatisfying(r -> {
                assertThat(r.text()).isEqualTo("Hello!");
                assertThat(r.systemFingerprint()).isEqualTo("fp_old");
            });
            assertThatThrownBy(() -> CassetteEmbedder.replaying(old, MODEL).embed(List.of("Hello!")))
                    .isInstanceOf(CassetteMissException.class).hasMessageContaining("llmmon.mode=record");
        }
    }

    @Test
    void aClasspathCassetteReplaysEmbeddingsButRefusesToRecord() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cp"));
        try (CassetteEmbedder recording = CassetteEmbedder.recording(Cassette.open(folder.resolve("c.jsonl")),
                new AwkwardEmbedder())) {
            recording.embed(List.of("bundled"));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{folder.toUri().toURL()}, null);
             Cassette bundled = Cassette.openResource("c.jsonl", loader)) {
            assertBitIdentical(CassetteEmbedder.replaying(bundled, MODEL).embed(List.of("bundled")).get(0),
                    awkward("bundled".hashCode()));
            CassetteEmbedder recording = CassetteEmbedder.recording(bundled, new AwkwardEmbedder());
            assertThatThrownBy(() -> recording.embed(List.of("new text"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("classpath:c.jsonl").hasMessageContaining("read-only");
        }
    }

    @Test
    void aBrokenEmbeddingLineIsAnErrorWithFileAndLine() throws Exception {
        Path file = dir.resolve("c.jsonl");
        Files.writeString(file, "{\"note\":\"x\"}\n{\"embedding\":\"ab\",\"model\":\"m\",\"vector\":[0.5,\"x\"]}\n");
        assertThatThrownBy(() -> Cassette.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c.jsonl:2").hasMessageContaining("non-number");
        Files.writeString(file, "{\"embedding\":\"ab\",\"model\":\"m\"}\n");
        assertThatThrownBy(() -> Cassette.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c.jsonl:1").hasMessageContaining("'vector'");
    }

    @Test
    void nonFiniteVectorsAreRefusedBeforeAnythingIsWritten() {
        Path file = dir.resolve("c.jsonl");
        try (Cassette c = Cassette.open(file)) {
            assertThatThrownBy(() -> c.putEmbedding("k", MODEL, new float[]{1f, Float.NaN}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        }
        assertThat(file).doesNotExist();
    }
}
