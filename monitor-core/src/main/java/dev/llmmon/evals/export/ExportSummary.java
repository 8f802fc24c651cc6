package dev.llmmon.evals.export;

import dev.llmmon.evals.EvalCase;
import dev.llmmon.redact.PiiKind;
import dev.llmmon.redact.Redactor;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The export's Markdown summary, written to paste into a pull request's description. Only redacted text. */
final class ExportSummary {
    private static final int PREVIEW_CHARS = 90;

    record Row(EvalCase evalCase, String file, Map<PiiKind, Integer> replaced) {
    }

    private ExportSummary() {
    }

    static String markdown(ExportConfig config, ExportResult r, List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("## Eval cases from flagged production answers\n\n");
        s.append(String.format(Locale.ROOT, "%d new case(s) from %d selected judgement(s) (%s) of %d in `%s`; %d"
                        + " request(s) read. Inputs and answers are redacted (values are never shown); near-duplicates"
                        + " merged at MinHash Jaccard >= %.2f; at most %d case(s) per feature.%n%n",
                r.written().size(), r.selected(), config.selection().byScore() ? "by score" : "flagged", r.judgements(),
                config.judgements().getFileName(), r.records(), config.nearDuplicate(), config.maxPerFeature()));
        s.append("| feature | selected | new | merged duplicates | already in suite | over cap | no request text |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ExportResult.FeatureCounts f : r.features()) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", f.feature(), f.selected(),
                    f.written(), f.merged(), f.alreadyInSuite(), f.overCap(), f.missingText()));
        }
        if (!rows.isEmpty()) {
            s.append("\n### New cases\n\n");
            s.append("| case | input | flagged because | sources | redacted |\n|---|---|---|---:|---|\n");
            for (Row row : rows) {
                EvalCase c = row.evalCase();
                s.append("| [`").append(c.id()).append("`](").append(row.file()).append(") | ")
                        .append(cell(Redactor.truncate(c.input(), PREVIEW_CHARS))).append(" | ")
                        .append(cell(c.provenance() == null || c.provenance().flagReason() == null ? ""
                                : c.provenance().flagReason()))
                        .append(" | ").append(c.sources().size()).append(" | ").append(counts(row.replaced()))
                        .append(" |\n");
            }
        }
        Map<PiiKind, Integer> totals = new EnumMap<>(PiiKind.class);
        rows.forEach(row -> row.replaced().forEach((k, v) -> totals.merge(k, v, Integer::sum)));
        s.append("\nRedactions: ").append(totals.isEmpty() ? "none" : counts(totals))
                .append(" (per case in `").append(ExportConfig.REDACTIONS_FILE).append("`).\n");
        if (!r.warnings().isEmpty()) {
            s.append("\n### Warnings\n\n");
            r.warnings().forEach(w -> s.append("- ").append(cell(w)).append('\n'));
        }
        s.append("\nReview each file before merging: keep the checks that say what a good answer does, drop cases that"
                + " are not worth a test.\n");
        return s.toString();
    }

    private static String counts(Map<PiiKind, Integer> m) {
        return m.isEmpty() ? "-" : m.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s+", " ").strip();
    }
}
