package dev.llmmon.report.internal;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.internal.json.Json;
import dev.llmmon.report.ReportFormat;
import dev.llmmon.report.Reports;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html of the demo week, with its support-chat feature renamed to a script-injection attempt. */
class HtmlReportTest {
    @TempDir
    static Path dir;
    static DemoRun run;
    static HtmlReport.Page page;
    static String html;

    @BeforeAll
    static void render() throws IOException {
        run = DemoRun.of(dir, DemoRun.HOSTILE);
        page = HtmlReport.page(run.result(), List.of(), run.outcome(), Instant.parse("2026-11-23T00:00:00Z"));
        html = HtmlReport.render(run.result(), List.of(), run.outcome());
    }

    @Test
    void everyFeatureHasItsChartsAndTheChartedSeriesCarryTheirLimits() {
        assertThat(page.features()).extracting(HtmlReport.Feature::name)
                .contains(DemoRun.HOSTILE, "code-review", "extract-invoice", "summarize");
        for (HtmlReport.Feature f : page.features()) {
            assertThat(f.panels()).as(f.name()).isNotEmpty();
            for (HtmlReport.Panel p : f.panels()) {
                assertThat(p.charts()).extracting(HtmlReport.Chart::title).as(f.name() + "/" + p.model())
                        .contains("Latency percentiles", "Error rate", "Refusal rate", "Tokens per request");
            }
        }
        // the limits are the detection run's, point by point, never recomputed
        var charted = run.outcome().report().runs().stream()
                .filter(r -> r.result().points().stream().anyMatch(p -> !Double.isNaN(p.upperLimit())))
                .findFirst().orElseThrow();
        HtmlReport.Chart chart = page.features().stream().filter(f -> f.name().equals(charted.key().feature()))
                .flatMap(f -> f.panels().stream()).filter(p -> p.model().equals(charted.key().model()))
                .flatMap(p -> p.charts().stream())
                .filter(c -> c.control() != null && c.control().metric().equals(charted.key().metric().id()))
                .findFirst().orElseThrow();
        for (int i = 0; i < charted.result().points().size(); i++) {
            double upper = charted.result().points().get(i).upperLimit();
            Number[] drawn = chart.control().upper().get(i);
            assertThat(drawn[0]).isEqualTo(charted.result().points().get(i).windowStart().toEpochMilli());
            assertThat(drawn[1]).isEqualTo(Double.isNaN(upper) ? null : upper);
        }
        assertThat(page.features()).flatExtracting(HtmlReport.Feature::panels)
                .flatExtracting(HtmlReport.Panel::charts).extracting(HtmlReport.Chart::title)
                .contains("Judge quality (mean score, 1-5)");
    }

    @Test
    void everyAlertLinksToItsChartAndChangeEventsAreMarked() {
        Set<String> ids = new HashSet<>(Set.of("features"));
        page.features().forEach(f -> {
            ids.add(f.id());
            f.panels().forEach(p -> p.charts().forEach(c -> ids.add(c.id())));
        });
        assertThat(page.alerts()).isNotEmpty().allSatisfy(a -> assertThat(ids).contains(a.chart()));
        for (Alert a : run.outcome().alerts()) {
            if (a.kind() != AlertKind.CONTROL_CHART) {
                continue;
            }
            HtmlReport.AlertRow row = page.alerts().stream().filter(r -> r.id().equals(a.id())).findFirst().orElseThrow();
            HtmlReport.Chart chart = page.features().stream().flatMap(f -> f.panels().stream())
                    .filter(p -> p.model().equals(a.model())).flatMap(p -> p.charts().stream())
                    .filter(c -> c.id().equals(row.chart())).findFirst().orElseThrow();
            assertThat(chart.metrics()).as(a.id()).contains(a.metric());
        }
        // the other detectors' alerts reach the chart their metric belongs to (token bloat: tokens per request)
        assertThat(page.alerts()).filteredOn(a -> a.kind().equals("token_bloat")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.chart()).startsWith("chart-"));
        for (HtmlReport.AlertRow a : page.alerts()) {
            boolean charted = page.features().stream().filter(f -> f.name().equals(a.feature()))
                    .flatMap(f -> f.panels().stream()).flatMap(p -> p.charts().stream())
                    .anyMatch(c -> c.metrics().contains(a.metric()));
            assertThat(a.chart().startsWith("chart-")).as(a.id() + " " + a.metric()).isEqualTo(charted);
        }
        assertThat(page.changes()).hasSize(run.outcome().changes().size()).isNotEmpty();
    }

    @Test
    void aHostileFeatureNameCannotBreakOutOfTheDataElement() throws IOException {
        assertThat(html).doesNotContain(DemoRun.HOSTILE).doesNotContain("<script>alert(1)");
        Document doc = Jsoup.parse(html);
        // the data, the inlined chart library and the page's script: nothing else became a script
        assertThat(doc.select("script")).hasSize(3);
        Element data = doc.getElementById("llmmon-data");
        assertThat(data.attr("type")).isEqualTo("application/json");
        HtmlReport.Page parsed = Json.MAPPER.readValue(data.data(), HtmlReport.Page.class);
        assertThat(parsed.features()).extracting(HtmlReport.Feature::name).contains(DemoRun.HOSTILE);
        assertThat(parsed.alerts()).extracting(HtmlReport.AlertRow::feature).contains(DemoRun.HOSTILE);
    }

    @Test
    void markupAndLineSeparatorsAreEscapedInsideTheJsonStrings() throws IOException {
        String text = "a\u2028b\u2029 & <!-- </SCRIPT > -->";
        HtmlReport.Page tiny = new HtmlReport.Page("v", "t", "PT1H", "off", 0,
                List.of(new HtmlReport.Feature("feature-0", text, List.of())), List.of(),
                List.of(new HtmlReport.Change(0, "deploy", null, text)));
        String json = HtmlReport.json(tiny);
        assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        HtmlReport.Page back = Json.MAPPER.readValue(json, HtmlReport.Page.class);
        assertThat(back.features().get(0).name()).isEqualTo(text);
        assertThat(back.changes().get(0).description()).isEqualTo(text);
    }

    @Test
    void withoutDetectionThePageShowsTheWindowsWithoutLimitsOrAlerts() {
        HtmlReport.Page plain = HtmlReport.page(run.result(), List.of(), null, Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(plain.detection()).isEqualTo("off");
        assertThat(plain.alerts()).isEmpty();
        assertThat(plain.changes()).isEmpty();
        assertThat(plain.features()).flatExtracting(HtmlReport.Feature::panels)
                .flatExtracting(HtmlReport.Panel::charts).isNotEmpty()
                .allSatisfy(c -> assertThat(c.control()).isNull());
    }

    @Test
    void reportsWritesTheHtmlFormat() throws IOException {
        assertThat(ReportFormat.parse("HTML")).isEqualTo(ReportFormat.HTML);
        List<Path> written = Reports.write(dir.resolve("reports"), EnumSet.of(ReportFormat.HTML), run.result(),
                List.of(), run.outcome(), null);
        assertThat(written).containsExactly(dir.resolve("reports/report.html"));
        assertThat(Files.readString(written.get(0))).startsWith("<!DOCTYPE html>").contains("id=\"llmmon-data\"");
    }

    @Test
    void thePageNeedsNoNetwork() {
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("[src], link[href], iframe, object, embed")).isEmpty();
        assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
        // the chart library is inlined, not referenced
        assertThat(doc.select("script").get(1).data()).contains("echarts").hasSizeGreaterThan(100_000);
    }
}
