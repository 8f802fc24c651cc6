package dev.llmmon.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end benchmark (not a test): one {@link Monitor#run} over the given files with hourly windows, in a JVM of
 * its own, printing one result line. {@code benchmarks/run.sh} generates the inputs and runs every case; see
 * {@code docs/benchmarks.md}.
 *
 * <pre>java -Xmx2g -cp ... dev.llmmon.bench.MonitorBenchmark --mode sketch|exact [--threads N] [--format F] FILE...</pre>
 *
 * Heap is reported two ways: the highest heap-used value sampled every 5 ms (includes garbage not yet collected,
 * so it mostly reflects -Xmx and GC timing), and the largest heap still in use right after a garbage collection
 * (the live set: what the run really holds).
 */
public final class MonitorBenchmark {
    public static void main(String[] args) throws Exception {
        String mode = "exact";
        String format = "auto";
        String label = null;
        int threads = Runtime.getRuntime().availableProcessors();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--format" -> format = args[++i];
                case "--label" -> label = args[++i];
                default -> files.add(Path.of(args[i]).toAbsolutePath().toString());
            }
        }
        if (files.isEmpty() || !(mode.equals("exact") || mode.equals("sketch"))) {
            System.err.println("usage: MonitorBenchmark --mode exact|sketch [--threads N] [--format F] [--label L] FILE...");
            System.exit(2);
        }

        HeapWatch heap = HeapWatch.start();
        MonitorConfig config = MonitorConfig.of(Path.of("/"), files)
                .withFormat(format, null)
                .withThreads(threads)
                .withAggregation(AggregationOptions.hourly().withSketch(mode.equals("sketch")));
        long t0 = System.nanoTime();
        MonitorResult result = Monitor.run(config);
        double seconds = (System.nanoTime() - t0) / 1e9;
        heap.stop();
        double processSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        // CPU time is less sensitive than wall time to other processes on a shared machine
        double cpuSeconds = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;

        long records = result.ingest().records();
        long bytes = result.ingest().bytesRead();
        if (result.rejections().total() > 0) {
            System.err.println("rejections: " + result.rejections().total());
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT,
                "RESULT label=%s mode=%s threads=%d records=%d bytes=%d windows=%d wall_s=%.2f process_s=%.2f cpu_s=%.2f "
                        + "records_per_s=%.0f mb_per_s=%.1f peak_heap_mb=%.0f live_heap_after_gc_mb=%.0f xmx_mb=%d%n",
                label == null ? String.join("+", files) : label, mode, threads, records, bytes,
                result.windows().size(), seconds, processSeconds, cpuSeconds, records / seconds, bytes / 1e6 / seconds,
                heap.peakUsed() / 1048576.0, heap.peakAfterGc() / 1048576.0, maxHeap / 1048576);
    }

    /** Samples heap use on a daemon thread and records the heap left after each garbage collection. */
    static final class HeapWatch {
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private volatile boolean running = true;

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            Thread sampler = new Thread(() -> {
                while (w.running) {
                    w.peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long after = 0;
                    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                        after += u.getUsed();
                    }
                    // only non-heap pools are excluded by name; code cache and metaspace are small and constant
                    long nonHeap = 0;
                    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        String pool = e.getKey();
                        if (pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed")) {
                            nonHeap += e.getValue().getUsed();
                        }
                    }
                    w.peakAfterGc.accumulateAndGet(after - nonHeap, Math::max);
                }, null, null);
            }
            return w;
        }

        void stop() {
            running = false;
            peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }

        long peakUsed() {
            return peakUsed.get();
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }
    }
}
