package dev.llmmon.evals.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.alert.sink.AlertJson;
import dev.llmmon.alert.sink.AlertsDocument;
import dev.llmmon.evals.EvalCase;
import dev.llmmon.evals.EvalCaseReader;
import dev.llmmon.evals.EvalCaseWriter;
import dev.llmmon.evals.EvalCheck;
import dev.llmmon.evals.Provenance;
import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.internal.AtomicFiles;
import dev.llmmon.internal.json.Json;
import dev.llmmon.judge.Judgement;
import dev.llmmon.judge.JudgementStatus;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.monitor.LogReaders;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.redact.PiiKind;
import dev.llmmon.redact.Redaction;
import dev.llmmon.redact.Scope;
import dev.llmmon.triage.ReviewBundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The export job ({@code llmmon:export-evals} binds its parameters and calls {@link #run}): selected judgements
 * joined with their requests' text, redacted first (one {@link Scope} per case: input and bad output share their
 * placeholders), then de-duplicated and written as one {@code .eval.yaml} per case.
 *
 * <p>Idempotent: a case's id is {@code ev-<feature>-<12 hex of SHA-256 of the redacted input>}, and a request
 * whose id, or whose input's MinHash estimate ({@link ExportConfig#nearDuplicate}), matches a case already in the
 * feature's folder adds nothing; so exporting twice writes nothing the second time, and cases a reviewer edited or
 * deleted are never rewritten. Within one export, duplicates merge into the first (worst-scored) case, listed under
 * {@code duplicates}.
 */
public final class EvalExport {
    static final int ID_HEX = 12;
    private static final MinHash MINHASH = new MinHash(128, 0x5EED_E7A1L);
    private static final int MAX_EXAMPLES = 5;

    private EvalExport() {
    }

    public static ExportResult run(ExportConfig config) throws IOException {
        JudgementStore.Loaded loaded = JudgementStore.read(config.judgements());
        List<Judgement> all = loaded.latest().stream().filter(j -> j.status() == JudgementStatus.OK).toList();
        AlertWindow alert = config.selection().alertId() == null ? null : AlertWindow.of(config.selection());
        List<String> bundleNotes = new ArrayList<>();
        Set<String> real = config.selection().bundle() == null ? null : realCases(config.selection().bundle(), all,
                bundleNotes);
        List<Judgement> selected = all.stream().filter(j -> real == null ? selects(config.selection(), alert, j)
                : real.contains(j.requestId()) && selects(config.selection().withoutScoreOrFlag(), alert, j)).toList();

        Map<String, RequestRecord> byId = new ConcurrentHashMap<>();
        Set<String> wanted = new HashSet<>();
        selected.forEach(j -> wanted.add(j.requestId()));
        Rejections rejections = Rejections.of(false);
        Ingest.Stats stats = LogReaders.scan(config.logs(), true, r -> {
            if (wanted.contains(r.requestId())) {
                byId.put(r.requestId(), r);
            }
        }, rejections);

        Map<String, List<Judgement>> byFeature = new TreeMap<>();
        for (Judgement j : selected) {
            byFeature.computeIfAbsent(feature(j, byId), k -> new ArrayList<>()).add(j);
        }
        List<ExportResult.FeatureCounts> counts = new ArrayList<>();
        List<Built> written = new ArrayList<>();
        List<String> warnings = new ArrayList<>(bundleNotes);
        for (var e : byFeature.entrySet()) {
            counts.add(exportFeature(config, e.getKey(), e.getValue(), byId, written, warnings));
        }
        if (rejections.total() > 0) {
            warnings.add("rejected " + rejections.total() + " log line(s), e.g. " + rejections.examples().get(0));
        }
        if (loaded.badLines() > 0) {
            warnings.add(loaded.badLines() + " unreadable line(s) in " + config.judgements() + " skipped");
        }
        for (Built b : written) {
            EvalCaseWriter.write(b.file, b.evalCase);
        }
        Path summary = config.reportDir().resolve(ExportConfig.SUMMARY_FILE);
        Path redactions = config.reportDir().resolve(ExportConfig.REDACTIONS_FILE);
        ExportResult result = new ExportResult(counts, written.stream().map(b -> b.evalCase).toList(), all.size(),
                selected.size(), stats.records(), rejections.total(), summary, redactions, warnings);
        AtomicFiles.write(redactions, redactionReport(config, written).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(summary, ExportSummary.markdown(config, result, written.stream()
                .map(b -> new ExportSummary.Row(b.evalCase, config.suiteDir().relativize(b.file).toString(), b.counts))
                .toList()).getBytes(StandardCharsets.UTF_8));
        return result;
    }

    /** A new case, where it goes, its MinHash signature and what its redaction replaced. */
    private static final class Built {
        EvalCase evalCase;
        final Path file;
        final long[] signature;
        final Map<PiiKind, Integer> counts;

        Built(EvalCase c, Path file, long[] signature, Map<PiiKind, Integer> counts) {
            this.evalCase = c;
            this.file = file;
            this.signature = signature;
            this.counts = counts;
        }
    }

    private static ExportResult.FeatureCounts exportFeature(ExportConfig config, String feature, List<Judgement> judged,
                                                            Map<String, RequestRecord> byId, List<Built> out,
                                                            List<String> warnings) throws IOException {
        Path dir = config.suiteDir().resolve(slug(feature));
        Map<String, long[]> existing = existing(dir);
        // the worst answers first: they take the cap's places and are the representative of their duplicates
        List<Judgement> ordered = new ArrayList<>(judged);
        ordered.sort(Comparator.comparing((Judgement j) -> j.qualityScore() == null ? Double.MAX_VALUE : j.qualityScore())
                .thenComparing(j -> j.requestTimestamp() == null ? Instant.MAX : j.requestTimestamp())
                .thenComparing(Judgement::requestId));
        Map<String, Built> fresh = new LinkedHashMap<>();
        int merged = 0;
        int already = 0;
        int overCap = 0;
        List<String> missing = new ArrayList<>();
        for (Judgement j : ordered) {
            RequestRecord r = byId.get(j.requestId());
            if (r == null || r.userInput() == null || r.userInput().isBlank()) {
                missing.add(j.requestId());
                continue;
            }
            Scope scope = config.redactor().scope();
            Redaction input = scope.redact(r.userInput());
            Redaction output = r.output() == null ? null : scope.redact(r.output());
            String id = caseId(feature, input.text());
            Provenance source = provenance(j, r);
            if (existing.containsKey(id)) {
                already++;
                continue;
            }
            long[] sig = MINHASH.signature(input.text());
            if (existing.values().stream().anyMatch(s -> MinHash.similarity(s, sig) >= config.nearDuplicate())) {
                already++;
                continue;
            }
            Built same = fresh.get(id);
            if (same == null) {
                same = fresh.values().stream().filter(b -> MinHash.similarity(b.signature, sig) >= config.nearDuplicate())
                        .findFirst().orElse(null);
            }
            if (same != null) {
                same.evalCase = same.evalCase.withDuplicates(List.of(source));
                merged++;
                continue;
            }
            if (existing.size() + fresh.size() >= config.maxPerFeature()) {
                overCap++;
                continue;
            }
            EvalCase c = new EvalCase(id, feature, "Exported from a flagged production answer"
                    + (j.flagReason() == null ? "" : " (" + j.flagReason() + ")") + "; review before merging.",
                    input.text(), null, output == null ? null : output.text(), source, List.of(), null,
                    Set.of("exported"), null, config.repeat(), config.minPassRate(), checks(config, j, output != null), 0);
            Map<PiiKind, Integer> replaced = new EnumMap<>(PiiKind.class);
            replaced.putAll(scope.counts());
            fresh.put(id, new Built(c, dir.resolve(id + ".eval.yaml"), sig, replaced));
        }
        if (!missing.isEmpty()) {
            warnings.add(feature + ": " + missing.size() + " selected judgement(s) have no request text in the logs, e.g. "
                    + String.join(", ", missing.subList(0, Math.min(MAX_EXAMPLES, missing.size()))));
        }
        if (overCap > 0) {
            warnings.add(feature + ": the folder holds its cap of " + config.maxPerFeature() + " case(s); " + overCap
                    + " selected request(s) left out (llmmon.evals.maxPerFeature)");
        }
        out.addAll(fresh.values());
        return new ExportResult.FeatureCounts(feature, judged.size(), fresh.size(), merged, already, overCap, missing.size());
    }

    /** The cases already in a feature's folder, by id, with their inputs' signatures; a bad file stops the export. */
    private static Map<String, long[]> existing(Path dir) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> EvalCaseReader.isEvalCaseFile(p.getFileName().toString()))
                    .sorted().toList();
        }
        for (Path f : files) {
            for (EvalCase c : EvalCaseReader.read(f).cases()) {
                out.put(c.id(), MINHASH.signature(c.input()));
            }
        }
        return out;
    }

    /** A rubric check per dimension scored 2 or less (at least the lowest), and not-similar to the bad answer. */
    private static List<EvalCheck> checks(ExportConfig config, Judgement j, boolean hasBadOutput) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<Map.Entry<String, Integer>> dims = j.dimensions().entrySet().stream()
                .filter(e -> e.getKey().matches("[a-z][a-z0-9_]*"))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<EvalCheck> checks = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            if (i == 0 || dims.get(i).getValue() <= 2) {
                checks.add(EvalCheck.of("rubric", f.objectNode().put("dimension", dims.get(i).getKey())
                        .put("min_score", config.minScore())));
            }
        }
        if (hasBadOutput) {
            checks.add(EvalCheck.of("not-similar", f.objectNode().put("reference", EvalCheck.BAD_OUTPUT_REFERENCE)
                    .put("max_cosine", config.maxCosine())));
        }
        if (checks.isEmpty()) {
            checks.add(EvalCheck.of("not-refusal", f.objectNode()));
        }
        return checks;
    }

    private static Provenance provenance(Judgement j, RequestRecord r) {
        return new Provenance(j.requestId(), j.modelId() != null ? j.modelId() : r.modelId(),
                j.requestTimestamp() != null ? j.requestTimestamp() : r.timestamp(), j.flagReason(), j.qualityScore(),
                j.dimensions(), j.judgedAt(), j.judgeModel(), j.rubricVersion());
    }

    private static String feature(Judgement j, Map<String, RequestRecord> byId) {
        if (j.featureId() != null) {
            return j.featureId();
        }
        RequestRecord r = byId.get(j.requestId());
        return r == null ? "unknown" : r.featureId();
    }

    static boolean selects(Selection s, AlertWindow alert, Judgement j) {
        if (s.byScore()) {
            Double score = s.dimension() == null ? j.qualityScore()
                    : j.dimensions().containsKey(s.dimension()) ? Double.valueOf(j.dimensions().get(s.dimension())) : null;
            if (score == null || score > s.maxScore()) {
                return false;
            }
        } else if (s.bundle() == null && !j.flagged()) {
            return false;
        }
        if (!s.features().isEmpty() && !s.features().contains(j.featureId())) {
            return false;
        }
        Instant at = j.requestTimestamp();
        if ((s.from() != null || s.to() != null || alert != null) && at == null) {
            return false;
        }
        if (s.from() != null && at.isBefore(s.from()) || s.to() != null && !at.isBefore(s.to())) {
            return false;
        }
        return alert == null || alert.contains(j.featureId(), j.modelId(), at);
    }

    /** The requests a triage bundle's reviewer marked real; the review's counts and real cases without a judgement noted. */
    private static Set<String> realCases(Path bundle, List<Judgement> okJudgements, List<String> notes) throws IOException {
        ReviewBundle b = ReviewBundle.read(bundle);
        Set<String> real = b.realRequestIds();
        notes.add("bundle " + bundle.getFileName() + ": " + b.describeReview());
        Set<String> judged = new HashSet<>();
        okJudgements.forEach(j -> judged.add(j.requestId()));
        List<String> unjudged = real.stream().filter(id -> !judged.contains(id)).toList();
        if (!unjudged.isEmpty()) {
            notes.add(unjudged.size() + " real case(s) of the bundle have no ok judgement and are not exported, e.g. "
                    + String.join(", ", unjudged.subList(0, Math.min(MAX_EXAMPLES, unjudged.size()))));
        }
        return real;
    }

    /** An alert's feature, model ({@code null} or {@code *}: any) and time span from {@code alerts.json}. */
    record AlertWindow(String feature, String model, Instant start, Instant end) {
        static AlertWindow of(Selection s) throws IOException {
            AlertsDocument doc = AlertJson.read(s.alertsFile());
            for (AlertsDocument.Entry e : doc.alerts()) {
                AlertsDocument.AlertFields a = e.alert();
                if (a.id().equals(s.alertId())) {
                    Instant end = a.windowEnd() != null ? a.windowEnd() : a.closedAt();
                    return new AlertWindow(a.feature(), a.model(), a.windowStart(), end);
                }
            }
            throw new IllegalArgumentException("alert " + s.alertId() + " is not in " + s.alertsFile() + " ("
                    + doc.alerts().size() + " alert(s); ids are the 'id' fields)");
        }

        boolean contains(String f, String m, Instant at) {
            return feature.equals(f) && (model == null || model.equals("*") || model.equals(m))
                    && !at.isBefore(start) && (end == null || !at.isAfter(end));
        }
    }

    /** {@code ev-<feature slug>-<12 hex of SHA-256 over the redacted input>}. */
    static String caseId(String feature, String redactedInput) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(redactedInput.getBytes(StandardCharsets.UTF_8));
            String slug = slug(feature);
            return "ev-" + (slug.length() > 60 ? slug.substring(0, 60) : slug) + "-"
                    + HexFormat.of().formatHex(d).substring(0, ID_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** A feature id as a folder and id part: lower case letters, digits, dots and dashes. */
    static String slug(String feature) {
        String s = feature.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|-+$", "");
        return s.isEmpty() ? "feature" : s;
    }

    private static String redactionReport(ExportConfig config, List<Built> written) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", 1);
        root.put("note", "replacements per case and kind; the replaced values are never stored");
        ArrayNode cases = root.putArray("cases");
        Map<PiiKind, Integer> totals = new EnumMap<>(PiiKind.class);
        for (Built b : written) {
            ObjectNode n = cases.addObject();
            n.put("id", b.evalCase.id());
            n.put("file", config.suiteDir().relativize(b.file).toString());
            n.put("request_id", b.evalCase.provenance().requestId());
            ObjectNode k = n.putObject("replacements");
            b.counts.forEach((kind, c) -> {
                k.put(kind.name(), c);
                totals.merge(kind, c, Integer::sum);
            });
        }
        ObjectNode t = root.putObject("totals");
        totals.forEach((kind, c) -> t.put(kind.name(), c));
        return Json.PRETTY.writeValueAsString(root) + "\n";
    }

}
