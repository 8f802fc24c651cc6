package dev.llmmon.probes.history;

import dev.llmmon.probes.spi.CheckResult;
import dev.llmmon.probes.check.JsonText;
import dev.llmmon.probes.check.Refusals;
import dev.llmmon.probes.run.Attempt;
import dev.llmmon.probes.run.ProbeResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one probe behaved in one run on one model: one line of the history file.
 *
 * @param runId              the run it belongs to
 * @param timestamp          when the probe finished
 * @param file               probe file (resource name or path)
 * @param probeId            declared probe id
 * @param model              model that was asked
 * @param repeats            calls made
 * @param passes             calls that passed every check
 * @param errors             calls that failed outright
 * @param checks             per check name: passed / failed / skipped counts
 * @param outputLengths      answer length in characters, per successful call
 * @param jsonValid          per successful call, whether the whole answer parses as JSON (no fences)
 * @param refusals           per successful call, whether it was a refusal
 * @param systemFingerprints provider build ids seen ({@code system_fingerprint}), {@code null}s dropped
 * @param answeringModels    model names the provider reported
 */
public record BehaviourFingerprint(String runId, Instant timestamp, String file, String probeId, String model,
                                   int repeats, int passes, int errors, Map<String, CheckCounts> checks,
                                   List<Integer> outputLengths, List<Boolean> jsonValid, List<Boolean> refusals,
                                   List<String> systemFingerprints, List<String> answeringModels,
                                   List<Float> outputEmbedding) {

    public record CheckCounts(int passed, int failed, int skipped) {
    }

    public BehaviourFingerprint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(probeId, "probeId");
        Objects.requireNonNull(model, "model");
        checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        outputLengths = List.copyOf(outputLengths);
        jsonValid = List.copyOf(jsonValid);
        refusals = List.copyOf(refusals);
        systemFingerprints = List.copyOf(systemFingerprints);
        answeringModels = List.copyOf(answeringModels);
        // histories written before embeddings were recorded have none
        outputEmbedding = outputEmbedding == null ? List.of() : List.copyOf(outputEmbedding);
    }

    /**
     * The same fingerprint with the unit-length mean of the run's output embeddings (one vector per run keeps the
     * history small; the detector compares it with the baseline runs' centroid).
     */
    public BehaviourFingerprint withOutputEmbeddings(List<float[]> embeddings) {
        if (embeddings.isEmpty()) {
            return this;
        }
        double[] mean = new double[embeddings.get(0).length];
        for (float[] e : embeddings) {
            double norm = 0;
            for (float v : e) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < mean.length && i < e.length; i++) {
                mean[i] += norm == 0 ? 0 : e[i] / norm;
            }
        }
        List<Float> unit = unit(mean);
        return new BehaviourFingerprint(runId, timestamp, file, probeId, model, repeats, passes, errors, checks,
                outputLengths, jsonValid, refusals, systemFingerprints, answeringModels, unit);
    }

    static List<Float> unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        List<Float> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add((float) (norm == 0 ? 0 : x / norm));
        }
        return out;
    }

    public static BehaviourFingerprint of(String runId, Instant timestamp, String file, ProbeResult result) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<Integer> lengths = new ArrayList<>();
        List<Boolean> json = new ArrayList<>();
        List<Boolean> refusals = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        List<String> models = new ArrayList<>();
        int errors = 0;
        for (Attempt a : result.attempts()) {
            if (a.response() == null) {
                errors++;
                continue;
            }
            String text = a.response().text() == null ? "" : a.response().text();
            lengths.add(text.codePointCount(0, text.length()));
            json.add(JsonText.parse(text, false).isPresent());
            refusals.add(Refusals.isRefusal(a.response()));
            if (a.response().systemFingerprint() != null && !fingerprints.contains(a.response().systemFingerprint())) {
                fingerprints.add(a.response().systemFingerprint());
            }
            if (a.response().model() != null && !models.contains(a.response().model())) {
                models.add(a.response().model());
            }
            a.checks().forEach((name, r) -> {
                int[] c = counts.computeIfAbsent(name, k -> new int[3]);
                c[r.status() == CheckResult.Status.PASSED ? 0 : r.status() == CheckResult.Status.FAILED ? 1 : 2]++;
            });
        }
        Map<String, CheckCounts> checks = new LinkedHashMap<>();
        counts.forEach((k, c) -> checks.put(k, new CheckCounts(c[0], c[1], c[2])));
        return new BehaviourFingerprint(runId, timestamp, file, result.probe().id(), result.model(),
                result.attempts().size(), result.passRate().passes(), errors, checks, lengths, json, refusals,
                fingerprints, models, List.of());
    }

    static double share(List<Boolean> flags) {
        return flags.isEmpty() ? Double.NaN : flags.stream().filter(b -> b).count() / (double) flags.size();
    }
}
