package dev.llmmon.probes.run;

import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.ModelClient;
import dev.llmmon.client.ModelClientException;
import dev.llmmon.probes.spi.Check;
import dev.llmmon.probes.spi.CheckContext;
import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.spi.CheckResult;
import dev.llmmon.probes.spi.Observation;
import dev.llmmon.probes.spec.CheckSpec;
import dev.llmmon.probes.spec.Probe;
import dev.llmmon.redact.Redactor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a probe {@code repeat} times and applies its checks to every answer. A failed call is a failed attempt (the
 * endpoint is part of what a canary watches); a {@link CassetteMissException}, from the model, judge or embedder, is
 * not an attempt and propagates.
 */
public final class ProbeRunner {
    private final ModelClient client;
    private final CheckRegistry checks;
    private final CheckContext context;

    public ProbeRunner(ModelClient client, CheckRegistry checks, CheckContext context) {
        this.client = client;
        this.checks = checks;
        this.context = context;
    }

    public ProbeResult run(Probe probe) {
        ChatRequest request = probe.request();
        if (request.model() == null) {
            request = request.withModel(client.model());
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < probe.repeat(); i++) {
            ChatResponse response;
            try {
                response = client.send(request);
            } catch (ModelClientException e) {
                attempts.add(new Attempt(i, null, redact(e.getMessage()), Map.of()));
                continue;
            }
            attempts.add(new Attempt(i, response, null, evaluate(probe, new Observation(request, response))));
        }
        return new ProbeResult(probe, request.model(), attempts);
    }

    private Map<String, CheckResult> evaluate(Probe probe, Observation observation) {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        for (CheckSpec spec : probe.checks()) {
            Check check = checks.find(spec.type()).orElseThrow(() ->
                    new IllegalStateException("check type " + spec.type() + " vanished from the registry"));
            CheckResult r;
            try {
                r = check.evaluate(spec.config(), observation, context);
            } catch (CassetteMissException e) {
                throw e; // a judge or embedding call missing from the cassette: the cassette is out of date
            } catch (RuntimeException e) {
                // a broken user check fails its answer loudly instead of ending the run
                r = CheckResult.fail(check.getClass().getName() + " threw " + e);
            }
            // details quote the answer (and may quote the input): redacted here, before any report sees them
            results.put(spec.name(), new CheckResult(r.status(), redact(r.detail()), r.value()));
        }
        return results;
    }

    private static String redact(String text) {
        return text == null ? null : Redactor.standard().redact(text).text();
    }
}
