package dev.llmmon.maven;

import dev.llmmon.client.ApiKey;
import dev.llmmon.probes.ApiKeyHandoff;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.LlmmonTestEngine;
import dev.llmmon.probes.history.BehaviourFingerprint;
import dev.llmmon.probes.history.FingerprintHistory;
import dev.llmmon.probes.history.SilentChange;
import dev.llmmon.probes.history.SilentChangeDetector;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs canary probes (the {@code llmmon} JUnit Platform engine) inside Maven, without Surefire: writes
 * Surefire-compatible XML, prints a summary table, compares the run with the behaviour history to catch a model that
 * changed behind an unchanged name, and fails the build when probes fail. With no {@code probes} given it runs the
 * built-in canary catalog.
 */
@Mojo(name = "probe", requiresProject = false, threadSafe = true)
public class ProbeMojo extends AbstractLlmmonMojo {
    static final String CATALOG_PACKAGE = "dev.llmmon.probes.catalog";

    /** Probe folders or files; {@code classpath:com/acme/probes} names a package, {@code classpath:x/y.yaml} a resource. */
    @Parameter(property = "llmmon.probes")
    private List<String> probes;

    /** Also run the built-in canary catalog; default: only when no {@code probes} are given. */
    @Parameter(property = "llmmon.catalog")
    private Boolean catalog;

    /** {@code live}, {@code record} or {@code replay}; default replay when a cassette is set, else live. */
    @Parameter(property = "llmmon.mode")
    private String mode;

    /** {@code openai} (OpenAI-compatible servers: OpenAI, Azure v1, vLLM, Ollama, LM Studio, LiteLLM) or {@code anthropic}. */
    @Parameter(property = "llmmon.provider", defaultValue = "openai")
    private String provider;

    /** Base URL of the API; defaults to the provider's public endpoint. */
    @Parameter(property = "llmmon.baseUrl")
    private String baseUrl;

    /** The model probed. */
    @Parameter(property = "llmmon.model", required = true)
    private String model;

    /** Environment variable holding the API key (default OPENAI_API_KEY or ANTHROPIC_API_KEY, optional then). */
    @Parameter(property = "llmmon.apiKeyEnv")
    private String apiKeyEnv;

    /** A {@code settings.xml} server whose password is the API key (encrypted passwords are supported). */
    @Parameter(property = "llmmon.serverId")
    private String serverId;

    /** Cassette file for record/replay, or {@code classpath:} resource (replay only). */
    @Parameter(property = "llmmon.cassette")
    private String cassette;

    /** Behaviour-fingerprint history; keep it between runs (commit it or cache it in CI). */
    @Parameter(property = "llmmon.history", defaultValue = "${basedir}/.llmmon/probe-history.jsonl")
    private File history;

    /** Judge model for {@code rubric} checks (same endpoint); unset: rubric checks are skipped. */
    @Parameter(property = "llmmon.judge.model")
    private String judgeModel;

    /** Embedding model for {@code similar}/{@code not-similar}; unset: those checks are skipped. */
    @Parameter(property = "llmmon.embedding.model")
    private String embeddingModel;

    /** Most calls in flight per endpoint. */
    @Parameter(property = "llmmon.maxConcurrency", defaultValue = "4")
    private int maxConcurrency;

    /** Call starts per minute per endpoint (0 = no limit). */
    @Parameter(property = "llmmon.requestsPerMinute", defaultValue = "0")
    private int requestsPerMinute;

    /** Per-call timeout in seconds. */
    @Parameter(property = "llmmon.timeoutSeconds", defaultValue = "60")
    private int timeoutSeconds;

    /** Further engine configuration parameters, passed as they are. */
    @Parameter
    private Map<String, String> configurationParameters;

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

    /** Write Allure results. */
    @Parameter(property = "llmmon.allure", defaultValue = "true")
    private boolean allure;



    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        String runId = Instant.now().toString();
        Map<String, String> params = new LinkedHashMap<>();
        if (configurationParameters != null) {
            params.putAll(configurationParameters);
        }
        put(params, Constants.MODE, mode);
        put(params, Constants.PROVIDER, provider);
        put(params, Constants.BASE_URL, baseUrl);
        put(params, Constants.MODEL, model);
        put(params, Constants.CASSETTE, cassetteLocation());
        put(params, Constants.JUDGE_MODEL, judgeModel);
        put(params, Constants.EMBEDDING_MODEL, embeddingModel);
        put(params, Constants.HISTORY, history == null ? null : history.getAbsolutePath());
        put(params, Constants.RUN_ID, runId);
        put(params, Constants.MAX_CONCURRENCY, Integer.toString(maxConcurrency));
        put(params, Constants.REQUESTS_PER_MINUTE, Integer.toString(requestsPerMinute));
        put(params, Constants.TIMEOUT_SECONDS, Integer.toString(timeoutSeconds));
        put(params, Constants.API_KEY_ENV, apiKeyEnv);
        List<DiscoverySelector> selectors = selectors();

        ProbeSummaryListener summary = new ProbeSummaryListener();
        StringWriter xmlErrors = new StringWriter();
        Path reports = reportsDirectory.toPath();
        getLog().info("llmmon: probing " + provider + " model " + model
                + (params.containsKey(Constants.CASSETTE) ? " (cassette " + params.get(Constants.CASSETTE) + ")" : "")
                + (params.containsKey(Constants.BASE_URL) ? " at " + baseUrl : ""));
        ApiKeyHandoff.Handle key = settingsKey();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the engine reads probe resources, cassettes and check plug-ins through the context loader: the plugin's realm
        thread.setContextClassLoader(ProbeMojo.class.getClassLoader());
        try {
            if (key != null) {
                params.put(Constants.API_KEY_REF, key.ref());
                params.remove(Constants.API_KEY_ENV);
            }
            Files.createDirectories(reports);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .configurationParameters(params)
                    .enableImplicitConfigurationParameters(false)
                    .build();
            // only our engine and our listeners: nothing that happens to be on the plugin's classpath joins in
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .addTestEngines(new LlmmonTestEngine())
                    .build());
            List<TestExecutionListener> listeners = new ArrayList<>(List.of(summary,
                    new LegacyXmlReportGeneratingListener(reports, new PrintWriter(xmlErrors, true))));
            // the engine adds labels and attachments through Allure's static lifecycle: point it at our folder
            // Allure's lifecycle is one static per class loader: parallel module builds (-T) take turns
            synchronized (ProbeMojo.class) {
                AllureLifecycle previousAllure = null;
                if (allure) {
                    previousAllure = Allure.getLifecycle();
                    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allureResultsDirectory.toPath()));
                    Allure.setLifecycle(lifecycle);
                    listeners.add(new AllureJunitPlatform(lifecycle));
                }
                try {
                    launcher.execute(request, listeners.toArray(new TestExecutionListener[0]));
                } finally {
                    if (previousAllure != null) {
                        Allure.setLifecycle(previousAllure);
                    }
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("llmmon: cannot create " + reports + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // discovery issues of severity ERROR (a bad probe file) end here, with file and line
            throw new MojoFailureException("llmmon: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
            if (key != null) {
                key.close();
            }
        }
        if (!xmlErrors.toString().isBlank()) {
            getLog().warn("llmmon: XML report: " + xmlErrors.toString().strip());
        }
        summary.table().forEach(getLog()::info);
        getLog().info("llmmon: " + summary.totals() + "; XML report in " + reports
                + (allure ? ", Allure results in " + allureResultsDirectory : ""));

        List<SilentChange> changes = silentChanges(runId);
        changes.forEach(c -> getLog().warn("llmmon: suspected silent model change: " + c));

        List<String> problems = new ArrayList<>(summary.failures());
        if (summary.probes() == 0 && problems.isEmpty()) {
            problems.add("no probes found in " + selectors);
        }
        summary.abortions().forEach(a -> getLog().warn("llmmon: " + a));
        if (failOnAborted) {
            problems.addAll(summary.abortions());
        }
        if (failOnSilentChange && !changes.isEmpty()) {
            changes.forEach(c -> problems.add("suspected silent model change: " + c));
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("llmmon: " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null && !value.isBlank()) {
            params.put(key, value.strip());
        }
    }

    private String cassetteLocation() {
        if (cassette == null || cassette.isBlank() || cassette.strip().startsWith("classpath:")) {
            return cassette;
        }
        return resolve(cassette.strip()).toString();
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : basedir().toPath().resolve(p).normalize();
    }

    private List<DiscoverySelector> selectors() throws MojoExecutionException {
        List<DiscoverySelector> out = new ArrayList<>();
        List<String> given = probes == null ? List.of() : probes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String p : given) {
            if (p.startsWith("classpath:")) {
                String name = p.substring("classpath:".length()).replaceAll("^/+", "");
                out.add(name.matches(".*\\.(ya?ml|json|jsonl)$") ? DiscoverySelectors.selectClasspathResource(name)
                        : DiscoverySelectors.selectPackage(name.replace('/', '.')));
                continue;
            }
            Path path = resolve(p);
            if (Files.isDirectory(path)) {
                out.add(DiscoverySelectors.selectDirectory(path.toFile()));
            } else if (Files.isRegularFile(path)) {
                out.add(DiscoverySelectors.selectFile(path.toFile()));
            } else {
                throw new MojoExecutionException("llmmon: probe folder or file " + path + " does not exist");
            }
        }
        if (catalog != null ? catalog : given.isEmpty()) {
            out.add(DiscoverySelectors.selectPackage(CATALOG_PACKAGE));
        }
        if (out.isEmpty()) {
            throw new MojoExecutionException("llmmon: nothing to run: give llmmon.probes or set llmmon.catalog=true");
        }
        return out;
    }

    /** The key of a settings.xml server, handed to the engine in-process; null when keys come from the environment. */
    private ApiKeyHandoff.Handle settingsKey() throws MojoExecutionException {
        String m = mode == null || mode.isBlank() ? (cassette == null || cassette.isBlank() ? "live" : "replay") : mode.strip();
        if (serverId == null || serverId.isBlank() || "replay".equalsIgnoreCase(m)) { // replay needs no key
            return null;
        }
        String password = settingsPassword(serverId);
        return ApiKeyHandoff.register(ApiKey.of(password));
    }

    /** Changes in this run's probes compared with the runs before it; probes not run now are not re-judged. */
    private List<SilentChange> silentChanges(String runId) throws MojoExecutionException {
        if (history == null || !history.isFile()) {
            return List.of();
        }
        List<BehaviourFingerprint> all;
        try {
            all = FingerprintHistory.read(history.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        Set<String> now = new LinkedHashSet<>();
        for (BehaviourFingerprint f : all) {
            if (f.runId().equals(runId)) {
                now.add(f.probeId() + "\u0000" + f.model());
            }
        }
        List<BehaviourFingerprint> relevant = all.stream().filter(f -> now.contains(f.probeId() + "\u0000" + f.model())).toList();
        long earlier = relevant.stream().map(BehaviourFingerprint::runId).filter(r -> !r.equals(runId)).distinct().count();
        getLog().info(String.format(Locale.ROOT, "llmmon: behaviour history %s: %d earlier run(s) to compare with",
                history, earlier));
        return new SilentChangeDetector(silentChangeAlpha, silentChangeBaselineRuns).compare(relevant);
    }
}
