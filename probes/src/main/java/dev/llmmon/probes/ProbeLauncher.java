package dev.llmmon.probes;

import dev.llmmon.client.Endpoint;
import dev.llmmon.internal.Location;
import dev.llmmon.probes.history.BehaviourFingerprint;
import dev.llmmon.probes.history.FingerprintHistory;
import dev.llmmon.probes.history.SilentChange;
import dev.llmmon.probes.history.SilentChangeDetector;
import dev.llmmon.probes.internal.AllureResults;
import dev.llmmon.probes.internal.ProbeSummaryListener;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmmon.internal.json.Json;
import dev.llmmon.probes.spec.CheckSpec;
import dev.llmmon.probes.spec.Probe;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
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
 * Runs probes from plain Java (the {@code llmmon:probe} goal is a thin binding of it): the {@code llmmon} engine
 * through the JUnit Platform Launcher with only its own listeners, Surefire-compatible XML, optionally Allure
 * results, then the silent-change comparison with the behaviour history. Needs {@code junit-platform-launcher} and
 * {@code junit-platform-reporting} on the classpath (and {@code allure-junit-platform} for Allure results).
 *
 * <pre>{@code
 * ProbeRunSummary summary = ProbeLauncher.run(ProbeRequest.builder().model("gpt-4o-mini")
 *         .cassette("classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl").build(), ProbeLauncher.Log.NONE);
 * summary.verdict().ifPresent(v -> { throw new AssertionError(v); });
 * }</pre>
 */
public final class ProbeLauncher {
    /** The package of the built-in canary catalog. */
    public static final String CATALOG_PACKAGE = "dev.llmmon.probes.catalog";

    private ProbeLauncher() {
    }

    /** Where the launcher's progress lines go (a build log, a logger). */
    public interface Log {
        /** Drops every line. */
        Log NONE = new Log() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
            }
        };

        void info(String line);

        void warn(String line);
    }

    /**
     * Runs {@code request}.
     *
     * @throws IllegalArgumentException a probe location that does not exist, or nothing to run
     * @throws UncheckedIOException     the reports folder cannot be created or the history cannot be read
     * @throws ProbeRunException        the run failed as a whole, e.g. a probe file with an error
     */
    public static ProbeRunSummary run(ProbeRequest request, Log log) {
        String runId = Instant.now().toString();
        Map<String, String> params = new LinkedHashMap<>(request.parameters());
        params.put(Constants.RUN_ID, runId);
        List<DiscoverySelector> selectors = selectors(request);
        Path reports = request.reportsDirectory();
        log.info("llmmon: probing " + params.getOrDefault(Constants.PROVIDER, Endpoint.Provider.OPENAI.id())
                + " model " + params.get(Constants.MODEL)
                + (params.containsKey(Constants.CASSETTE) ? " (cassette " + params.get(Constants.CASSETTE) + ")" : "")
                + (params.containsKey(Constants.BASE_URL) ? " at " + params.get(Constants.BASE_URL) : ""));
        try {
            Files.createDirectories(reports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + reports + ": " + e.getMessage(), e);
        }
        ProbeSummaryListener summary = new ProbeSummaryListener();
        StringWriter xmlErrors = new StringWriter();
        ApiKeyHandoff.Handle key = request.replays() ? null // replay needs no key
                : request.apiKey().map(ApiKeyHandoff::register).orElse(null);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the engine reads probe resources, cassettes and check plug-ins through the context loader
        thread.setContextClassLoader(request.classLoader());
        try {
            if (key != null) {
                params.put(Constants.API_KEY_REF, key.ref());
                params.remove(Constants.API_KEY_ENV);
            }
            LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .configurationParameters(params)
                    .enableImplicitConfigurationParameters(false);
            if (!request.only().isEmpty()) {
                // a subset by unique id (the gate's batches and uncached cases); empty files are pruned
                Set<String> only = request.only();
                builder.filters((PostDiscoveryFilter) d -> !d.isTest() || only.contains(d.getUniqueId().toString())
                        ? FilterResult.included("selected") : FilterResult.excluded("not in the selected subset"));
            }
            LauncherDiscoveryRequest discovery = builder.build();
            // only our engine and our listeners: nothing that happens to be on the classpath joins in
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .addTestEngines(new LlmmonTestEngine())
                    .build());
            List<TestExecutionListener> listeners = List.of(summary,
                    new LegacyXmlReportGeneratingListener(reports, new PrintWriter(xmlErrors, true)));
            if (request.allureResultsDirectory().isPresent()) {
                // the engine adds labels and attachments through Allure's static lifecycle: point it at our folder
                AllureResults.run(request.allureResultsDirectory().get(), listeners,
                        all -> launcher.execute(discovery, all.toArray(new TestExecutionListener[0])));
            } else {
                launcher.execute(discovery, listeners.toArray(new TestExecutionListener[0]));
            }
        } catch (RuntimeException e) {
            // discovery issues of severity ERROR (a bad probe file) end here, with file and line
            throw new ProbeRunException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
            if (key != null) {
                key.close();
            }
        }
        if (!xmlErrors.toString().isBlank()) {
            log.warn("llmmon: XML report: " + xmlErrors.toString().strip());
        }
        summary.table().forEach(log::info);
        log.info("llmmon: " + summary.totals() + "; XML report in " + reports
                + request.allureResultsDirectory().map(d -> ", Allure results in " + d).orElse(""));

        List<SilentChange> changes = silentChanges(request, runId, log);
        changes.forEach(c -> log.warn("llmmon: suspected silent model change: " + c));

        List<String> problems = new ArrayList<>();
        String outage = summary.endpointUnavailable();
        if (outage != null) {
            log.warn("llmmon: endpoint unavailable: " + outage + " (not a model change: these runs are left out of"
                    + " the behaviour history's comparisons)");
            problems.add("endpoint unavailable: " + outage);
        }
        problems.addAll(summary.failures());
        if (summary.probes() == 0 && problems.isEmpty()) {
            problems.add("no probes found in " + selectors);
        }
        summary.abortions().forEach(a -> log.warn("llmmon: " + a));
        if (request.failOnAborted()) {
            problems.addAll(summary.abortions());
        }
        if (request.failOnSilentChange()) {
            changes.forEach(c -> problems.add("suspected silent model change: " + c));
        }
        return new ProbeRunSummary(summary.outcomes(), summary.table(), summary.totals(), summary.abortions(), changes,
                problems, outage);
    }

    /**
     * The probes {@code request} would run, in discovery order, without calling any model: the gate plans its
     * batches, estimates its cost and looks up cached results with them. A bad probe file fails as in {@link #run}.
     *
     * @throws IllegalArgumentException a probe location that does not exist, or nothing to run
     * @throws ProbeRunException        a probe file with an error
     */
    public static List<ProbeCase> discover(ProbeRequest request) {
        Map<String, String> params = new LinkedHashMap<>(request.parameters());
        Integer repeat = LlmmonConfiguration.from(new MapParameters(params)).repeat();
        List<String> errors = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(request.classLoader());
        TestDescriptor engine;
        try {
            LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors(request))
                    .configurationParameters(params)
                    .enableImplicitConfigurationParameters(false)
                    .listeners(new LauncherDiscoveryListener() {
                        @Override
                        public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
                            if (issue.severity() == DiscoveryIssue.Severity.ERROR) {
                                errors.add(issue.message());
                            }
                        }
                    })
                    .build();
            engine = new LlmmonTestEngine().discover(discovery, UniqueId.forEngine(Constants.ENGINE_ID));
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (!errors.isEmpty()) {
            throw new ProbeRunException(String.join("\n", errors), null);
        }
        List<ProbeCase> out = new ArrayList<>();
        for (TestDescriptor file : engine.getChildren()) {
            for (TestDescriptor d : file.getChildren()) {
                if (d instanceof ProbeDescriptor p) {
                    out.add(probeCase(p, file.getDisplayName(), repeat, request.only()));
                }
            }
        }
        out.removeIf(java.util.Objects::isNull);
        return List.copyOf(out);
    }

    private static ProbeCase probeCase(ProbeDescriptor d, String fileName, Integer repeat, Set<String> only) {
        String uid = d.getUniqueId().toString();
        if (!only.isEmpty() && !only.contains(uid)) {
            return null;
        }
        Probe p = repeat == null ? d.probe() : d.probe().withRepeat(repeat);
        String feature = p.feature() != null ? p.feature() : fileName;
        int chars = p.input().length() + (p.system() == null ? 0 : p.system().length());
        return new ProbeCase(uid, fileName + " / " + p.id(), feature, p.cluster() != null ? p.cluster() : feature,
                p.repeat(), p.minPassRate(), chars,
                p.maxTokens() == null ? 0 : p.maxTokens(), contentHash(p), p.severity().wireName(),
                (int) p.checks().stream().filter(c -> c.type().equals("rubric")).count());
    }

    /** SHA-256 over what decides the calls and their checks; the description, tags and line are left out. */
    static String contentHash(Probe p) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", p.id());
        content.put("input", p.input());
        content.put("system", p.system());
        content.put("model", p.model());
        content.put("temperature", p.temperature());
        content.put("max_tokens", p.maxTokens());
        content.put("response_format", p.responseFormat().name());
        content.put("repeat", p.repeat());
        content.put("min_pass_rate", p.minPassRate());
        content.put("checks", p.checks().stream().map(CheckSpec::config).toList());
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(content);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash probe " + p.id(), e);
        }
    }

    /** Plain configuration parameters over a map (what the launcher would pass the engine). */
    private record MapParameters(Map<String, String> values) implements ConfigurationParameters {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::parseBoolean);
        }

        @Override
        @SuppressWarnings("deprecation")
        public int size() {
            return values.size();
        }

        @Override
        public Set<String> keySet() {
            return values.keySet();
        }
    }

    static List<DiscoverySelector> selectors(ProbeRequest request) {
        List<DiscoverySelector> out = new ArrayList<>();
        List<String> locations = new ArrayList<>(request.probes());
        locations.addAll(request.evals());
        for (String p : locations) {
            Location location = Location.parse(p);
            if (location.onClasspath()) {
                String name = location.resourceName();
                out.add(name.matches(".*\\.(ya?ml|json|jsonl)$") ? DiscoverySelectors.selectClasspathResource(name)
                        : DiscoverySelectors.selectPackage(location.packageName()));
                continue;
            }
            Path path = request.resolve(p);
            if (Files.isDirectory(path)) {
                out.add(DiscoverySelectors.selectDirectory(path.toFile()));
            } else if (Files.isRegularFile(path)) {
                out.add(DiscoverySelectors.selectFile(path.toFile()));
            } else {
                throw new IllegalArgumentException((request.evals().contains(p) ? "eval-case" : "probe")
                        + " folder or file " + path + " does not exist");
            }
        }
        if (request.catalog()) {
            out.add(DiscoverySelectors.selectPackage(CATALOG_PACKAGE));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: give llmmon.probes or llmmon.evals, or set llmmon.catalog=true");
        }
        return out;
    }

    /** Changes in this run's probes compared with the runs before it; probes not run now are not re-judged. */
    private static List<SilentChange> silentChanges(ProbeRequest request, String runId, Log log) {
        Path history = request.history().orElse(null);
        if (history == null || !Files.isRegularFile(history)) {
            return List.of();
        }
        List<BehaviourFingerprint> all;
        try {
            all = FingerprintHistory.read(history);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        Set<String> now = new LinkedHashSet<>();
        Set<String> probesNow = new LinkedHashSet<>();
        for (BehaviourFingerprint f : all) {
            if (f.runId().equals(runId)) {
                now.add(f.comparisonKey());
                probesNow.add(f.probeId() + "\u0000" + f.model());
            }
        }
        // like with like: the same probe and model, obtained the same way (replay, or live at the same endpoint)
        List<BehaviourFingerprint> relevant = all.stream().filter(f -> now.contains(f.comparisonKey())).toList();
        SilentChangeDetector detector = new SilentChangeDetector(request.silentChangeAlpha(),
                request.silentChangeBaselineRuns());
        long earlier = relevant.stream().filter(f -> !f.unavailable()).map(BehaviourFingerprint::runId)
                .filter(r -> !r.equals(runId)).distinct().count();
        log.info(String.format(Locale.ROOT, "llmmon: behaviour history %s: %d earlier run(s) to compare with",
                history, earlier));
        long otherWays = all.stream().filter(f -> !f.runId().equals(runId)
                        && probesNow.contains(f.probeId() + "\u0000" + f.model()) && !now.contains(f.comparisonKey()))
                .map(BehaviourFingerprint::runId).distinct().count();
        long outages = relevant.stream().filter(f -> f.unavailable() && !f.runId().equals(runId))
                .map(BehaviourFingerprint::runId).distinct().count();
        if (otherWays > 0 || outages > 0) {
            log.info(String.format(Locale.ROOT, "llmmon: not compared: %d run(s) of these probes obtained another way"
                    + " (replay vs live, another endpoint, or before the mode was recorded), %d run(s) during an"
                    + " endpoint outage", otherWays, outages));
        }
        return detector.compare(relevant);
    }
}
