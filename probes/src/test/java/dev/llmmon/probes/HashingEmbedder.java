package dev.llmmon.probes;

import dev.llmmon.spi.Embedder;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deterministic offline embedder for tests: a unit-length hashed bag of words, so texts sharing words have a high
 * cosine and texts sharing none have cosine 0. Registered in the test resources' META-INF/services under its default
 * model name, which no other test configures, so it changes nothing unless {@code llmmon.embedding.model} names it.
 */
public final class HashingEmbedder implements Embedder {
    public static final String MODEL = "hashing-bow-256";
    static final int DIMENSIONS = 256;

    private final String model;
    /** Every text embedded, in order, to count calls. */
    public final List<String> embedded = new CopyOnWriteArrayList<>();

    public HashingEmbedder() {
        this(MODEL);
    }

    /** The same vectors under another model name, e.g. to play an endpoint's embedder. */
    public HashingEmbedder(String model) {
        this.model = model;
    }

    public static float[] vector(String text) {
        float[] v = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * (double) x;
        }
        for (int i = 0; i < v.length && norm > 0; i++) {
            v[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return v;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        embedded.addAll(texts);
        return texts.stream().map(HashingEmbedder::vector).toList();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public void close() {
    }
}
