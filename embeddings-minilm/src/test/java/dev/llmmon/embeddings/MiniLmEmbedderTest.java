package dev.llmmon.embeddings;

import dev.llmmon.drift.EmbeddingDrift;
import dev.llmmon.spi.Embedder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class MiniLmEmbedderTest {
    @Test
    void paraphrasesAreCloserThanUnrelatedTextsOffline() {
        Embedder embedder = new MiniLmEmbedder();
        List<float[]> v = embedder.embed(List.of("How do I reset my password?",
                "I forgot my password, how can I change it?", "Summarize this quarterly earnings report."));
        assertThat(v).hasSize(3).allSatisfy(e -> assertThat(e).hasSize(384));
        double paraphrase = EmbeddingDrift.cosine(v.get(0), v.get(1));
        double unrelated = EmbeddingDrift.cosine(v.get(0), v.get(2));
        assertThat(paraphrase).isGreaterThan(0.7);
        assertThat(unrelated).isLessThan(0.3);
    }

    @Test
    void batchesKeepTheOrderOfTheTexts() {
        Embedder embedder = new MiniLmEmbedder();
        List<String> texts = java.util.stream.IntStream.range(0, 70).mapToObj(i -> "question number " + i).toList();
        List<float[]> all = embedder.embed(texts);
        assertThat(all).hasSize(70);
        assertThat(EmbeddingDrift.cosine(all.get(65), embedder.embed(List.of(texts.get(65))).get(0)))
                .isGreaterThan(0.999);
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(Embedder.class).stream().map(p -> p.type().getName()))
                .contains(MiniLmEmbedder.class.getName());
    }
}
