package dev.llmmon.probes;

import dev.llmmon.probes.check.CheckRegistry;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.util.Optional;

/** The engine's root; opens the probe session (clients, cassette, history) before the first file. */
final class LlmmonEngineDescriptor extends EngineDescriptor implements Node<LlmmonExecutionContext> {
    private final LlmmonConfiguration configuration;
    private final CheckRegistry checks;
    private final TestSource source;

    LlmmonEngineDescriptor(UniqueId uniqueId, LlmmonConfiguration configuration, CheckRegistry checks, TestSource source) {
        super(uniqueId, "llmmon probes");
        this.configuration = configuration;
        this.checks = checks;
        this.source = source;
    }

    LlmmonConfiguration configuration() {
        return configuration;
    }

    CheckRegistry checks() {
        return checks;
    }

    @Override
    public Optional<TestSource> getSource() {
        return Optional.ofNullable(source);
    }

    @Override
    public LlmmonExecutionContext before(LlmmonExecutionContext context) {
        if (getChildren().isEmpty()) {
            return context;
        }
        return context.withSession(new ProbeSession(configuration, checks));
    }

    @Override
    public void after(LlmmonExecutionContext context) throws Exception {
        if (!getChildren().isEmpty()) {
            context.session().close();
        }
    }
}
