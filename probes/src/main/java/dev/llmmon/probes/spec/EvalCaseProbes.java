package dev.llmmon.probes.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.evals.EvalCase;
import dev.llmmon.evals.EvalCaseFile;
import dev.llmmon.evals.EvalCheck;
import dev.llmmon.probes.check.CheckRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Eval cases run as probes: the same checks, the same runner, the same reports. A case becomes a probe with the
 * case id as its id (so the test is named by it), the feature as its feature, its tags, severity, {@code repeat} and
 * {@code min_pass_rate}; {@code reference: bad_output} in {@code similar}/{@code not-similar} is replaced by the
 * case's bad output. Each converted probe passes the probe schema and the check registry like a probe file's, so a
 * bad check setting is an error at the check's line.
 */
public final class EvalCaseProbes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EvalCaseProbes() {
    }

    /** The probes of an eval-case file, in file order. */
    public static ProbeFile toProbeFile(EvalCaseFile file, CheckRegistry checks) {
        ProbeFileReader reader = new ProbeFileReader(checks);
        List<Probe> probes = new ArrayList<>();
        for (EvalCase c : file.cases()) {
            probes.add(toProbe(c, file.name(), reader));
        }
        return new ProbeFile(file.name(), file.description(), file.tags(), probes);
    }

    static Probe toProbe(EvalCase c, String name, ProbeFileReader reader) {
        ObjectNode p = NODES.objectNode();
        p.put("id", c.id());
        if (c.description() != null) {
            p.put("description", c.description());
        }
        p.put("feature", c.featureId());
        if (c.cluster() != null) {
            p.put("cluster", c.cluster());
        }
        if (!c.tags().isEmpty()) {
            ArrayNode tags = p.putArray("tags");
            c.tags().forEach(tags::add);
        }
        if (c.severity() != null) {
            p.put("severity", c.severity());
        }
        p.put("input", c.input());
        if (c.system() != null) {
            p.put("system", c.system());
        }
        p.put("repeat", c.repeat());
        p.put("min_pass_rate", c.minPassRate());
        ArrayNode checks = p.putArray("checks");
        for (EvalCheck k : c.checks()) {
            ObjectNode config = k.config();
            if (k.referencesBadOutput()) {
                // the reader has made sure a case that references its bad output has one
                config.put("reference", c.badOutput());
            }
            checks.add(config);
        }
        // a check's own problem is reported at its line; the schema's (which sees a built node) at the case's
        for (EvalCheck k : c.checks()) {
            if (reader.checks().find(k.type()).isEmpty()) {
                throw new ProbeFileException(name, k.line(), "unknown check type '" + k.type() + "' in eval case "
                        + c.id() + "; known: " + String.join(", ", reader.checks().all().keySet()));
            }
        }
        return reader.probe(p, name, c.line());
    }
}
