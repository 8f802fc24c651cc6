package dev.llmmon.probes;

/**
 * Configuration parameters of the {@code llmmon} engine. Every key starts with {@code llmmon.}; set them in
 * {@code junit-platform.properties}, as {@code @ConfigurationParameter} on a {@code @Suite}, as system properties,
 * or in the {@code llmmon:probe} goal.
 */
public final class Constants {
    /** The engine id, also the first unique-id segment: {@code [engine:llmmon]}. */
    public static final String ENGINE_ID = "llmmon";

    /** {@code live} (call the endpoint), {@code record} (call and store in the cassette) or {@code replay} (cassette only, no network). Default: {@code replay} when {@link #CASSETTE} is set, else {@code live}. */
    public static final String MODE = "llmmon.mode";
    /** {@code openai} (OpenAI-compatible chat completions: OpenAI, Azure v1, vLLM, Ollama, LM Studio, LiteLLM) or {@code anthropic}. Default {@code openai}. */
    public static final String PROVIDER = "llmmon.provider";
    /** Endpoint base URL. Default {@code https://api.openai.com/v1} or {@code https://api.anthropic.com}. */
    public static final String BASE_URL = "llmmon.baseUrl";
    /** Model probed when a probe names none. Required. */
    public static final String MODEL = "llmmon.model";
    /** Environment variable holding the API key. Default {@code OPENAI_API_KEY} / {@code ANTHROPIC_API_KEY}; when the default is unset no key is sent (local servers). */
    public static final String API_KEY_ENV = "llmmon.apiKeyEnv";
    /**
     * Name under which the API key was handed to the engine in the same JVM through {@link ApiKeyHandoff} (the
     * {@code llmmon:probe} goal uses it for keys from {@code settings.xml}); takes precedence over {@link #API_KEY_ENV}.
     */
    public static final String API_KEY_REF = "llmmon.apiKeyRef";
    /** Cassette file for {@code record} and {@code replay}; {@code classpath:name} reads a bundled cassette (replay only), e.g. {@code classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl}. */
    public static final String CASSETTE = "llmmon.cassette";
    /** Comma-separated probe folders; when set, they replace the request's selectors (an entry {@code classpath:com/acme/probes} names a package). */
    public static final String PROBES_DIRS = "llmmon.probes.dirs";
    /**
     * Comma-separated folders of eval cases ({@code *.eval.yaml}, {@code *.eval.yml}, {@code *.eval.json},
     * {@code *.eval.jsonl}); like {@link #PROBES_DIRS} they replace the request's selectors, and the two combine. An
     * entry {@code classpath:evals/support-chat} names a package.
     */
    public static final String EVALS_DIRS = "llmmon.evals.dirs";
    /** Judge model for {@code rubric} checks, called on the same endpoint. Unset: rubric checks are skipped. */
    public static final String JUDGE_MODEL = "llmmon.judge.model";
    /**
     * Embedding model for {@code similar}/{@code not-similar} and the history's semantic-shift vectors. {@code minilm}
     * (or any prefix of the model of a {@code dev.llmmon.spi.Embedder} found by {@link java.util.ServiceLoader}) is
     * an offline embedder used in every mode, with nothing in the cassette; {@code minilm} needs the test dependency
     * {@code dev.llmmon:llmmon-embeddings-minilm}. Any other name is an OpenAI-compatible endpoint model: record mode
     * stores each text's vector in the cassette, replay answers from it. Unset: those checks are skipped.
     */
    public static final String EMBEDDING_MODEL = "llmmon.embedding.model";
    /** Behaviour fingerprint history (JSON Lines) appended after every probe. Unset: none is written. */
    public static final String HISTORY = "llmmon.history";
    /** Most calls in flight per endpoint. Default 4. */
    public static final String MAX_CONCURRENCY = "llmmon.maxConcurrency";
    /** Most call starts per minute per endpoint, 0 for no limit. Default 0. */
    public static final String REQUESTS_PER_MINUTE = "llmmon.requestsPerMinute";
    /** Whole-call timeout in seconds. Default 60. */
    public static final String TIMEOUT_SECONDS = "llmmon.timeoutSeconds";
    /** Calls per probe, replacing every probe's own {@code repeat} (the gate sets it for both models). Unset: each probe's own. */
    public static final String REPEAT = "llmmon.repeat";
    /** Run id written to the history; default: the run's start time. */
    public static final String RUN_ID = "llmmon.runId";

    private Constants() {
    }
}
