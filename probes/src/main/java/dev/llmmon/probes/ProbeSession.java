package dev.llmmon.probes;

import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.client.ModelClient;
import dev.llmmon.internal.Location;
import dev.llmmon.probes.spi.CheckContext;
import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.history.FingerprintHistory;
import dev.llmmon.probes.run.Cassette;
import dev.llmmon.probes.run.CassetteClient;
import dev.llmmon.probes.run.CassetteEmbedder;
import dev.llmmon.probes.run.ProbeResult;
import dev.llmmon.probes.run.ProbeRunner;
import dev.llmmon.probes.run.RunMode;
import dev.llmmon.spi.Embedder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The clients, runner and history of one engine execution; opened before the first probe, closed after the last. */
final class ProbeSession implements AutoCloseable {
    /** Alias of {@link Constants#EMBEDDING_MODEL} for the optional llmmon-embeddings-minilm module's embedder. */
    private static final String MINILM = "minilm";
    private static final String MINILM_MODEL_PREFIX = "all-minilm";

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ProbeRunner runner;
    private final FingerprintHistory history;
    private final Embedder embedder;
    private final String runId;
    private final String modeName;
    private final Integer repeat;

    ProbeSession(LlmmonConfiguration config, CheckRegistry checks) {
        try {
            if (config.endpoint() == null) {
                throw new IllegalStateException(Constants.MODEL + " is not set: name the model to probe");
            }
            this.modeName = config.mode().name().toLowerCase(java.util.Locale.ROOT);
            this.repeat = config.repeat();
            Cassette cassette = null;
            if (config.mode() != RunMode.LIVE) {
                if (config.cassette() == null) {
                    throw new IllegalStateException(Constants.MODE + "=" + modeName + " needs " + Constants.CASSETTE);
                }
                Location location = Location.parse(config.cassette());
                if (location.onClasspath()) {
                    if (config.mode() != RunMode.REPLAY) {
                        throw new IllegalStateException(Constants.MODE + "=" + modeName + " cannot write to the classpath cassette "
                                + config.cassette() + "; give a file path");
                    }
                    cassette = Cassette.openResource(location.resourceName(), classLoader());
                } else {
                    Path file = Path.of(config.cassette());
                    if (config.mode() == RunMode.REPLAY && !Files.isRegularFile(file)) {
                        throw new IllegalStateException("replay: cassette " + file.toAbsolutePath()
                                + " does not exist; record one with " + Constants.MODE + "=record");
                    }
                    cassette = Cassette.open(file);
                }
                closeables.add(cassette);
            }
            ModelClient client = client(config, config.endpoint().model(), cassette);
            ModelClient judge = config.judgeModel() == null ? null : client(config, config.judgeModel(), cassette);
            embedder = embedder(config, cassette);
            if (embedder != null) {
                closeables.add(embedder);
            }
            this.runner = new ProbeRunner(client, checks, new CheckContext(judge, embedder, null));
            this.history = config.history() == null ? null : FingerprintHistory.open(config.history())
                    .withSource(modeName, config.mode() == RunMode.REPLAY ? "cassette " + config.cassette()
                            : config.endpoint().provider().id() + " " + config.endpoint().baseUrl());
            if (history != null) {
                closeables.add(history);
            }
            this.runId = config.runId() != null ? config.runId() : Instant.now().toString();
        } catch (RuntimeException e) {
            // e.g. minilm not on the classpath after the clients were opened: the engine gets no session to close
            try {
                close();
            } catch (Exception c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    private ModelClient client(LlmmonConfiguration config, String model, Cassette cassette) {
        ModelClient c;
        if (config.mode() == RunMode.REPLAY) {
            c = CassetteClient.replaying(cassette, model);
        } else {
            ModelClient live = ModelClient.create(endpoint(config, model));
            c = config.mode() == RunMode.RECORD ? CassetteClient.recording(cassette, live) : live;
        }
        closeables.add(c);
        return c;
    }

    /**
     * An offline embedder from the {@link ServiceLoader} when one's model starts with the configured name (it needs
     * no cassette: it gives the same vectors in every mode), else the endpoint's, through the cassette unless live.
     */
    private static Embedder embedder(LlmmonConfiguration config, Cassette cassette) {
        String name = config.embeddingModel();
        if (name == null) {
            return null;
        }
        boolean minilm = name.equalsIgnoreCase(MINILM);
        Embedder offline = offlineEmbedder(minilm ? MINILM_MODEL_PREFIX : name);
        if (offline != null) {
            return offline;
        }
        if (minilm) {
            throw new IllegalStateException(Constants.EMBEDDING_MODEL + "=minilm needs the offline model: add the test "
                    + "dependency dev.llmmon:llmmon-embeddings-minilm (for llmmon:probe, a <dependency> of the plugin)");
        }
        if (config.endpoint().provider() != Endpoint.Provider.OPENAI) {
            return null;
        }
        return switch (config.mode()) {
            case LIVE -> ModelClient.embedder(endpoint(config, name));
            case RECORD -> CassetteEmbedder.recording(cassette, ModelClient.embedder(endpoint(config, name)));
            case REPLAY -> CassetteEmbedder.replaying(cassette, name);
        };
    }

    private static Embedder offlineEmbedder(String modelPrefix) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Embedder found = context == null ? null : offlineEmbedder(modelPrefix, context);
        ClassLoader own = ProbeSession.class.getClassLoader();
        return found != null || own == context ? found : offlineEmbedder(modelPrefix, own);
    }

    private static Embedder offlineEmbedder(String modelPrefix, ClassLoader loader) {
        for (ServiceLoader.Provider<Embedder> p : ServiceLoader.load(Embedder.class, loader).stream().toList()) {
            Embedder e = p.get();
            if (e.model().startsWith(modelPrefix)) {
                return e;
            }
            e.close();
        }
        return null;
    }

    /** The configured endpoint serving {@code model}, with the key handed over in this JVM if there is one. */
    private static Endpoint endpoint(LlmmonConfiguration config, String model) {
        Endpoint endpoint = config.endpoint().withModel(model);
        if (config.apiKeyRef() == null) {
            return endpoint;
        }
        KeySource key = KeySource.secret(ApiKeyHandoff.get(config.apiKeyRef()).orElseThrow(() -> new IllegalStateException(
                Constants.API_KEY_REF + "=" + config.apiKeyRef() + " names no key handed over in this JVM")));
        return endpoint.toBuilder().keySource(key).build();
    }

    private static ClassLoader classLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ProbeSession.class.getClassLoader();
    }

    String mode() {
        return modeName;
    }

    ProbeResult run(dev.llmmon.probes.spec.Probe probe, String file) {
        ProbeResult result = runner.run(repeat == null ? probe : probe.withRepeat(repeat));
        if (history != null) {
            try {
                history.append(runId, file, result, embedder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to fingerprint history", e);
            }
        }
        return result;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
