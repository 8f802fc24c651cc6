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
 * @param outputEmbedding    unit-length mean of the outputs' embeddings, empty without an embedder
 * @param mode               how the answers were obtained: {@code live}, {@code record} (live, and written to the
 *                           cassette) or {@code replay}; {@code null} in lines written before the mode was recorded
 * @param endpoint           where live answers came from ({@code provider baseUrl}), or {@code cassette <location>}
 *                           for a replay; {@code null} in older lines
 */
public record BehaviourFingerprint(String runId, Instant timestamp, String file, String probeId, String model,
                                   int repeats, int passes, int errors, Map<String, CheckCounts> checks,
                                   List<Integer> outputLengths, List<Boolean> jsonValid, List<Boolean> refusals,
                                   List<String> systemFingerprints, List<String> answeringModels,
                                   List<Float> outputEmbedding, String mode, String endpoint) {

    public record CheckCounts(int passed, int failed, int skipped) {
    }

    /** A fingerprint of unknown mode and endpoint (as lines written before they were recorded). */
    public BehaviourFingerprint(String runId, Instant timestamp, String file, String probeId, String model,
                                int repeats, int passes, int errors, Map<String, CheckCounts> checks,
                                List<Integer> outputLengths, List<Boolean> jsonValid, List<Boolean> refusals,
                                List<String> systemFingerprints, List<String> answeringModels,
                                List<Float> outputEmbedding) {
        this(runId, timestamp, file, probeId, model, repeats, passes, errors, checks, outputLengths, jsonValid,
                refusals, systemFingerprints, answeringModels, outputEmbedding, null, null);
    }

    /** The same fingerprint saying how its answers were obtained ({@link #mode}, {@link #endpoint}). */
    public BehaviourFingerprint withSource(String mode, String endpoint) {
        return new BehaviourFingerprint(runId, timestamp, file, probeId, model, repeats, passes, errors, checks,
                outputLengths, jsonValid, refusals, systemFingerprints, answeringModels, outputEmbedding, mode, endpoint);
    }

    /**
     * No call got an answer (every one failed, e.g. HTTP 500 after retries): the endpoint was unavailable, which says
     * nothing about the model's behaviour, so such a run is never compared nor part of a baseline.
     */
    public boolean unavailable() {
        return repeats > 0 && errors >= repeats;
    }

    /** Calls that got an answer: the denominator of behaviour rates (a failed call is the endpoint's, not the model's). */
    public int answered() {
        return Math.max(0, repeats - errors);
    }

    /**
     * What this run can be compared with: runs of the same probe and model obtained the same way. Replays are compared
     * with replays (whichever cassette: a re-recorded cassette that behaves differently is a finding), live and record
     * runs with live and record runs against the same endpoint; lines of unknown mode only with each other.
     */
    public String comparisonKey() {
        String how = mode == null ? "unrecorded" : mode.equals("replay") ? "replay" : "live " + endpoint;
        return probeId + "\u0000" + model + "\u0000" + how;
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
                outputLengths, jsonValid, refusals, systemFingerprints, answeringModels, unit, mode, endpoint);
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
