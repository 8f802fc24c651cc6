package dev.llmmon.quality;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delay table of docs/detectors.md ("Judge quality"): traffic × judge sample rate, time to detect a 0.5- and a
 * 1-point drop (median, 90th percentile, from the drop's start, which comes 24 h after the baseline is complete) and
 * false alarms per chart-week without a drop. Off by default (minutes of machine):
 *
 * <pre>./mvnw -B -o -pl monitor-core test -Dtest=QualityDelayTable -Dllmmon.qualitySweep=true</pre>
 *
 * <p>{@code -Dllmmon.qualitySweep.runs=N} sets the seeds per cell (default 40). Writes
 * {@code monitor-core/target/quality-delay-table.md}.
 */
@EnabledIfSystemProperty(named = "llmmon.qualitySweep", matches = "true")
class QualityDelayTable {
    static final double[] TRAFFIC = {30, 100, 300};
    static final double[] RATES = {0.02, 0.05, 0.10, 0.25};
    static final double HORIZON_HOURS = 14 * 24;
    static final double WEEKS = 4;

    @Test
    void sweep() throws IOException {
        int runs = Integer.getInteger("llmmon.qualitySweep.runs", 40);
        QualityPlan plan = QualityPlan.defaults();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d seeds per cell; drop 24 h after the baseline (%d judgements); "
                + "not found within 14 days counts as > 14 d; false alarms over %d x %.0f weeks without a drop (plan:"
                + " 0.084 a week for one chart)%n%n", runs, plan.baselineJudgements(), runs, WEEKS));
        md.append("| requests/h | sample | judgements/h | baseline takes | 0.5-point drop: median / p90 | "
                + "1-point drop: median / p90 | false alarms per week |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (double traffic : TRAFFIC) {
            for (double rate : RATES) {
                JudgementSimulation.Cell cell = new JudgementSimulation.Cell(traffic, rate);
                String half = delays(cell, plan, 0.5, runs);
                String one = delays(cell, plan, 1.0, runs);
                int alarms = 0;
                for (int i = 0; i < runs; i++) {
                    alarms += JudgementSimulation.falseAlarms(cell, plan, WEEKS, 90_000 + i);
                }
                String row = String.format(Locale.ROOT, "| %.0f | %.0f%% | %.1f | %s | %s | %s | %.3f |%n", traffic,
                        rate * 100, cell.judgementsPerHour(), duration(plan.baselineJudgements() / cell.judgementsPerHour()),
                        half, one, alarms / (runs * WEEKS));
                md.append(row);
                System.out.print(row);
            }
        }
        Path out = Path.of("target", "quality-delay-table.md");
        Files.writeString(out, md);
        System.out.println(md);
        assertThat(md).contains("| 100 | 5% |");
    }

    private static String delays(JudgementSimulation.Cell cell, QualityPlan plan, double drop, int runs) {
        double[] d = new double[runs];
        int early = 0;
        for (int i = 0; i < runs; i++) {
            d[i] = JudgementSimulation.delay(cell, plan, drop, HORIZON_HOURS, 70_000 + i);
            if (Double.isNaN(d[i])) {
                early++;
            }
        }
        double[] found = Arrays.stream(d).filter(x -> !Double.isNaN(x)).sorted().toArray();
        String s = duration(JudgementSimulation.quantile(found, 0.5)) + " / "
                + duration(JudgementSimulation.quantile(found, 0.9));
        return early == 0 ? s : s + " (" + early + " false alarm before the drop)";
    }

    private static String duration(double hours) {
        if (Double.isInfinite(hours) || hours > HORIZON_HOURS) {
            return "> 14 d";
        }
        return hours < 48 ? String.format(Locale.ROOT, "%.1f h", hours) : String.format(Locale.ROOT, "%.1f d", hours / 24);
    }
}
