package dev.llmmon.probes;

import dev.llmmon.probes.spec.ProbeFile;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.util.Set;
import java.util.stream.Collectors;

/** One probe file: a container whose children are its probes. */
final class ProbeFileDescriptor extends AbstractTestDescriptor implements Node<LlmmonExecutionContext> {
    private final ProbeOrigin origin;
    private final ProbeFile file;

    ProbeFileDescriptor(UniqueId uniqueId, ProbeOrigin origin, ProbeFile file) {
        super(uniqueId, origin.fileName(), origin.source(0));
        this.origin = origin;
        this.file = file;
    }

    ProbeOrigin origin() {
        return origin;
    }

    ProbeFile file() {
        return file;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return file.tags().stream().filter(TestTag::isValid).map(TestTag::create).collect(Collectors.toSet());
    }
}
