package dev.llmmon.monitor;

import dev.llmmon.spi.Embedder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbedderChoiceTest {
    /** Core's test class path has no offline embedder (the MiniLM module depends on core, not the reverse). */
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void autoWithoutAnOfflineEmbedderIsOffAndSaysHowToTurnItOn() {
        Embedder embedder = EmbedderChoice.auto().open(loader);
        assertThat(embedder).isNull();
        assertThat(EmbedderChoice.auto().describe(null)).startsWith("input drift off")
                .contains("llmmon-embeddings-minilm");
    }

    @Test
    void autoWithAnEmbedderSaysItIsOnByDefaultAndHowToTurnItOff() {
        Embedder found = new Embedder() {
            @Override
            public String model() {
                return "all-minilm-l6-v2";
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
        assertThat(EmbedderChoice.auto().describe(found)).startsWith("input drift on by default")
                .contains("all-minilm-l6-v2").contains("llmmon.inputDrift=none");
    }

    @Test
    void minilmStillRequiresTheOfflineModelAndNoneIsOff() {
        assertThatThrownBy(() -> new EmbedderChoice("minilm", 0.1, null, null, null).open(loader))
                .hasMessageContaining("llmmon-embeddings-minilm");
        assertThat(EmbedderChoice.none().open(loader)).isNull();
        assertThat(EmbedderChoice.none().describe(null)).isEqualTo("input drift off (llmmon.inputDrift=none)");
    }
}
