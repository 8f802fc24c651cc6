package dev.llmmon.probes;

import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.spec.Probe;
import dev.llmmon.probes.spec.ProbeFile;
import dev.llmmon.probes.spec.ProbeFileException;
import org.junit.platform.commons.support.Resource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns selectors into probe files and probes. Classpath roots and packages are turned into classpath-resource
 * selectors by the resource-container resolver registered next to this one.
 */
final class ProbeSelectorResolver implements SelectorResolver {
    private final CheckRegistry checks;
    private final DiscoveryIssueReporter issues;
    private final UniqueId engineId;

    /** {@code engineId} is {@code [engine:llmmon]}, or longer when nested (a suite: {@code [engine:junit-platform-suite]/[suite:...]/[engine:llmmon]}). */
    ProbeSelectorResolver(CheckRegistry checks, DiscoveryIssueReporter issues, UniqueId engineId) {
        this.checks = checks;
        this.issues = issues;
        this.engineId = engineId;
    }

    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        String name = selector.getClasspathResourceName();
        if (!ProbeOrigin.isProbeFileName(name)) {
            return Resolution.unresolved();
        }
        Set<Resource> resources = selector.getClasspathResources();
        if (resources.isEmpty()) {
            return Resolution.unresolved();
        }
        URL url;
        try {
            url = resources.iterator().next().getUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resolveFile(ProbeOrigin.resource(name, url), context);
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        if (!ProbeOrigin.isProbeFileName(selector.getRawPath())) {
            return Resolution.unresolved();
        }
        return resolveFile(ProbeOrigin.file(selector.getPath()), context);
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        Path dir = selector.getPath();
        if (!Files.isDirectory(dir)) {
            return Resolution.unresolved();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            Set<DiscoverySelector> found = files.filter(Files::isRegularFile)
                    .filter(p -> ProbeOrigin.isProbeFileName(p.getFileName().toString()))
                    .sorted()
                    .map(p -> DiscoverySelectors.selectFile(p.toFile()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return found.isEmpty() ? Resolution.unresolved() : Resolution.selectors(found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list probe folder " + dir, e);
        }
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        if (!id.hasPrefix(engineId)) {
            return Resolution.unresolved();
        }
        int depth = id.getSegments().size() - engineId.getSegments().size();
        UniqueId.Segment last = id.getLastSegment();
        if (depth == 1) {
            // resolved to a match here (not to other selectors) so that a probe's id can reach its parent
            switch (last.getType()) {
                case ProbeOrigin.RESOURCE -> {
                    URL url = classLoader().getResource(last.getValue());
                    return url == null ? Resolution.unresolved() : resolveFile(ProbeOrigin.resource(last.getValue(), url), context);
                }
                case ProbeOrigin.FILE -> {
                    Path path = Path.of(last.getValue());
                    return Files.isRegularFile(path) ? resolveFile(ProbeOrigin.file(path), context) : Resolution.unresolved();
                }
                default -> {
                    return Resolution.unresolved();
                }
            }
        }
        if (depth == 2 && last.getType().equals(ProbeDescriptor.SEGMENT)) {
            Optional<ProbeDescriptor> probe = context.addToParent(
                    () -> DiscoverySelectors.selectUniqueId(id.removeLastSegment()),
                    parent -> parent instanceof ProbeFileDescriptor file ? probe(file, last.getValue()) : Optional.empty());
            return probe.map(p -> Resolution.match(Match.exact(p))).orElse(Resolution.unresolved());
        }
        return Resolution.unresolved();
    }

    private static ClassLoader classLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ProbeSelectorResolver.class.getClassLoader();
    }

    private Optional<ProbeDescriptor> probe(ProbeFileDescriptor file, String probeId) {
        for (Probe p : file.file().probes()) {
            if (p.id().equals(probeId)) {
                UniqueId uid = file.getUniqueId().append(ProbeDescriptor.SEGMENT, p.id());
                return Optional.of(new ProbeDescriptor(uid, p, file.origin()));
            }
        }
        return Optional.empty();
    }

    private Resolution resolveFile(ProbeOrigin origin, Context context) {
        ProbeFile file;
        try {
            file = origin.read(checks);
        } catch (ProbeFileException e) {
            issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.ERROR, e.getMessage())
                    .source(origin.source(e.line())));
            return Resolution.unresolved();
        }
        Optional<ProbeFileDescriptor> descriptor = context.addToParent(parent -> Optional.of(new ProbeFileDescriptor(
                parent.getUniqueId().append(origin.segmentType(), origin.name()), origin, file)));
        if (descriptor.isEmpty()) {
            return Resolution.unresolved();
        }
        ProbeFileDescriptor d = descriptor.get();
        return Resolution.match(Match.exact(d, () -> {
            Set<DiscoverySelector> children = new LinkedHashSet<>();
            for (Probe p : file.probes()) {
                children.add(DiscoverySelectors.selectUniqueId(d.getUniqueId().append(ProbeDescriptor.SEGMENT, p.id())));
            }
            return children;
        }));
    }
}
