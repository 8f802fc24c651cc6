package dev.llmmon.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.client.ModelClient;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.judge.FlagPolicy;
import dev.llmmon.judge.JudgeConfig;
import dev.llmmon.judge.JudgePricing;
import dev.llmmon.judge.JudgeProgress;
import dev.llmmon.judge.JudgeSummary;
import dev.llmmon.judge.Rubric;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.monitor.JudgeJob;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.report.QualityReport;
import dev.llmmon.record.SignalType;
import dev.llmmon.sampling.BudgetCap;
import dev.llmmon.sampling.SamplingPolicy;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges a deterministic sample of the logged responses with an LLM (OpenAI-compatible or Anthropic), appends the
 * judgements to a resumable store, and writes the quality series. Nothing already judged is paid for again.
 */
@Mojo(name = "judge", requiresProject = false, threadSafe = true)
public class JudgeMojo extends AbstractLogsMojo {

    /** {@code openai} (OpenAI Chat Completions and compatible servers: Azure, vLLM, Ollama, LM Studio, LiteLLM) or {@code anthropic}. */
    @Parameter(property = "llmmon.judge.provider", defaultValue = "openai")
    private String provider;

    /** Base URL of the API; defaults to the provider's public endpoint. */
    @Parameter(property = "llmmon.judge.baseUrl")
    private String baseUrl;

    /** The judge model. */
    @Parameter(property = "llmmon.judge.model", required = true)
    private String model;

    /** Environment variable holding the API key (default OPENAI_API_KEY or ANTHROPIC_API_KEY). */
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

    /** Parallel judge calls. */
    @Parameter(property = "llmmon.judge.concurrency", defaultValue = "4")
    private int concurrency;

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
        ModelClient client;
        try {
            logs = logsConfig(SurvivorshipRule.DEFAULT, false, 0.01);
            config = judgeConfig();
            client = client();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        getLog().info("llmmon: judging with " + provider + " model " + model + " at " + effectiveBaseUrl()
                + ", store " + judgements);
        JudgeJob.Result result;
        ProgressLog progress = new ProgressLog();
        try {
            result = JudgeJob.run(logs, client, config, judgements.toPath(),
                    humanLabels == null ? null : humanLabels.toPath(), progress::report);
        } catch (RejectedInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        JudgeSummary s = result.summary();
        getLog().info(String.format(Locale.ROOT,
                "llmmon: %,d requests read, %,d selected (%,d by signal), %,d already judged; judged %,d, flagged %,d,"
                        + " unparseable %,d, failed %,d; judge tokens %,d in / %,d out, spend %s",
                s.records(), s.sampled(), s.alwaysJudged(), s.alreadyDone(), s.judged(), s.flagged(), s.unparseable(),
                s.failed(), s.judgeUsage().inputTokens(), s.judgeUsage().outputTokens(),
                s.spendUsd() == null ? "unknown (no price for " + model + ")" : String.format(Locale.ROOT, "$%.4f", s.spendUsd())));
        if (s.skippedByBudget() > 0) {
            getLog().warn("llmmon: budget cap reached: " + s.skippedByBudget() + " selected request(s) left unjudged"
                    + " (they are judged first next run)");
        }
        if (s.missingOutput() > 0) {
            getLog().warn("llmmon: " + s.missingOutput() + " selected request(s) have no output text to judge");
        }
        if (result.rejections().total() > 0) {
            getLog().warn("llmmon: rejected " + result.rejections().total() + " input line(s), e.g. "
                    + result.rejections().examples().get(0));
        }
        if (result.storeBadLines() > 0) {
            getLog().warn("llmmon: " + result.storeBadLines() + " unreadable line(s) in " + judgements
                    + " (a torn line from an interrupted run); skipped");
        }
        result.agreement().forEach((dimension, a) -> getLog().info("llmmon: judge/human agreement on " + dimension
                + ": " + a));
        try {
            Files.createDirectories(outputDirectory.toPath());
            Path file = outputDirectory.toPath().resolve("judge.json");
            ObjectNode json = QualityReport.toJson(result);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
            getLog().info("llmmon: wrote " + file);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + outputDirectory + ": " + e.getMessage(), e);
        }
        if (s.stoppedEarly()) {
            throw new MojoFailureException("llmmon: the judge run stopped early: " + s.stopReason()
                    + ". Judgements made so far are kept in " + judgements + "; rerun to continue.");
        }
    }

    private JudgeConfig judgeConfig() throws MojoExecutionException {
        SamplingPolicy sampling = SamplingPolicy.of(rate).withIncludeErrors(includeErrors)
                .withAlwaysJudge(signalTypes(alwaysJudge));
        if (featureRates != null) {
            for (Map.Entry<String, String> e : featureRates.entrySet()) {
                sampling = sampling.withFeatureRate(e.getKey(), Double.parseDouble(e.getValue().trim()));
            }
        }
        Map<String, Integer> dimensionRules = new LinkedHashMap<>();
        if (flagCorrectnessAtMost > 0) {
            dimensionRules.put("correctness", flagCorrectnessAtMost);
        }
        JudgeConfig config = JudgeConfig.of(sampling)
                .withFlags(new FlagPolicy(flagMeanAtMost > 0 ? flagMeanAtMost : null, dimensionRules))
                .withBudget(new BudgetCap(maxJudgements, maxSpendUsd))
                .withConcurrency(concurrency)
                .withStopAfterConsecutiveFailures(stopAfterFailures);
        JudgePricing pricing = pricing();
        if (pricing != null) {
            config = config.withPricing(pricing);
        }
        if (rubric != null) {
            try {
                config = config.withRubric(Rubric.load(rubric.toPath()));
            } catch (IOException e) {
                throw new MojoExecutionException("llmmon: cannot read the rubric " + rubric + ": " + e.getMessage(), e);
            }
        }
        return config;
    }

    private JudgePricing pricing() {
        if (inputPricePerMillion != null && outputPricePerMillion != null) {
            return new JudgePricing(inputPricePerMillion, outputPricePerMillion);
        }
        return PricingTable.defaults().priceOf(model)
                .map(p -> new JudgePricing(p.inputPerMillion(), p.outputPerMillion()))
                .orElse(null);
    }

    private static Set<SignalType> signalTypes(String names) {
        Set<SignalType> out = EnumSet.noneOf(SignalType.class);
        for (String name : names == null ? new String[0] : names.split(",")) {
            if (!name.isBlank()) {
                out.add(SignalType.parse(name).orElseThrow(() -> new IllegalArgumentException(
                        "unknown signal type '" + name.trim() + "' in llmmon.judge.alwaysJudge")));
            }
        }
        return out;
    }

    private String effectiveBaseUrl() {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl;
        }
        return isAnthropic() ? "https://api.anthropic.com" : "https://api.openai.com/v1";
    }

    private boolean isAnthropic() {
        return "anthropic".equalsIgnoreCase(provider.trim());
    }

    private ModelClient client() throws MojoExecutionException {
        if (!isAnthropic() && !"openai".equalsIgnoreCase(provider.trim())) {
            throw new MojoExecutionException("llmmon: unknown provider '" + provider + "': use openai or anthropic");
        }
        Endpoint endpoint = Endpoint.builder(Endpoint.Provider.parse(provider), model).baseUrl(effectiveBaseUrl())
                .keySource(keySource()).authHeader(authHeader).timeout(Duration.ofSeconds(timeoutSeconds))
                .maxConcurrency(concurrency).requestsPerMinute(requestsPerMinute).build();
        return ModelClient.create(endpoint);
    }

    /** The key from settings.xml (decrypted) or the environment; never logged. */
    private KeySource keySource() throws MojoExecutionException {
        if (serverId != null && !serverId.isBlank()) {
            return KeySource.secret(settingsPassword(serverId));
        }
        return KeySource.env(apiKeyEnv != null && !apiKeyEnv.isBlank() ? apiKeyEnv
                : isAnthropic() ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
    }

    /** Logs progress at most every 10 seconds or 10% of the work, whichever comes first. */
    private final class ProgressLog {
        private long lastNanos = System.nanoTime();
        private long lastDecile = -1;

        synchronized void report(JudgeProgress p) {
            long decile = p.total() == 0 ? 10 : p.completed() * 10 / p.total();
            long now = System.nanoTime();
            if (decile == lastDecile && now - lastNanos < 10_000_000_000L && p.completed() < p.total()) {
                return;
            }
            lastDecile = decile;
            lastNanos = now;
            getLog().info(String.format(Locale.ROOT, "llmmon: judged %,d / %,d (%.1f/s, ETA %s, spend %s)",
                    p.completed(), p.total(), p.perSecond(),
                    p.eta() == null ? "?" : p.eta().toSeconds() + " s",
                    p.spendUsd() == null ? "unknown" : String.format(Locale.ROOT, "$%.4f", p.spendUsd())));
        }
    }
}
