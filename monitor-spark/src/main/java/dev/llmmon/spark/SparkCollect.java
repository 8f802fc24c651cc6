package dev.llmmon.spark;

import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.internal.SignalReader;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SignalIndex;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.InputAccount;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorJob;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.RunCollector;
import dev.llmmon.record.UserSignal;
import dev.llmmon.spi.Detector;
import dev.llmmon.state.StateCodec;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logs of a monitor run read by Spark: one task per input file runs core's reader and collectors
 * ({@link FileReading}); only the encoded partial states travel; request ids are de-duplicated across files by a
 * shuffle of the ids (not of the records); the driver merges the states in file order into the same
 * {@link MonitorResult} that {@code Monitor.run} gives, and {@link MonitorJob} does the rest unchanged.
 *
 * <p>De-duplication is exact and first-wins in file order, as on one machine: within a file core's reader drops
 * later copies; across files the ids of each file are shuffled by id, and an id found in several files is kept in
 * the earliest. Files that hold such later copies are read a second time without them (rotated logs overlap at
 * their edges, so this is usually a few files; logs without overlap are read once).
 */
public final class SparkCollect implements MonitorJob.Collect {
    private final SparkSession spark;

    public SparkCollect(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public MonitorResult collect(MonitorConfig config, List<Detector<?>> detectors) throws IOException {
        long started = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        var hadoop = spark.sparkContext().hadoopConfiguration();
        Map<String, String> hadoopSettings = Inputs.settings(hadoop);

        PricingTable pricing = config.pricingFile() == null
                ? PricingTable.defaults()
                : PricingTable.defaultsWith(config.baseDir().resolve(config.pricingFile()));
        SignalIndex signals = new SignalIndex();
        Map<String, Integer> signalsPerRequest = new HashMap<>();
        Rejections signalRejections = Rejections.of(config.strict());
        List<String> signalFiles = config.signals().isEmpty() ? List.of()
                : Inputs.list(config.baseDir(), config.signals(), hadoop);
        for (String file : signalFiles) {
            Path local = Inputs.localize(file, hadoopSettings);
            try (InputStream in = dev.llmmon.ingest.InputFiles.open(local)) {
                new SignalReader().read(in, file, (UserSignal s) -> {
                    signals.add(s);
                    signalsPerRequest.merge(s.requestId(), 1, Integer::sum);
                }, signalRejections);
            } finally {
                if (!Inputs.isLocal(file)) {
                    Files.deleteIfExists(local);
                }
            }
        }

        List<String> files = Inputs.list(config.baseDir(), config.logs(), hadoop);
        List<byte[]> templates = new ArrayList<>();
        Set<Class<?>> stateTypes = new HashSet<>();
        for (Detector<?> d : detectors) {
            if (stateTypes.add(d.stateType())) {
                templates.add(StateCodec.encode(d.newCollector(), List.of()));
            }
        }
        FileReading.Plan plan = new FileReading.Plan(config.baseDir().toString(), config.format(), config.mapping(),
                config.featureAttribute(), config.strict(), config.timeOutlierFloorDays(), detectors.stream().anyMatch(Detector::readsText),
                StateCodec.encode(config.aggregation(), List.of()), StateCodec.encode(pricing, List.of()),
                StateCodec.encode(signals, List.of()), templates);
        Broadcast<FileReading.Plan> planCast = jsc.broadcast(plan);
        Broadcast<Map<String, String>> confCast = jsc.broadcast(hadoopSettings);
        Broadcast<Set<String>> signalIds = jsc.broadcast(new HashSet<>(signalsPerRequest.keySet()));

        List<FileReading.Task> tasks = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            tasks.add(new FileReading.Task(i, files.get(i)));
        }
        JavaRDD<FileReading.Part> read = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                .map(t -> FileReading.read(planCast.value(), t, confCast.value(), signalIds.value(), Map.of()))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        FileReading.Part[] parts = read.map(FileReading.Part::withoutIds).collect()
                .toArray(new FileReading.Part[0]);
        Map<Integer, Map<String, String>> laterCopies = laterCopies(read, files);
        read.unpersist(false);

        if (!laterCopies.isEmpty()) {
            Broadcast<Map<Integer, Map<String, String>>> copiesCast = jsc.broadcast(laterCopies);
            List<FileReading.Task> again = tasks.stream().filter(t -> laterCopies.containsKey(t.index())).toList();
            jsc.parallelize(again, again.size())
                    .map(t -> FileReading.read(planCast.value(), t, confCast.value(), signalIds.value(),
                            copiesCast.value().get(t.index())).withoutIds())
                    .collect()
                    .forEach(p -> parts[p.index()] = p);
        }
        Arrays.sort(parts, Comparator.comparingInt(FileReading.Part::index));

        // merged in file order: states that keep "the first n" (input samples) depend on it
        FileReading.Shared driver = new FileReading.Shared(config.aggregation(), pricing, signals);
        RunCollector collector = null;
        Rejections rejections = Rejections.of(false);
        long[] totals = new long[5];
        Set<String> signalled = new HashSet<>();
        for (FileReading.Part p : parts) {
            RunCollector state = StateCodec.decode(p.state(), RunCollector.class, driver.externals());
            if (collector == null) {
                collector = state;
            } else {
                collector.merge(state);
            }
            rejections.mergeShifted(StateCodec.decode(p.rejections(), Rejections.class, List.of()), 0);
            totals[0] += p.bytesOnDisk();
            totals[1] += p.bytesRead();
            totals[2] += p.lines();
            totals[3] += p.records();
            totals[4] += p.duplicates() + p.crossFileDuplicates();
            signalled.addAll(Arrays.asList(p.signalled()));
        }
        if (collector == null) {
            collector = new RunCollector(config.aggregation(), pricing, signals, detectors);
        }
        long orphaned = 0;
        for (Map.Entry<String, Integer> e : signalsPerRequest.entrySet()) {
            if (!signalled.contains(e.getKey())) {
                orphaned += e.getValue();
            }
        }

        List<WindowMetrics> windows = collector.windows().metrics();
        Set<String> unpriced = Monitor.unpricedModels(windows);
        QualitySeries quality = Monitor.quality(config, rejections);
        Ingest.Stats stats = new Ingest.Stats(files.stream().map(Path::of).toList(), totals[0], totals[1], totals[2],
                totals[3], totals[4]);
        InputAccount input = new InputAccount(stats, rejections,
                new InputAccount.Signals(signalFiles.stream().map(Path::of).toList(), signals.size(), orphaned,
                        signalRejections),
                unpriced, pricing.source(), Duration.ofNanos(System.nanoTime() - started));
        return new MonitorResult(config.aggregation(), windows, input, quality, collector.states());
    }

    /**
     * Request ids found in more than one file, by the shuffle of the ids: for each file that holds a later copy,
     * those ids and the earliest file that has them. Only the ids travel (a few dozen bytes per record).
     */
    private static Map<Integer, Map<String, String>> laterCopies(JavaRDD<FileReading.Part> read, List<String> files) {
        JavaPairRDD<String, Integer> ids = read.flatMapToPair(p -> {
            List<Tuple2<String, Integer>> out = new ArrayList<>(p.ids().length);
            for (String id : p.ids()) {
                out.add(new Tuple2<>(id, p.index()));
            }
            return out.iterator();
        });
        List<Tuple2<String, int[]>> shared = ids
                .combineByKey(i -> new int[] {i}, SparkCollect::add, SparkCollect::addAll)
                .filter(e -> e._2().length > 1)
                .collect();
        Map<Integer, Map<String, String>> out = new HashMap<>();
        for (Tuple2<String, int[]> e : shared) {
            int[] in = e._2().clone();
            Arrays.sort(in);
            for (int k = 1; k < in.length; k++) {
                out.computeIfAbsent(in[k], x -> new HashMap<>()).put(e._1(), files.get(in[0]));
            }
        }
        return out;
    }

    private static int[] add(int[] a, int i) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = i;
        return out;
    }

    private static int[] addAll(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
