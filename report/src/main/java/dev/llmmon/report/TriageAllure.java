package dev.llmmon.report;

import dev.llmmon.report.internal.TriageChart;
import dev.llmmon.triage.Isolation;
import dev.llmmon.triage.ReviewBundle;
import dev.llmmon.triage.ReviewVerdict;
import dev.llmmon.triage.ScopedSlice;
import dev.llmmon.triage.TriageResult;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A triage as Allure results that read as a post-mortem ({@code allure serve target/allure-results}): one test per
 * step (timeline with the charts, scope, isolate, respond), one per change event at its time (Allure's Timeline tab
 * orders them), and one per bundled case with its input, output and judge scores as attachments. Written with
 * allure-java-commons' {@link FileSystemResultsWriter}; every text comes from the already redacted bundle or from
 * {@code triage.md}, which holds no production text.
 */
public final class TriageAllure {
    private TriageAllure() {
    }

    /** Writes the results; returns how many tests were written. */
    public static int write(Path resultsDir, TriageResult r, Path alertChartsDir) throws IOException {
        Files.createDirectories(resultsDir);
        FileSystemResultsWriter writer = new FileSystemResultsWriter(resultsDir);
        String suite = "triage " + (r.alertId() == null ? r.feature() : "alert " + r.alertId());
        int written = 0;

        TestResult timeline = test(suite, "1 timeline", r.windowStart(), r.windowEnd(), Status.PASSED);
        timeline.setDescription(timelineText(r));
        List<Attachment> charts = new ArrayList<>();
        charts.add(attach(writer, "series, change point and events", "image/png", "png",
                TriageChart.png(r, 1000, 450)));
        if (r.alertId() != null && alertChartsDir != null && Files.isRegularFile(alertChartsDir.resolve(r.alertId() + ".png"))) {
            charts.add(attach(writer, "the alert's control chart", "image/png", "png",
                    Files.readAllBytes(alertChartsDir.resolve(r.alertId() + ".png"))));
        }
        if (Files.isRegularFile(r.markdownFile())) {
            charts.add(attach(writer, "triage.md", "text/markdown", "md", Files.readAllBytes(r.markdownFile())));
        }
        timeline.setAttachments(charts);
        writer.write(timeline);
        written++;

        TestResult scope = test(suite, "2 scope: " + (r.scope().nothingStandsOut() ? "nothing stands out"
                : r.scope().explanation().get(0).label()), r.windowStart(), r.windowEnd(),
                r.scope().nothingStandsOut() ? Status.PASSED : Status.FAILED);
        scope.setStatusDetails(new StatusDetails().setMessage(r.scope().summary()));
        StringBuilder slices = new StringBuilder("slice,window_bad,window_units,reference_bad,reference_units,"
                + "risk_ratio,risk_ratio_lower,holm_p\n");
        for (ScopedSlice s : r.scope().significant()) {
            slices.append(String.format(Locale.ROOT, "\"%s\",%d,%d,%d,%d,%.3f,%.3f,%.3g%n", s.label().replace("\"", "'"),
                    s.windowBad(), s.windowUnits(), s.referenceBad(), s.referenceUnits(), s.riskRatio(),
                    s.riskRatioLower(), s.adjustedP()));
        }
        scope.setAttachments(List.of(attach(writer, "significant slices", "text/csv", "csv",
                slices.toString().getBytes(StandardCharsets.UTF_8))));
        writer.write(scope);
        written++;

        Isolation i = r.isolation();
        TestResult isolate = test(suite, "3 isolate: " + (i.changePoint() == null ? "no change point"
                : "change point " + i.changePoint()), i.low() == null ? r.windowStart() : i.low(),
                i.high() == null ? r.windowEnd() : i.high(), Status.PASSED);
        isolate.setStatusDetails(new StatusDetails().setMessage(i.changePoint() == null ? i.note()
                : String.format(Locale.ROOT, "%.1f%% before, %.1f%% after; nearest change: %s", 100 * i.before(),
                100 * i.after(), i.changes().isEmpty() ? "none" : i.changes().get(0).kind() + " "
                        + i.changes().get(0).description())));
        writer.write(isolate);
        written++;
        for (Isolation.NearbyChange c : i.changes()) {
            TestResult event = test(suite + " / changes", "change " + c.at() + ": " + c.kind() + ": "
                    + c.description(), c.at(), c.at().plusSeconds(60), Status.PASSED);
            event.setStatusDetails(new StatusDetails().setMessage(String.format(Locale.ROOT,
                    "%+.1f window(s) from the change point; before %.1f%% of %d, after %.1f%% of %d (%s)",
                    c.distanceWindows(), 100 * c.before(), c.beforeUnits(), 100 * c.after(), c.afterUnits(), c.source())));
            writer.write(event);
            written++;
        }

        TestResult respond = test(suite, "4 respond and learn", r.windowEnd(), r.windowEnd().plusSeconds(60),
                Status.PASSED);
        respond.setDescription(r.bundle().describeReview() + "\n\n" + String.join("\n\n", r.commands()));
        writer.write(respond);
        written++;

        for (ReviewBundle.Item item : r.bundle().items()) {
            Status status = item.verdict() == ReviewVerdict.FALSE_POSITIVE ? Status.PASSED
                    : item.verdict() == ReviewVerdict.REAL ? Status.FAILED : Status.BROKEN;
            TestResult c = test(suite + " / cases", item.requestId() + ": " + item.why(), item.timestamp(),
                    item.timestamp().plusSeconds(1), status);
            c.setStatusDetails(new StatusDetails().setMessage("verdict: " + item.verdict().wireName()
                    + (item.note() == null ? "" : " (" + item.note() + ")")));
            c.getLabels().add(label("tag", item.model()));
            List<Attachment> a = new ArrayList<>();
            add(writer, a, "input", item.input());
            add(writer, a, "output", item.output());
            add(writer, a, "error", item.error());
            if (item.judge() != null) {
                ReviewBundle.Judge j = item.judge();
                add(writer, a, "judge", "quality " + j.qualityScore() + " " + j.dimensions() + (j.flagged()
                        ? ", flagged: " + j.flagReason() : "") + "\nrationale: " + j.rationale() + "\njudge: "
                        + j.judgeModel());
            }
            add(writer, a, "slice", item.slice().toString());
            c.setAttachments(a);
            writer.write(c);
            written++;
        }
        return written;
    }

    private static String timelineText(TriageResult r) {
        StringBuilder s = new StringBuilder();
        s.append("reference ").append(r.referenceStart()).append(" .. ").append(r.referenceEnd()).append("\n\n");
        Isolation i = r.isolation();
        if (i.changePoint() != null) {
            s.append("change point ").append(i.changePoint()).append(" (90% interval ").append(i.low()).append(" .. ")
                    .append(i.high()).append(")\n\n");
        }
        i.changes().stream().sorted(java.util.Comparator.comparing(Isolation.NearbyChange::at)).forEach(c ->
                s.append(c.at()).append(": ").append(c.kind()).append(" ").append(c.description()).append("\n\n"));
        s.append("alert window ").append(r.windowStart()).append(" .. ").append(r.windowEnd()).append("\n\n");
        s.append(r.scope().summary());
        return s.toString();
    }

    private static TestResult test(String suite, String name, Instant start, Instant stop, Status status) {
        String uuid = UUID.randomUUID().toString();
        TestResult t = new TestResult();
        t.setUuid(uuid);
        t.setName(name);
        t.setFullName(suite + " / " + name);
        t.setHistoryId(Integer.toHexString((suite + name).hashCode()));
        t.setStatus(status);
        t.setStart(start.toEpochMilli());
        t.setStop(Math.max(start.toEpochMilli(), stop.toEpochMilli()));
        List<Label> labels = new ArrayList<>();
        labels.add(label("suite", suite));
        labels.add(label("framework", "llmmon"));
        labels.add(label("epic", "post-mortem"));
        t.setLabels(labels);
        t.setLinks(new ArrayList<Link>());
        return t;
    }

    private static Label label(String name, String value) {
        Label l = new Label();
        l.setName(name);
        l.setValue(value);
        return l;
    }

    private static void add(FileSystemResultsWriter writer, List<Attachment> to, String name, String text) {
        if (text != null) {
            to.add(attach(writer, name, "text/plain", "txt", text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Attachment attach(FileSystemResultsWriter writer, String name, String type, String ext,
                                     byte[] bytes) {
        String source = UUID.randomUUID() + "-attachment." + ext;
        writer.write(source, new ByteArrayInputStream(bytes));
        Attachment a = new Attachment();
        a.setName(name);
        a.setType(type);
        a.setSource(source);
        return a;
    }
}
