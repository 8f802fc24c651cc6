package dev.llmmon.probes;

import dev.llmmon.probes.run.ProbeResult;
import dev.llmmon.probes.spec.Probe;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One probe: a test that calls the model {@code repeat} times and fails below {@code min_pass_rate}. */
final class ProbeDescriptor extends AbstractTestDescriptor implements Node<LlmmonExecutionContext> {
    static final String SEGMENT = "probe";
    private final Probe probe;
    private final ProbeOrigin origin;

    ProbeDescriptor(UniqueId uniqueId, Probe probe, ProbeOrigin origin) {
        super(uniqueId, probe.id(), origin.source(probe.line()));
        this.probe = probe;
        this.origin = origin;
    }

    Probe probe() {
        return probe;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return probe.tags().stream().filter(TestTag::isValid).map(TestTag::create).collect(Collectors.toSet());
    }

    @Override
    public LlmmonExecutionContext execute(LlmmonExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        ProbeResult result = context.session().run(probe, origin.name());
        context.listener().reportingEntryPublished(this, ReportEntry.from(entries(result, context.session().mode())));
        AllureSupport.report(probe, result);
        if (!result.passed()) {
            throw new AssertionFailedError(result.describe());
        }
        if (result.nothingChecked()) {
            throw new TestAbortedException("every check was skipped: " + result.attempts().get(0).checks().values()
                    .stream().map(c -> c.detail()).distinct().collect(Collectors.joining("; ")));
        }
        return context;
    }

    static Map<String, String> entries(ProbeResult r, String mode) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("llmmon.model", String.valueOf(r.model()));
        m.put("llmmon.mode", mode);
        m.put("llmmon.passRate", r.passRate().toString());
        m.put("llmmon.minPassRate", String.format(Locale.ROOT, "%.2f", r.probe().minPassRate()));
        // machine-readable counts for ProbeRunSummary (the gate pairs them across two models)
        m.put("llmmon.passes", Integer.toString(r.passRate().passes()));
        m.put("llmmon.runs", Integer.toString(r.passRate().trials()));
        r.meanRubricScore().ifPresent(s -> m.put("llmmon.score.mean", Double.toString(s)));
        double latency = r.meanLatencyMs();
        m.put("llmmon.latencyMs.mean", Double.isNaN(latency) ? "n/a" : String.format(Locale.ROOT, "%.0f", latency));
        m.put("llmmon.tokens.input", Long.toString(r.inputTokens()));
        m.put("llmmon.tokens.output", Long.toString(r.outputTokens()));
        if (r.unavailable()) {
            // every call failed: an outage, reported as such and kept out of the silent-change comparison
            m.put("llmmon.unavailable", "true");
        }
        return m;
    }
}
