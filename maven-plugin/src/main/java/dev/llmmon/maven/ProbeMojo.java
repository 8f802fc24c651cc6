package dev.llmmon.maven;

import dev.llmmon.client.ApiKey;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import dev.llmmon.probes.ProbeRunException;
import dev.llmmon.probes.ProbeRunSummary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.UncheckedIOException;

/**
 * Runs canary probes (the {@code llmmon} JUnit Platform engine) inside Maven, without Surefire, through
 * {@link ProbeLauncher}: writes Surefire-compatible XML, prints a summary table, compares the run with the behaviour
 * history to catch a model that changed behind an unchanged name, and fails the build when probes fail. With no
 * {@code probes} given it runs the built-in canary catalog.
 */
@Mojo(name = "probe", requiresProject = false, threadSafe = true)
public class ProbeMojo extends AbstractProbesMojo {

    /** {@code openai} (OpenAI-compatible servers: OpenAI, Azure v1, vLLM, Ollama, LM Studio, LiteLLM) or {@code anthropic}. */
    @Parameter(property = "llmmon.provider", defaultValue = "openai")
    private String provider;

    /** Base URL of the API; defaults to the provider's public endpoint. */
    @Parameter(property = "llmmon.baseUrl")
    private String baseUrl;

    /** The model probed. */
    @Parameter(property = "llmmon.model", required = true)
    private String model;

    /** Cassette file for record/replay, or {@code classpath:} resource (replay only). */
    @Parameter(property = "llmmon.cassette")
    private String cassette;

    /** Behaviour-fingerprint history; keep it between runs (commit it or cache it in CI). */
    @Parameter(property = "llmmon.history", defaultValue = "${basedir}/.llmmon/probe-history.jsonl")
    private File history;

    /** Where the Surefire-compatible XML goes. */
    @Parameter(property = "llmmon.probe.reportsDirectory", defaultValue = "${basedir}/target/llmmon/probe-reports")
    private File reportsDirectory;

    /** Fail the build when the latest run looks like a silent model change. */
    @Parameter(property = "llmmon.failOnSilentChange", defaultValue = "true")
    private boolean failOnSilentChange;

    /**
     * Fail the build when a probe checked nothing (every check skipped, e.g. a {@code similar} check without an
     * embedder): a canary that cannot sing is not a passing canary. {@code false} only reports them.
     */
    @Parameter(property = "llmmon.failOnAborted", defaultValue = "true")
    private boolean failOnAborted;

    /** Significance level of each silent-change test. */
    @Parameter(property = "llmmon.silentChange.alpha", defaultValue = "0.01")
    private double silentChangeAlpha;

    /** How many earlier runs form the silent-change baseline. */
    @Parameter(property = "llmmon.silentChange.baselineRuns", defaultValue = "10")
    private int silentChangeBaselineRuns;

    /** Where Allure result files go (render them with allure-maven or the Allure command line). */
    @Parameter(property = "llmmon.allure.resultsDirectory", defaultValue = "${basedir}/target/allure-results")
    private File allureResultsDirectory;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        ProbeRequest request = request();
        if (serverId() != null && !serverId().isBlank() && !request.replays()) { // replay needs no key
            request = request(ApiKey.of(settingsPassword(serverId())));
        }
        ProbeRunSummary summary;
        try {
            summary = ProbeLauncher.run(request, log(getLog()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        } catch (ProbeRunException e) {
            throw new MojoFailureException("llmmon: " + e.getMessage(), e);
        }
        if (summary.verdict().isPresent()) {
            throw new MojoFailureException("llmmon: " + summary.verdict().get());
        }
    }

    ProbeRequest request() {
        return request(null);
    }

    /** The parameters as a launcher request; {@code apiKey} is the settings.xml server's, or null. */
    ProbeRequest request(ApiKey apiKey) {
        return suite()
                .provider(provider)
                .baseUrl(baseUrl)
                .model(model)
                .cassette(cassette)
                .history(history == null ? null : history.toPath())
                .parameter(Constants.API_KEY_ENV, apiKeyEnv())
                .apiKey(apiKey)
                .reportsDirectory(reportsDirectory.toPath())
                .allureResultsDirectory(allure() ? allureResultsDirectory.toPath() : null)
                .failOnAborted(failOnAborted)
                .failOnSilentChange(failOnSilentChange)
                .silentChangeAlpha(silentChangeAlpha)
                .silentChangeBaselineRuns(silentChangeBaselineRuns)
                .build();
    }
}
