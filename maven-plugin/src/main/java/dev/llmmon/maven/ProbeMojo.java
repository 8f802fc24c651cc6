package dev.llmmon.maven;

import dev.llmmon.client.ApiKey;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import dev.llmmon.probes.ProbeRunException;
import dev.llmmon.probes.ProbeRunSummary;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

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

    /** The project, to warn when its own Surefire cannot run probe suites (absent without a pom). */
    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** Surefire's first version with a JUnit Platform provider: older ones run a probe {@code @Suite} as 0 tests. */
    static final String FIRST_PLATFORM_SUREFIRE = "2.22.0";

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        if (project != null) {
            String warning = surefireWarning(project.getBuildPlugins(), project.getDependencies());
            if (warning != null) {
                getLog().warn("llmmon: " + warning);
            }
        }
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

    /**
     * Why {@code mvn test} in a project that runs probes as tests (a dependency on llmmon-probes) would silently run
     * none, {@code null} when it would not: its Surefire predates the JUnit Platform provider (Maven 3.8's default
     * binding is 2.12.4), so the probes' {@code @Suite} class is not even seen as a test.
     */
    static String surefireWarning(java.util.List<Plugin> plugins, java.util.List<Dependency> dependencies) {
        boolean probesAsTests = dependencies.stream().anyMatch(d -> "dev.llmmon".equals(d.getGroupId())
                && "llmmon-probes".equals(d.getArtifactId()));
        if (!probesAsTests) {
            return null;
        }
        return plugins.stream()
                .filter(p -> "maven-surefire-plugin".equals(p.getArtifactId()) && p.getVersion() != null
                        && new ComparableVersion(p.getVersion()).compareTo(new ComparableVersion(FIRST_PLATFORM_SUREFIRE)) < 0)
                .findFirst()
                .map(p -> "this project runs llmmon probes as tests, but its maven-surefire-plugin is " + p.getVersion()
                        + " (Maven 3.8's default): Surefire before " + FIRST_PLATFORM_SUREFIRE + " has no JUnit Platform"
                        + " provider, so `mvn test` runs the probe @Suite as 0 tests and passes. Declare"
                        + " maven-surefire-plugin 3.5.4 (or any 3.x) in <build><plugins>; see docs/probe-goal.md")
                .orElse(null);
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
