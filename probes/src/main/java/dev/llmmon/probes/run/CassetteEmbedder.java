package dev.llmmon.probes.run;

import dev.llmmon.spi.Embedder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Embedder} in front of a {@link Cassette}, as {@link CassetteClient} is for answers: in
 * {@link RunMode#RECORD} it calls the real embedder and stores each text's vector, in {@link RunMode#REPLAY} it
 * answers from the cassette alone. A vector is keyed by the model and the text only (an embedding does not depend on
 * how often it is asked for), so a text recorded once in a run, such as a check's reference, is not sent again.
 */
public final class CassetteEmbedder implements Embedder {
    private final Cassette cassette;
    private final Embedder delegate;
    private final String model;
    private final Set<String> recordedThisRun = ConcurrentHashMap.newKeySet();

    private CassetteEmbedder(Cassette cassette, Embedder delegate, String model) {
        this.cassette = Objects.requireNonNull(cassette, "cassette");
        this.delegate = delegate;
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Answers only from {@code cassette}, as embedding model {@code model} recorded it. */
    public static CassetteEmbedder replaying(Cassette cassette, String model) {
        return new CassetteEmbedder(cassette, null, model);
    }

    public static CassetteEmbedder recording(Cassette cassette, Embedder delegate) {
        return new CassetteEmbedder(cassette, Objects.requireNonNull(delegate, "delegate"), delegate.model());
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        Map<String, String> keys = new LinkedHashMap<>();
        texts.forEach(t -> keys.put(t, Cassette.embeddingKey(model, t)));
        if (delegate != null) {
            // vectors recorded by earlier runs are recorded again: record mode asks the endpoint, like for answers
            List<String> missing = keys.keySet().stream().filter(t -> !recordedThisRun.contains(keys.get(t))).toList();
            if (!missing.isEmpty()) {
                List<float[]> vectors = delegate.embed(missing);
                if (vectors.size() != missing.size()) {
                    throw new IllegalStateException(delegate.model() + " returned " + vectors.size() + " vectors for "
                            + missing.size() + " texts");
                }
                for (int i = 0; i < missing.size(); i++) {
                    String key = keys.get(missing.get(i));
                    cassette.putEmbedding(key, model, vectors.get(i));
                    recordedThisRun.add(key);
                }
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            String key = keys.get(t);
            out.add(cassette.findEmbedding(key).orElseThrow(() -> new CassetteMissException("replay: cassette "
                    + cassette.name() + " has no embedding " + key + " (model " + model + ", text " + Cassette.excerpt(t)
                    + "); the answers or a check's reference changed since recording: record again with llmmon.mode=record")));
        }
        return out;
    }

    @Override
    public String model() {
        return model;
    }

    /** Closes the cassette and the real embedder (when recording). */
    @Override
    public void close() {
        cassette.closeThen(delegate == null ? null : delegate::close);
    }
}
