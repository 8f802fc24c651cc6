package dev.llmmon.spark.bench;

import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorJob;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.report.Reports;
import dev.llmmon.spark.CommandLine;
import dev.llmmon.spark.SparkCollect;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One timed run of the whole job (read, aggregate, detect, write reports) on one engine, for docs/benchmarks.md:
 * {@code single} is MonitorJob as {@code llmmon:monitor} runs it, {@code spark} the Spark job on {@code local[N]}.
 * <pre>java ... dev.llmmon.spark.bench.SparkBenchmark single|spark THREADS --logs DIR --out OUT ...</pre>
 * Prints one {@code RESULT} line: wall seconds of the job (the Spark session's start is timed apart), CPU seconds of
 * the process, records.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        int threads = Integer.parseInt(args[1]);
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        CommandLine line = CommandLine.parse(rest, Path.of("").toAbsolutePath());
        MonitorJob.Log quiet = new MonitorJob.Log() {
            @Override
            public void info(String s) {
            }

            @Override
            public void warn(String s) {
            }
        };
        long sessionStart = System.nanoTime();
        SparkSession spark = engine.equals("spark")
                ? SparkSession.builder().master("local[" + threads + "]").appName("llmmon-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", String.valueOf(threads))
                .config("spark.default.parallelism", String.valueOf(threads)).getOrCreate()
                : null;
        double sessionSeconds = (System.nanoTime() - sessionStart) / 1e9;
        var config = line.config();
        config = dev.llmmon.monitor.MonitoringConfig.of(config.read().withThreads(threads))
                .withDetection(config.detection()).withThresholds(config.thresholds(), config.failOnViolation())
                .withAlerting(config.alerting()).withInputPolicy(config.input());
        long cpu0 = cpu();
        long start = System.nanoTime();
        MonitorJob.Run run = MonitorJob.run(config, line.out(), quiet, SparkBenchmark.class.getClassLoader(),
                spark == null ? Monitor::run : new SparkCollect(spark));
        Reports.write(line.out(), line.formats(), run.result(), run.violations(), run.detection(), null);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu() - cpu0) / 1e9;
        MonitorResult r = run.result();
        System.out.printf(Locale.ROOT, "RESULT engine=%s threads=%d records=%d files=%d wall_s=%.1f cpu_s=%.1f"
                        + " session_s=%.1f windows=%d alerts=%d%n", engine, threads, r.ingest().records(),
                r.ingest().files().size(), wall, cpuSeconds, sessionSeconds, r.windows().size(),
                run.detection() == null ? 0 : run.detection().alerts().size());
        if (spark != null) {
            spark.stop();
        }
    }

    /** CPU time of the whole process (all threads, JIT and GC included). */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
