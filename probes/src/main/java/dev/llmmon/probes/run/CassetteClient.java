package dev.llmmon.probes.run;

import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.ModelClient;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ModelClient} in front of a {@link Cassette}: in {@link RunMode#RECORD} it calls the real client and stores
 * each answer, in {@link RunMode#REPLAY} it answers from the cassette alone. The n-th identical request of a run is
 * keyed {@code hash#n}, so repeats stay distinct (and the judge's calls are recorded the same way).
 */
public final class CassetteClient implements ModelClient {
    private final Cassette cassette;
    private final ModelClient delegate;
    private final String model;
    private final RunMode mode;
    private final Map<String, Integer> occurrences = new ConcurrentHashMap<>();

    private CassetteClient(Cassette cassette, ModelClient delegate, String model, RunMode mode) {
        this.cassette = Objects.requireNonNull(cassette, "cassette");
        this.delegate = delegate;
        this.model = Objects.requireNonNull(model, "model");
        this.mode = mode;
    }

    /** Answers only from {@code cassette}; {@code model} is the model requests name when they name none. */
    public static CassetteClient replaying(Cassette cassette, String model) {
        return new CassetteClient(cassette, null, model, RunMode.REPLAY);
    }

    public static CassetteClient recording(Cassette cassette, ModelClient delegate) {
        return new CassetteClient(cassette, Objects.requireNonNull(delegate, "delegate"), delegate.model(), RunMode.RECORD);
    }

    @Override
    public ChatResponse send(ChatRequest request) {
        ChatRequest resolved = request.model() == null ? request.withModel(model) : request;
        String hash = Cassette.requestHash(resolved);
        int n = occurrences.merge(hash, 1, Integer::sum) - 1;
        String key = hash + "#" + n;
        if (mode == RunMode.REPLAY) {
            return cassette.find(key).orElseThrow(() -> new CassetteMissException("replay: cassette " + cassette.name()
                    + " has no answer for request " + key + " (model " + resolved.model() + ", input "
                    + Cassette.excerpt(resolved.messages().get(resolved.messages().size() - 1).content())
                    + "); the probe or its repeat count changed since recording: record again with llmmon.mode=record"));
        }
        ChatResponse response = delegate.send(resolved);
        cassette.put(key, resolved, response);
        return response;
    }

    @Override
    public String model() {
        return model;
    }

    /** Closes the cassette and the real client (when recording). */
    @Override
    public void close() {
        cassette.closeThen(delegate == null ? null : delegate::close);
    }
}
