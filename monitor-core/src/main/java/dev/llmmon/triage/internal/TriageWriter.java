package dev.llmmon.triage.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.internal.json.Json;
import dev.llmmon.triage.Isolation;
import dev.llmmon.triage.ReviewBundle;
import dev.llmmon.triage.ReviewVerdict;
import dev.llmmon.triage.ScopeResult;
import dev.llmmon.triage.ScopedSlice;
import dev.llmmon.triage.TriageResult;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code triage.json} (field names fixed here) and {@code triage.md}. Neither holds production text. */
final class TriageWriter {
    static final int VERSION = 1;

    private TriageWriter() {
    }

    static String json(TriageResult r) throws JsonProcessingException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", VERSION);
        root.put("alert_id", r.alertId());
        root.put("feature", r.feature());
        root.put("model", r.model());
        root.put("metric", r.metric());
        root.put("bad_outcome", r.outcome());
        root.put("window_start", str(r.windowStart()));
        root.put("window_end", str(r.windowEnd()));
        root.put("reference_start", str(r.referenceStart()));
        root.put("reference_end", str(r.referenceEnd()));

        ScopeResult s = r.scope();
        ObjectNode scope = root.putObject("scope");
        scope.put("summary", s.summary());
        scope.put("nothing_stands_out", s.nothingStandsOut());
        scope.put("slices_tested", s.slicesTested());
        scope.put("window_units", s.windowUnits());
        scope.put("window_bad", s.windowBad());
        scope.put("reference_units", s.referenceUnits());
        scope.put("reference_bad", s.referenceBad());
        s.dimensions().forEach(scope.putArray("dimensions")::add);
        s.skippedKeys().forEach(scope.putArray("skipped_keys")::add);
        slices(scope.putArray("explanation"), s.explanation());
        slices(scope.putArray("significant"), s.significant());

        Isolation i = r.isolation();
        ObjectNode iso = root.putObject("isolation");
        iso.put("change_point", str(i.changePoint()));
        iso.put("interval_low", str(i.low()));
        iso.put("interval_high", str(i.high()));
        num(iso, "rate_before", i.before());
        num(iso, "rate_after", i.after());
        iso.put("note", i.note());
        ArrayNode changes = iso.putArray("changes");
        for (Isolation.NearbyChange c : i.changes()) {
            ObjectNode n = changes.addObject();
            n.put("at", str(c.at()));
            n.put("kind", c.kind());
            n.put("source", c.source());
            n.put("description", c.description());
            num(n, "distance_windows", c.distanceWindows());
            num(n, "rate_before", c.before());
            n.put("units_before", c.beforeUnits());
            num(n, "rate_after", c.after());
            n.put("units_after", c.afterUnits());
            num(n, "p_value", c.pValue());
        }
        ArrayNode series = iso.putArray("series");
        for (Isolation.SeriesPoint p : i.series()) {
            series.addObject().put("window_start", str(p.windowStart())).put("units", p.units()).put("bad", p.bad());
        }

        ReviewBundle b = r.bundle();
        ObjectNode bundle = root.putObject("bundle");
        bundle.put("file", r.bundleFile().getFileName().toString());
        bundle.put("items", b.items().size());
        bundle.put("real", b.count(ReviewVerdict.REAL));
        bundle.put("false_positive", b.count(ReviewVerdict.FALSE_POSITIVE));
        bundle.put("unset", b.count(ReviewVerdict.UNSET));
        num(bundle, "false_positive_share", b.falsePositiveShare());
        r.commands().forEach(root.putArray("commands")::add);
        r.warnings().forEach(root.putArray("warnings")::add);
        return Json.PRETTY.writeValueAsString(root) + "\n";
    }

    private static void slices(ArrayNode out, List<ScopedSlice> slices) {
        for (ScopedSlice s : slices) {
            ObjectNode n = out.addObject();
            n.put("slice", s.label());
            ObjectNode d = n.putObject("dimensions");
            s.dimensions().forEach(d::put);
            n.put("window_units", s.windowUnits());
            n.put("window_bad", s.windowBad());
            n.put("reference_units", s.referenceUnits());
            n.put("reference_bad", s.referenceBad());
            n.put("reference_of", s.referenceOf());
            num(n, "window_rate", s.windowRate());
            num(n, "reference_rate", s.referenceRate());
            num(n, "risk_ratio", s.riskRatio());
            num(n, "risk_ratio_lower", s.riskRatioLower());
            num(n, "difference", s.difference());
            num(n, "p_value", s.pValue());
            num(n, "adjusted_p", s.adjustedP());
            num(n, "excess_share", s.excessShare());
        }
    }

    private static void num(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    static String markdown(TriageResult r) {
        StringBuilder md = new StringBuilder();
        md.append("## Triage: ").append(r.feature()).append(" / ").append(r.model()).append(", ").append(r.metric())
                .append(r.alertId() == null ? "" : " (alert " + r.alertId() + ")").append("\n\n");
        md.append("Window ").append(r.windowStart()).append(" .. ").append(r.windowEnd()).append(", reference ")
                .append(r.referenceStart()).append(" .. ").append(r.referenceEnd()).append(". Bad outcome: ")
                .append(r.outcome()).append(".\n\n");

        ScopeResult s = r.scope();
        md.append("### Scope\n\n**").append(s.nothingStandsOut() ? "Nothing stands out." : "Explained by:").append("** ")
                .append(s.summary()).append("\n\n");
        if (!s.significant().isEmpty()) {
            md.append("| slice | window | reference | risk ratio (95% lower) | difference | Holm p | share of excess |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|\n");
            s.significant().stream().limit(15).forEach(x -> md.append(String.format(Locale.ROOT,
                    "| %s | %d/%d (%.1f%%) | %d/%d (%.1f%%)%s | %.2f (%.2f) | %+.1f pt | %.2g | %s |\n", x.label(),
                    x.windowBad(), x.windowUnits(), 100 * x.windowRate(), x.referenceBad(), x.referenceUnits(),
                    100 * x.referenceRate(), "itself".equals(x.referenceOf()) ? "" : " of " + x.referenceOf(),
                    x.riskRatio(), x.riskRatioLower(), 100 * x.difference(), x.adjustedP(),
                    Double.isNaN(x.excessShare()) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * x.excessShare()))));
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "%d slices of one or two of %s tested (at least the minimum support in"
                + " the window), one-sided Fisher exact tests, Holm-corrected.%s\n\n", s.slicesTested(),
                String.join(", ", s.dimensions()), s.skippedKeys().isEmpty() ? ""
                        : " Not sliced (too many values): " + String.join(", ", s.skippedKeys()) + "."));

        Isolation i = r.isolation();
        md.append("### Isolate\n\n");
        if (i.changePoint() == null) {
            md.append("No change point: ").append(i.note()).append(".\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "Change point **%s** (90%% bootstrap interval %s .. %s): %.1f%% before,"
                    + " %.1f%% after.\n\n", i.changePoint(), i.low(), i.high(), 100 * i.before(), 100 * i.after()));
        }
        if (!i.changes().isEmpty()) {
            md.append("| change | when | distance (windows) | before | after | p |\n|---|---|---:|---:|---:|---:|\n");
            for (Isolation.NearbyChange c : i.changes()) {
                md.append(String.format(Locale.ROOT, "| %s: %s (%s) | %s | %+.1f | %s | %s | %s |\n", c.kind(),
                        c.description().replace("|", "\\|"), c.source(), c.at(), c.distanceWindows(),
                        pct(c.before(), c.beforeUnits()), pct(c.after(), c.afterUnits()),
                        Double.isNaN(c.pValue()) ? "" : String.format(Locale.ROOT, "%.2g", c.pValue())));
            }
            md.append('\n');
        } else if (i.changePoint() != null) {
            md.append("No change event (logged or inferred) concerns this target.\n\n");
        }

        ReviewBundle b = r.bundle();
        md.append("### Triage: review bundle\n\n").append(b.items().size()).append(" response(s) in `")
                .append(r.bundleFile().getFileName()).append("` (redacted; bad ones first, stratified): ")
                .append(b.describeReview()).append(".\n\n");
        md.append("### Respond and learn\n\n```bash\n");
        r.commands().forEach(c -> md.append(c).append('\n'));
        md.append("```\n");
        if (!r.warnings().isEmpty()) {
            md.append("\n### Warnings\n\n");
            r.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
        }
        return md.toString();
    }

    private static String pct(double rate, long units) {
        return Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%.1f%% of %d", 100 * rate, units);
    }
}
