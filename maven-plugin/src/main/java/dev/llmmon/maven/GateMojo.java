package dev.llmmon.maven;

import dev.llmmon.client.ApiKey;
import dev.llmmon.gate.GatePolicy;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeRequest;
import dev.llmmon.probes.ProbeRunException;
import dev.llmmon.probes.gate.GateLauncher;
import dev.llmmon.probes.gate.GateRequest;
import dev.llmmon.probes.gate.GateRun;
import dev.llmmon.probes.gate.GateRunException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Is the candidate model worse than the current one? Runs the suite (probes, or the built-in catalog) on both,
 * {@code repeat} times per case, pairs the outcomes per case and decides with core's gate statistics (non-inferiority
 * margin, McNemar, Holm over features, clustered bounds; sequential on request). Writes {@code gate.md} (also appended
 * to {@code $GITHUB_STEP_SUMMARY}) and {@code gate.json}, Allure results per side, and fails the build when the
 * candidate is worse. Baseline results are cached, so a rerun pays only for the candidate.
 */
@Mojo(name = "gate", requiresProject = false, threadSafe = true)
public class GateMojo extends AbstractProbesMojo {

    /** The current model. */
    @Parameter(property = "llmmon.gate.baselineModel", required = true)
    private String baselineModel;

    /** The baseline's API: {@code openai} (and compatible servers), {@code azure} or {@code anthropic}. */
    @Parameter(property = "llmmon.gate.baselineProvider", defaultValue = "openai")
    private String baselineProvider;

    /** The baseline's base URL; default the provider's public endpoint. */
    @Parameter(property = "llmmon.gate.baselineBaseUrl")
    private String baselineBaseUrl;

    /** The baseline's cassette (file or {@code classpath:}); set: the baseline is replayed unless {@code llmmon.mode} says otherwise. */
    @Parameter(property = "llmmon.gate.baselineCassette")
    private String baselineCassette;

    /** Environment variable with the baseline's key; default {@code llmmon.apiKeyEnv}. */
    @Parameter(property = "llmmon.gate.baselineApiKeyEnv")
    private String baselineApiKeyEnv;

    /** A {@code settings.xml} server holding the baseline's key; default {@code llmmon.serverId}. */
    @Parameter(property = "llmmon.gate.baselineServerId")
    private String baselineServerId;

    /** The model that would replace it. */
    @Parameter(property = "llmmon.gate.candidateModel", required = true)
    private String candidateModel;

    /** The candidate's API. */
    @Parameter(property = "llmmon.gate.candidateProvider", defaultValue = "openai")
    private String candidateProvider;

    /** The candidate's base URL. */
    @Parameter(property = "llmmon.gate.candidateBaseUrl")
    private String candidateBaseUrl;

    /** The candidate's cassette. */
    @Parameter(property = "llmmon.gate.candidateCassette")
    private String candidateCassette;

    /** Environment variable with the candidate's key; default {@code llmmon.apiKeyEnv}. */
    @Parameter(property = "llmmon.gate.candidateApiKeyEnv")
    private String candidateApiKeyEnv;

    /** A {@code settings.xml} server holding the candidate's key; default {@code llmmon.serverId}. */
    @Parameter(property = "llmmon.gate.candidateServerId")
    private String candidateServerId;

    /** Calls per case on each side; 0: each probe's own {@code repeat}. */
    @Parameter(property = "llmmon.gate.repeat", defaultValue = "0")
    private int repeat;

    /** Non-inferiority margin: the candidate may be at most this much worse in case pass rate (0.02 = 2 points). */
    @Parameter(property = "llmmon.gate.margin", defaultValue = "0.02")
    private double margin;

    /** One-sided error rate of the gate's claims. */
    @Parameter(property = "llmmon.gate.alpha", defaultValue = "0.05")
    private double alpha;

    /** Power wanted, for the minimum detectable effect said before the run. */
    @Parameter(property = "llmmon.gate.power", defaultValue = "0.8")
    private double power;

    /** Share of cases assumed to pass on one model only, for the power estimate before the run. */
    @Parameter(property = "llmmon.gate.expectedDiscordance", defaultValue = "0.10")
    private double expectedDiscordance;

    /**
     * Let rubric scores fail the gate: a feature whose mean judge score drops significantly (one-sided Wilcoxon,
     * Holm over features) and by more than this many points (bootstrap upper bound) fails. Unset: scores are reported
     * only.
     */
    @Parameter(property = "llmmon.gate.scoreMargin")
    private String scoreMargin;

    /** Minimum candidate pass rate per feature, whatever the baseline did: {@code <floors><support-chat>0.9</support-chat></floors>}. */
    @Parameter
    private Map<String, String> floors;

    /**
     * Minimum candidate pass rate per severity of the cases (probes' and eval cases' {@code severity}: critical,
     * major, minor), over all features: {@code <severityFloors><critical>1.0</critical></severityFloors>}.
     */
    @Parameter
    private Map<String, String> severityFloors;

    /** Run cases in batches (shuffled with the seed) and stop as soon as the verdict is clear. */
    @Parameter(property = "llmmon.gate.sequential", defaultValue = "false")
    private boolean sequential;

    /** Cases per batch in sequential mode. */
    @Parameter(property = "llmmon.gate.batchSize", defaultValue = "20")
    private int batchSize;

    /** Seed of the shuffle and of the bootstrap: the same results give the same verdict. */
    @Parameter(property = "llmmon.gate.seed", defaultValue = "42")
    private long seed;

    /** Bootstrap resamples of the score interval. */
    @Parameter(property = "llmmon.gate.bootstrapResamples", defaultValue = "2000")
    private int bootstrapResamples;

    /** Leave flaky cases (repeats disagree on one model) out of the decision; they are reported either way. */
    @Parameter(property = "llmmon.gate.quarantineFlaky", defaultValue = "false")
    private boolean quarantineFlaky;

    /** Fail the build when the cases cannot tell (by default only a candidate found worse fails it). */
    @Parameter(property = "llmmon.gate.failOnInconclusive", defaultValue = "false")
    private boolean failOnInconclusive;

    /** Where baseline results are kept and reused while model, case and rubric are unchanged. */
    @Parameter(property = "llmmon.gate.cacheDirectory", defaultValue = "${basedir}/target/llmmon/gate-cache")
    private File cacheDirectory;

    /** {@code false}: run the baseline again even when cached (its results still refresh the cache). */
    @Parameter(property = "llmmon.gate.reuseBaseline", defaultValue = "true")
    private boolean reuseBaseline;

    /** Where {@code gate.md}, {@code gate.json} and each side's XML and Allure results go. */
    @Parameter(property = "llmmon.outputDirectory", defaultValue = "${basedir}/target/llmmon")
    private File outputDirectory;

    /** A YAML/JSON price table extending the built-in one, for the cost estimates. */
    @Parameter(property = "llmmon.pricing")
    private File pricing;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        ApiKey baselineKey = key(baselineServerId, baselineCassette);
        ApiKey candidateKey = key(candidateServerId, candidateCassette);
        GateRun run;
        try {
            run = GateLauncher.run(request(baselineKey, candidateKey, System.getenv("GITHUB_STEP_SUMMARY")), log(getLog()));
        } catch (IllegalArgumentException | UncheckedIOException | GateRunException e) {
            // bad settings (a floor, the margin), a missing probe folder, a case a side could not answer
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        } catch (ProbeRunException e) {
            throw new MojoFailureException("llmmon: " + e.getMessage(), e);
        }
        if (run.failure().isPresent()) {
            throw new MojoFailureException("llmmon: " + run.failure().get() + " (see " + run.markdown() + ")");
        }
    }

    /** The side's settings.xml key when it has a server and does not replay; null otherwise (never logged). */
    private ApiKey key(String sideServerId, String sideCassette) throws MojoExecutionException {
        String id = blank(sideServerId) ? serverId() : sideServerId;
        boolean replays = blank(mode()) ? !blank(sideCassette) : "replay".equalsIgnoreCase(mode().strip());
        return blank(id) || replays ? null : ApiKey.of(settingsPassword(id));
    }

    GateRequest request(ApiKey baselineKey, ApiKey candidateKey, String stepSummary) {
        Path out = outputDirectory.toPath();
        GatePolicy policy = GatePolicy.defaults().withMargin(margin).withAlpha(alpha).withPower(power)
                .withFloors(rates("floors", "feature", floors)).withSequential(sequential).withBatchSize(batchSize).withSeed(seed)
                .withBootstrapResamples(bootstrapResamples).withQuarantineFlaky(quarantineFlaky)
                .withScoreMargin(scoreMargin()).withSeverityFloors(rates("severityFloors", "severity", severityFloors));
        return GateRequest.builder()
                .baseline(side("baseline", baselineProvider, baselineBaseUrl, baselineModel, baselineCassette,
                        baselineApiKeyEnv, baselineKey, out))
                .candidate(side("candidate", candidateProvider, candidateBaseUrl, candidateModel, candidateCassette,
                        candidateApiKeyEnv, candidateKey, out))
                .policy(policy)
                .outputDirectory(out)
                .cacheDirectory(reuseBaseline ? cacheDirectory.toPath() : null)
                .failOnInconclusive(failOnInconclusive)
                .expectedDiscordance(expectedDiscordance)
                .pricing(pricing == null ? PricingTable.defaults() : PricingTable.defaultsWith(pricing.toPath()))
                .stepSummary(blank(stepSummary) ? null : Path.of(stepSummary))
                .build();
    }

    private ProbeRequest side(String name, String provider, String baseUrl, String model, String cassette,
                              String sideKeyEnv, ApiKey key, Path out) {
        Path dir = out.resolve("gate").resolve(name);
        return suite()
                .provider(provider)
                .baseUrl(baseUrl)
                .model(model)
                .cassette(cassette)
                .parameter(Constants.API_KEY_ENV, blank(sideKeyEnv) ? apiKeyEnv() : sideKeyEnv)
                .parameter(Constants.REPEAT, repeat > 0 ? Integer.toString(repeat) : null)
                .apiKey(key)
                .reportsDirectory(dir.resolve("probe-reports"))
                .allureResultsDirectory(allure() ? dir.resolve("allure-results") : null)
                // a gate run judges the pair, not each probe: failing probes and aborted ones are its evidence
                .failOnAborted(false)
                .failOnSilentChange(false)
                .build();
    }

    /** A {@code <floors>}-like map of pass rates, each checked to be a number ({@code what}: feature, severity). */
    private static Map<String, Double> rates(String parameter, String what, Map<String, String> raw) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((key, value) -> {
                try {
                    out.put(key, Double.parseDouble(value.strip()));
                } catch (NumberFormatException | NullPointerException e) {
                    throw new IllegalArgumentException(parameter + ": " + what + " " + key
                            + " needs a pass rate in [0, 1], was '" + value + "'");
                }
            });
        }
        return out;
    }

    private double scoreMargin() {
        if (blank(scoreMargin)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(scoreMargin.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("llmmon.gate.scoreMargin must be a number of score points (e.g. 0.25),"
                    + " was '" + scoreMargin + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
