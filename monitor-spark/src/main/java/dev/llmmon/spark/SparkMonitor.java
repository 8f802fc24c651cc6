package dev.llmmon.spark;

import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.monitor.MonitorJob;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.report.AlertCharts;
import dev.llmmon.report.ConsoleTable;
import dev.llmmon.report.Reports;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code spark-submit --class dev.llmmon.spark.SparkMonitor llmmon-spark.jar --logs s3a://... --window 1h --out DIR}:
 * {@code llmmon:monitor} on Spark. Same options ({@link CommandLine}), same {@code report.json},
 * {@code alerts.json}, Markdown and OpenMetrics files, same verdict: exit 0 when the run passes, 1 when it fails
 * (a threshold, an alert, the input policy), 2 on a usage or configuration error.
 */
public final class SparkMonitor {
    private SparkMonitor() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the job in a session of its own (the master from spark-submit, else {@code --master}, else local). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (CommandLine.wantsHelp(args)) {
            out.print(CommandLine.usage());
            return args.length == 0 ? 2 : 0;
        }
        CommandLine line;
        try {
            line = CommandLine.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            err.println("llmmon: " + e.getMessage());
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("llmmon monitor")
                .config("spark.sql.session.timeZone", "UTC");
        if (System.getProperty("spark.master") == null) {
            builder.master(line.master() == null ? "local[*]" : line.master());
        }
        SparkSession spark = builder.getOrCreate();
        try {
            return run(spark, line, out, err);
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in that session; the reports go to {@link CommandLine#out()}. */
    public static int run(SparkSession spark, CommandLine line, PrintStream out, PrintStream err) {
        Log log = new Log(out, err);
        MonitorJob.Run run;
        try {
            run = MonitorJob.run(line.config(), line.out(), log, SparkMonitor.class.getClassLoader(),
                    new SparkCollect(spark));
            if (run.detection() != null && line.config().detection().alertCharts()) {
                AlertCharts.write(line.out(), run.detection());
            }
            Reports.write(line.out(), line.formats(), run.result(), run.violations(), run.detection(), null)
                    .forEach(p -> out.println("llmmon: wrote " + p));
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            err.println("llmmon: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            Throwable cause = rootCause(e);
            if (cause instanceof RejectedInputException rejected) {
                err.println("llmmon: " + rejected.getMessage());
                return 1;
            }
            throw e;
        }
        MonitorJob.Verdict verdict = run.verdict(line.out());
        if (verdict.warning() != null) {
            err.println("llmmon: " + verdict.warning());
        }
        if (verdict.fails()) {
            err.println("llmmon: " + verdict.failure());
            return 1;
        }
        return 0;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The job's progress on the console, with the windows' table as the goal prints it. */
    private record Log(PrintStream out, PrintStream err) implements MonitorJob.Log {
        @Override
        public void info(String line) {
            out.println(line);
        }

        @Override
        public void warn(String line) {
            err.println(line);
        }

        @Override
        public void read(MonitorResult result) {
            ConsoleTable.lines(result).forEach(out::println);
        }
    }
}
