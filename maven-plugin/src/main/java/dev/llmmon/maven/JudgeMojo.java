package dev.llmmon.maven;

import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.judge.FlagPolicy;
import dev.llmmon.judge.JudgeConfig;
import dev.llmmon.judge.JudgePricing;
import dev.llmmon.judge.ProgressLine;
import dev.llmmon.judge.Rubric;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.monitor.JudgeJob;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.internal.Version;
import dev.llmmon.sampling.BudgetCap;
import dev.llmmon.sampling.SamplingPolicy;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Judges a deterministic sample of the logged responses with an LLM (OpenAI-compatible or Anthropic), appends the
 * judgements to a resumable store, and writes the quality series. Nothing already judged is paid for again.
 */
@Mojo(name = "judge", requiresProject = false, threadSafe = true)
public class JudgeMojo extends AbstractLogsMojo {

    /**
     * {@code openai} (OpenAI Chat Completions and compatible servers: Azure, vLLM, Ollama, LM Studio, LiteLLM),
     * {@code azure} (Azure OpenAI: key in {@code api-key}, base URL required) or {@code anthropic}.
     */
    @Parameter(property = "llmmon.judge.provider", defaultValue = "openai")
    private String provider;

    /** Base URL of the API; defaults to the provider's public endpoint. */
    @Parameter(property = "llmmon.judge.baseUrl")
    private String baseUrl;

    /** The judge model. */
    @Parameter(property = "llmmon.judge.model", required = true)
    private String model;

    /**
     * Environment variable holding the API key, required to be set when given. Unset: the provider's variable
     * (OPENAI_API_KEY, AZURE_OPENAI_API_KEY or ANTHROPIC_API_KEY) when it is set, else no key with a warning (a local
     * Ollama or vLLM needs none).
     */
    @Parameter(property = "llmmon.judge.apiKeyEnv")
    private String apiKeyEnv;

    /** A {@code settings.xml} server whose password is the API key (encrypted passwords are supported). */
    @Parameter(property = "llmmon.judge.serverId")
    private String serverId;

    /** Header for the key instead of {@code Authorization: Bearer} (Azure OpenAI uses {@code api-key}). */
    @Parameter(property = "llmmon.judge.authHeader")
    private String authHeader;

    /** Sampling rate for every feature. */
    @Parameter(property = "llmmon.judge.rate", defaultValue = "0.05")
    private double rate;

    /** Rates per feature, overriding {@code rate}. */
    @Parameter
    private Map<String, String> featureRates;

    /** Judge failed calls too (they usually have no output). */
    @Parameter(property = "llmmon.judge.includeErrors", defaultValue = "false")
    private boolean includeErrors;

    /** Signals whose requests are always judged, whatever the rate. */
    @Parameter(property = "llmmon.judge.alwaysJudge", defaultValue = "thumbs_down,correction")
    private String alwaysJudge;

    /** Stop after this many judgements in one run (0 = no cap); what is left is reported. */
    @Parameter(property = "llmmon.judge.maxJudgements", defaultValue = "0")
    private long maxJudgements;

    /** Stop before judge spend in this run exceeds this many USD (0 = no cap). */
    @Parameter(property = "llmmon.judge.maxSpendUsd", defaultValue = "0")
    private double maxSpendUsd;

    /** Judge price, USD per 1M input tokens (default: from the pricing table). */
    @Parameter(property = "llmmon.judge.inputPricePerMillion")
    private Double inputPricePerMillion;

    /** Judge price, USD per 1M output tokens (default: from the pricing table). */
    @Parameter(property = "llmmon.judge.outputPricePerMillion")
    private Double outputPricePerMillion;

    /** A rubric file (YAML); default: correctness, completeness, tone, 1-5. */
    @Parameter(property = "llmmon.judge.rubric")
    private File rubric;

    /** Flag a judgement when the mean score is at most this. */
    @Parameter(property = "llmmon.judge.flagMeanAtMost", defaultValue = "2")
    private double flagMeanAtMost;

    /** Flag a judgement when correctness is at most this (0 = off). */
    @Parameter(property = "llmmon.judge.flagCorrectnessAtMost", defaultValue = "2")
    private int flagCorrectnessAtMost;

    /** The append-only judgement store; keep it (commit it or cache it in CI) so reruns pay nothing twice. */
    @Parameter(property = "llmmon.judgements", defaultValue = "${basedir}/.llmmon/judgements.jsonl")
    private File judgements;

    /** Human labels (JSONL: request_id, dimension, score) to measure judge/human agreement. */
    @Parameter(property = "llmmon.judge.humanLabels")
    private File humanLabels;

    /**
     * Parallel judge calls (the endpoint's most calls in flight; default 4). The same setting as
     * {@code llmmon.maxConcurrency}, under the name this goal had first; when both are set this one wins.
     */
    @Parameter(property = "llmmon.judge.concurrency")
    private Integer concurrency;

    /** Parallel judge calls, named as for every endpoint ({@code llmmon:probe} too); see {@code concurrency}. */
    @Parameter(property = "llmmon.maxConcurrency")
    private Integer maxConcurrency;

    /** Requests per minute to the judge endpoint (0 = no limit). */
    @Parameter(property = "llmmon.judge.requestsPerMinute", defaultValue = "0")
    private int requestsPerMinute;

    /** Per-call timeout in seconds. */
    @Parameter(property = "llmmon.judge.timeoutSeconds", defaultValue = "60")
    private int timeoutSeconds;

    /** Stop the run after this many consecutive failed calls. */
    @Parameter(property = "llmmon.judge.stopAfterFailures", defaultValue = "5")
    private int stopAfterFailures;

    /** Where the summary and the quality series go. */
    @Parameter(property = "llmmon.outputDirectory", defaultValue = "${basedir}/target/llmmon")
    private File outputDirectory;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        MonitorConfig logs;
        JudgeConfig config;
        Endpoint endpoint;
        try {
            logs = logsConfig(SurvivorshipRule.DEFAULT, false, 0.01);
            config = judgeConfig();
            endpoint = endpoint(serverId == null || serverId.isBlank() ? null : settingsPassword(serverId));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        String keyWarning = keyWarning(endpoint, System::getenv);
        if (keyWarning != null) {
            getLog().warn("llmmon: " + keyWarning);
        }
        getLog().info("llmmon: judging with " + endpoint.provider().id() + " model " + endpoint.model() + " at "
                + endpoint.baseUrl() + ", store " + judgements);
        Path store = judgements.toPath();
        JudgeJob.Result result;
        try {
            result = JudgeJob.run(logs, endpoint, config, store, humanLabels == null ? null : humanLabels.toPath(),
                    new ProgressLine(line -> getLog().info("llmmon: " + line)));
        } catch (RejectedInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        getLog().info("llmmon: " + result.describe(endpoint.model()));
        result.warnings(store).forEach(w -> getLog().warn("llmmon: " + w));
        result.agreementLines().forEach(a -> getLog().info("llmmon: " + a));
        try {
            getLog().info("llmmon: wrote " + result.document(Version.get()).write(outputDirectory.toPath()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + outputDirectory + ": " + e.getMessage(), e);
        }
        String failure = result.failure(store);
        if (failure != null) {
            throw new MojoFailureException("llmmon: " + failure);
        }
    }

    /**
     * The judge endpoint from the parameters; the key is {@code settingsKey} (a settings.xml password) when given,
     * else the named environment variable, which must be set, else the provider's variable if it is set (a keyless
     * local server otherwise).
     */
    Endpoint endpoint(String settingsKey) {
        Endpoint.Provider p = Endpoint.Provider.parse(provider);
        KeySource key = settingsKey != null ? KeySource.secret(settingsKey)
                : apiKeyEnv != null && !apiKeyEnv.isBlank() ? KeySource.env(apiKeyEnv) : KeySource.envIfSet(p.defaultKeyEnv());
        return Endpoint.builder(p, model).baseUrl(baseUrl).keySource(key).authHeader(authHeader)
                .maxConcurrency(concurrency != null ? concurrency
                        : maxConcurrency != null ? maxConcurrency : Endpoint.DEFAULT_MAX_CONCURRENCY)
                .requestsPerMinute(requestsPerMinute).timeout(Duration.ofSeconds(timeoutSeconds)).build();
    }

    /** What to warn about the key before calling: none will be sent, which only a local server accepts. */
    static String keyWarning(Endpoint endpoint, java.util.function.Function<String, String> environment) {
        if (endpoint.keySource() instanceof KeySource.Env env && !env.required()
                && !endpoint.keySource().resolve(environment).isPresent()) {
            return env.name() + " is not set: calling " + endpoint.baseUrl() + " without an API key (fine for a local"
                    + " server such as Ollama or vLLM; otherwise set it, or llmmon.judge.apiKeyEnv or"
                    + " llmmon.judge.serverId)";
        }
        return null;
    }

    /** Sampling, flags, budget, price, rubric and stop rule from the parameters. */
    JudgeConfig judgeConfig() throws MojoExecutionException {
        SamplingPolicy sampling = SamplingPolicy.of(rate).withIncludeErrors(includeErrors)
                .withAlwaysJudge(alwaysJudge, "llmmon.judge.alwaysJudge")
                .withFeatureRates(featureRates == null ? Map.of() : featureRates);
        JudgeConfig config = JudgeConfig.of(sampling)
                .withFlags(FlagPolicy.of(flagMeanAtMost, flagCorrectnessAtMost))
                .withPricing(JudgePricing.of(inputPricePerMillion, outputPricePerMillion, model))
                .withBudget(new BudgetCap(maxJudgements, maxSpendUsd))
                .withStopAfterConsecutiveFailures(stopAfterFailures)
                .checked();
        if (rubric == null) {
            return config;
        }
        try {
            return config.withRubric(Rubric.load(rubric.toPath()));
        } catch (IOException e) {
            throw new MojoExecutionException("llmmon: cannot read the rubric " + rubric + ": " + e.getMessage(), e);
        }
    }
}
