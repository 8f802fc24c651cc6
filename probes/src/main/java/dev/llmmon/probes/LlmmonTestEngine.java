package dev.llmmon.probes;

import dev.llmmon.internal.Location;
import dev.llmmon.probes.check.CheckRegistry;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryFilter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryListener;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code llmmon} test engine: every probe file found through the request's selectors (classpath resource,
 * package, classpath root, file, directory, unique id) or the {@link Constants#PROBES_DIRS} folders becomes a
 * container, every probe in it a test. Surefire only passes class selectors to engines (SUREFIRE-1724), so under
 * Maven run the probes through a suite class:
 *
 * <pre>{@code
 * @Suite
 * @IncludeEngines("llmmon")
 * @SelectPackages("probes")              // src/test/resources/probes/*.yaml
 * @ConfigurationParameter(key = Constants.MODEL, value = "gpt-4o-mini")
 * @ConfigurationParameter(key = Constants.CASSETTE, value = "src/test/resources/probes.cassette.jsonl")
 * class ProbeSuiteTest {}
 * }</pre>
 */
public final class LlmmonTestEngine extends HierarchicalTestEngine<LlmmonExecutionContext> {

    private static final EngineDiscoveryRequestResolver<LlmmonEngineDescriptor> RESOLVER =
            EngineDiscoveryRequestResolver.<LlmmonEngineDescriptor>builder()
                    .addResourceContainerSelectorResolver(r -> ProbeOrigin.isProbeFileName(r.getName()))
                    .addSelectorResolver(ctx -> new ProbeSelectorResolver(ctx.getEngineDescriptor().checks(),
                            ctx.getIssueReporter(), ctx.getEngineDescriptor().getUniqueId()))
                    .addTestDescriptorVisitor(ctx -> TestDescriptor::prune)
                    .build();

    @Override
    public String getId() {
        return Constants.ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.llmmon");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("llmmon-probes");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        ConfigurationParameters parameters = request.getConfigurationParameters();
        LlmmonConfiguration configuration = LlmmonConfiguration.from(parameters);
        CheckRegistry checks = CheckRegistry.load(classLoader());
        LlmmonEngineDescriptor engine = new LlmmonEngineDescriptor(uniqueId, configuration, checks,
                engineSource(uniqueId, configuration));
        EngineDiscoveryRequest effective = configuration.probeDirs().isEmpty() ? request
                : new FolderRequest(request, configuration.probeDirs());
        RESOLVER.resolve(effective, engine);
        return engine;
    }

    /**
     * Maven counts only tests with a {@code ClassSource} somewhere above them. Under a {@code @Suite} the suite's own
     * descriptor has one; repeating it here would open a second Surefire test set of the same name whose empty
     * totals overwrite the report ({@code tests="0"}). With {@link Constants#PROBES_DIRS} and no suite, this
     * engine's class, as cucumber does.
     */
    private static TestSource engineSource(UniqueId uniqueId, LlmmonConfiguration configuration) {
        boolean nested = uniqueId.getSegments().size() > 1;
        return nested || configuration.probeDirs().isEmpty() ? null : ClassSource.from(LlmmonTestEngine.class);
    }

    private static ClassLoader classLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : LlmmonTestEngine.class.getClassLoader();
    }

    @Override
    protected LlmmonExecutionContext createExecutionContext(ExecutionRequest request) {
        return new LlmmonExecutionContext(request.getEngineExecutionListener(), null);
    }

    /** The request with its selectors replaced by the configured folders (or packages, for {@code classpath:}). */
    private static final class FolderRequest implements EngineDiscoveryRequest {
        private final EngineDiscoveryRequest delegate;
        private final List<DiscoverySelector> selectors = new ArrayList<>();

        FolderRequest(EngineDiscoveryRequest delegate, List<String> dirs) {
            this.delegate = delegate;
            for (String d : dirs) {
                Location location = Location.parse(d);
                selectors.add(location.onClasspath() ? DiscoverySelectors.selectPackage(location.packageName())
                        : DiscoverySelectors.selectDirectory(d));
            }
        }

        @Override
        public <T extends DiscoverySelector> List<T> getSelectorsByType(Class<T> type) {
            return selectors.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public <T extends DiscoveryFilter<?>> List<T> getFiltersByType(Class<T> type) {
            return delegate.getFiltersByType(type);
        }

        @Override
        public ConfigurationParameters getConfigurationParameters() {
            return delegate.getConfigurationParameters();
        }

        @Override
        public EngineDiscoveryListener getDiscoveryListener() {
            return delegate.getDiscoveryListener();
        }

        @Override
        public org.junit.platform.engine.reporting.OutputDirectoryProvider getOutputDirectoryProvider() {
            return delegate.getOutputDirectoryProvider();
        }
    }
}
