package dev.llmmon.probes;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/** What nodes share during execution; the session exists once the engine descriptor's {@code before} ran. */
final class LlmmonExecutionContext implements EngineExecutionContext {
    private final EngineExecutionListener listener;
    private final ProbeSession session;

    LlmmonExecutionContext(EngineExecutionListener listener, ProbeSession session) {
        this.listener = listener;
        this.session = session;
    }

    EngineExecutionListener listener() {
        return listener;
    }

    ProbeSession session() {
        if (session == null) {
            throw new IllegalStateException("no probe session: the engine descriptor did not run");
        }
        return session;
    }

    LlmmonExecutionContext withSession(ProbeSession s) {
        return new LlmmonExecutionContext(listener, s);
    }
}
