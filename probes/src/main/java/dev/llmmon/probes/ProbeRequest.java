package dev.llmmon.probes;

import dev.llmmon.client.ApiKey;
import dev.llmmon.internal.Location;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ProbeLauncher} runs: probe locations, the engine's configuration parameters (keys in
 * {@link Constants}), where the reports go and what fails the run. Immutable; made with {@link #builder()}.
 */
public final class ProbeRequest {
    private final List<String> probes;
    private final List<String> evals;
    private final boolean catalog;
    private final Path baseDir;
    private final Map<String, String> parameters;
    private final ApiKey apiKey;
    private final Path history;
    private final Path reportsDirectory;
    private final Path allureResultsDirectory;
    private final boolean failOnAborted;
    private final boolean failOnSilentChange;
    private final double silentChangeAlpha;
    private final int silentChangeBaselineRuns;
    private final ClassLoader classLoader;
    private final Set<String> only;

    private ProbeRequest(Builder b) {
        this.probes = b.probes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.evals = b.evals.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.catalog = b.catalog != null ? b.catalog : probes.isEmpty() && evals.isEmpty();
        this.baseDir = b.baseDir.toAbsolutePath().normalize();
        Map<String, String> p = new LinkedHashMap<>(b.parameters);
        if (b.cassette != null) {
            p.put(Constants.CASSETTE, Location.isClasspath(b.cassette) ? b.cassette : resolve(b.cassette).toString());
        }
        if (b.history != null) {
            p.put(Constants.HISTORY, resolve(b.history.toString()).toString());
        }
        this.parameters = Collections.unmodifiableMap(p);
        this.apiKey = b.apiKey;
        this.history = b.history == null ? null : resolve(b.history.toString());
        this.reportsDirectory = resolve(Objects.requireNonNull(b.reportsDirectory, "reportsDirectory").toString());
        this.allureResultsDirectory = b.allureResultsDirectory == null ? null : resolve(b.allureResultsDirectory.toString());
        this.failOnAborted = b.failOnAborted;
        this.failOnSilentChange = b.failOnSilentChange;
        this.silentChangeAlpha = b.silentChangeAlpha;
        this.silentChangeBaselineRuns = b.silentChangeBaselineRuns;
        this.classLoader = b.classLoader != null ? b.classLoader : ProbeLauncher.class.getClassLoader();
        this.only = Set.copyOf(b.only);
    }

    /** A copy that runs only the probes with these unique ids (of {@link ProbeLauncher#discover}); empty: all. */
    public ProbeRequest only(Collection<String> uniqueIds) {
        Builder b = toBuilder();
        b.only = Set.copyOf(uniqueIds);
        return new ProbeRequest(b);
    }

    /** A copy whose Surefire-compatible XML goes to {@code dir} (one folder per batch of a gate run). */
    public ProbeRequest withReportsDirectory(Path dir) {
        Builder b = toBuilder();
        b.reportsDirectory = Objects.requireNonNull(dir, "dir");
        return new ProbeRequest(b);
    }

    /** The unique ids this request is limited to; empty: every probe found. */
    public Set<String> only() {
        return only;
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.probes = probes;
        b.evals = evals;
        b.catalog = catalog;
        b.baseDir = baseDir;
        b.parameters.putAll(parameters); // cassette and history already resolved in here
        b.apiKey = apiKey;
        b.history = history;
        b.reportsDirectory = reportsDirectory;
        b.allureResultsDirectory = allureResultsDirectory;
        b.failOnAborted = failOnAborted;
        b.failOnSilentChange = failOnSilentChange;
        b.silentChangeAlpha = silentChangeAlpha;
        b.silentChangeBaselineRuns = silentChangeBaselineRuns;
        b.classLoader = classLoader;
        b.only = only;
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code path} against {@link #baseDir()} unless absolute. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }

    /** Probe folders, files or {@code classpath:} locations, stripped, blanks dropped. */
    public List<String> probes() {
        return probes;
    }

    /** Eval-suite folders or files ({@code *.eval.yaml}, ...), run like probes; stripped, blanks dropped. */
    public List<String> evals() {
        return evals;
    }

    /** Whether the built-in catalog runs too (by default only when no probes and no eval cases are given). */
    public boolean catalog() {
        return catalog;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** The engine's configuration parameters, cassette and history paths resolved. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Whether the engine answers from the cassette only ({@link Constants#MODE} replay, or unset with a cassette): no key needed. */
    public boolean replays() {
        String mode = parameters.get(Constants.MODE);
        return mode == null ? parameters.containsKey(Constants.CASSETTE) : "replay".equalsIgnoreCase(mode.strip());
    }

    /** A key handed to the engine in-process (never a configuration parameter); empty: keys come from the environment. */
    public Optional<ApiKey> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    public Optional<Path> history() {
        return Optional.ofNullable(history);
    }

    public Path reportsDirectory() {
        return reportsDirectory;
    }

    /** Where Allure results go; empty: no Allure results. */
    public Optional<Path> allureResultsDirectory() {
        return Optional.ofNullable(allureResultsDirectory);
    }

    public boolean failOnAborted() {
        return failOnAborted;
    }

    public boolean failOnSilentChange() {
        return failOnSilentChange;
    }

    public double silentChangeAlpha() {
        return silentChangeAlpha;
    }

    public int silentChangeBaselineRuns() {
        return silentChangeBaselineRuns;
    }

    /** Where the engine finds probe resources, cassettes and check plug-ins. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Builds a {@link ProbeRequest}; blank values count as unset. */
    public static final class Builder {
        private List<String> probes = List.of();
        private List<String> evals = List.of();
        private Boolean catalog;
        private Path baseDir = Path.of("");
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private String cassette;
        private ApiKey apiKey;
        private Path history;
        private Path reportsDirectory = Path.of("target/llmmon/probe-reports");
        private Path allureResultsDirectory;
        private boolean failOnAborted = true;
        private boolean failOnSilentChange = true;
        private double silentChangeAlpha = 0.01;
        private int silentChangeBaselineRuns = 10;
        private ClassLoader classLoader;
        private Set<String> only = Set.of();

        private Builder() {
        }

        /** Probe folders or files; {@code classpath:com/acme/probes} names a package, {@code classpath:x/y.yaml} a resource. */
        public Builder probes(List<String> locations) {
            this.probes = locations == null ? List.of() : List.copyOf(locations);
            return this;
        }

        /**
         * Eval-suite folders or files ({@code *.eval.yaml}, {@code *.eval.jsonl}, ...) run with the probes;
         * {@code classpath:evals/support-chat} names a package.
         */
        public Builder evals(List<String> locations) {
            this.evals = locations == null ? List.of() : List.copyOf(locations);
            return this;
        }

        /** Also run the built-in catalog; {@code null}: only when no probes and no eval cases are given. */
        public Builder catalog(Boolean includeCatalog) {
            this.catalog = includeCatalog;
            return this;
        }

        /** The folder relative paths are resolved against; default the current one. */
        public Builder baseDir(Path dir) {
            this.baseDir = Objects.requireNonNull(dir, "baseDir");
            return this;
        }

        /** One engine configuration parameter (a {@link Constants} key), stripped; blank values are ignored. */
        public Builder parameter(String key, String value) {
            if (value != null && !value.isBlank()) {
                parameters.put(key, value.strip());
            }
            return this;
        }

        /** Engine configuration parameters passed as they are. */
        public Builder parameters(Map<String, String> values) {
            if (values != null) {
                parameters.putAll(values);
            }
            return this;
        }

        public Builder model(String model) {
            return parameter(Constants.MODEL, model);
        }

        public Builder provider(String provider) {
            return parameter(Constants.PROVIDER, provider);
        }

        public Builder baseUrl(String url) {
            return parameter(Constants.BASE_URL, url);
        }

        /** {@code live}, {@code record} or {@code replay}; unset: replay with a cassette, else live. */
        public Builder mode(String mode) {
            return parameter(Constants.MODE, mode);
        }

        /** Cassette file (relative to {@link #baseDir}) or {@code classpath:} resource (replay only). */
        public Builder cassette(String cassette) {
            this.cassette = cassette == null || cassette.isBlank() ? null : cassette.strip();
            return this;
        }

        public Builder apiKey(ApiKey key) {
            this.apiKey = key;
            return this;
        }

        /** Behaviour-fingerprint history, appended by the engine and compared for silent model changes. */
        public Builder history(Path file) {
            this.history = file;
            return this;
        }

        /** Where the Surefire-compatible XML goes. */
        public Builder reportsDirectory(Path dir) {
            this.reportsDirectory = dir;
            return this;
        }

        /** Where Allure results go; {@code null}: none are written. */
        public Builder allureResultsDirectory(Path dir) {
            this.allureResultsDirectory = dir;
            return this;
        }

        public Builder failOnAborted(boolean fail) {
            this.failOnAborted = fail;
            return this;
        }

        public Builder failOnSilentChange(boolean fail) {
            this.failOnSilentChange = fail;
            return this;
        }

        /** Significance level of each silent-change test. */
        public Builder silentChangeAlpha(double alpha) {
            this.silentChangeAlpha = alpha;
            return this;
        }

        /** How many earlier runs form the silent-change baseline. */
        public Builder silentChangeBaselineRuns(int runs) {
            this.silentChangeBaselineRuns = runs;
            return this;
        }

        /** Where the engine finds probe resources, cassettes and check plug-ins; default the launcher's loader. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        public ProbeRequest build() {
            return new ProbeRequest(this);
        }
    }
}
