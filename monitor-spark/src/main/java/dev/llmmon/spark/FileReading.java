package dev.llmmon.spark;

import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SignalIndex;
import dev.llmmon.monitor.LogReaders;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.RunCollector;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Collector;
import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;
import dev.llmmon.state.StateCodec;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one Spark task does with one input file: core's {@link Ingest} with the configured reader (duplicates within
 * the file, time outliers, damaged streams and every rejection as {@code llmmon:monitor} counts them), the records
 * into a fresh {@link RunCollector}, and back only the encoded state, the file's account and its request ids.
 */
final class FileReading implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * How the executors read: the parts of the configuration the readers use, and the shared objects as bytes.
     *
     * @param templates each detector's empty collector, encoded: the executors build the same states from them
     */
    record Plan(String baseDir, String format, String mapping, String featureAttribute, boolean strict,
                int timeOutlierFloorDays, boolean includeText, byte[] aggregation, byte[] pricing, byte[] signals, List<byte[]> templates)
            implements Serializable {
    }

    /** One input file of the run, by its place in the run's file order. */
    record Task(int index, String file) implements Serializable {
    }

    /**
     * What a task gives back.
     *
     * @param state      the file's {@link RunCollector}, encoded against {@link Shared#externals()}
     * @param rejections the file's {@link Rejections}, encoded
     * @param ids        the request ids accepted, for the de-duplication across files
     * @param signalled  the accepted request ids that have user signals (to count orphan signals)
     */
    record Part(int index, String file, byte[] state, byte[] rejections, long bytesOnDisk, long bytesRead, long lines,
                long records, long duplicates, long crossFileDuplicates, String[] ids, String[] signalled)
            implements Serializable {
        Part withoutIds() {
            return new Part(index, file, state, rejections, bytesOnDisk, bytesRead, lines, records, duplicates,
                    crossFileDuplicates, new String[0], signalled);
        }
    }

    /** The shared objects decoded once per task; the state refers to them rather than copying them. */
    record Shared(AggregationOptions aggregation, PricingTable pricing, SignalIndex signals) {
        List<Object> externals() {
            return List.of(pricing, signals, aggregation);
        }
    }

    private FileReading() {
    }

    static Shared shared(Plan plan) {
        return new Shared(StateCodec.decode(plan.aggregation(), AggregationOptions.class, List.of()),
                StateCodec.decode(plan.pricing(), PricingTable.class, List.of()),
                StateCodec.decode(plan.signals(), SignalIndex.class, List.of()));
    }

    /**
     * Reads one file; records whose id is in {@code firstElsewhere} (id to the earlier file that has it) are
     * rejected as {@link RejectReason#DUPLICATE_REQUEST_ID}, as the single-machine run rejects a later copy.
     */
    static Part read(Plan plan, Task task, Map<String, String> hadoopConf, Set<String> signalIds,
                     Map<String, String> firstElsewhere) throws IOException {
        Shared shared = shared(plan);
        MonitorConfig readConfig = MonitorConfig.of(Path.of(plan.baseDir()), List.of(task.file()))
                .withFormat(plan.format(), plan.mapping())
                .withFeatureAttribute(plan.featureAttribute())
                .withAggregation(shared.aggregation())
                .withStrict(plan.strict());
        // Parquet rows arrive as native JSON lines
        Function<Path, LogReader> readerFor = LogReaders.chooser(ParquetLines.isParquet(task.file())
                ? readConfig.withFormat("native", null) : readConfig, plan.includeText());
        RunCollector collector = new RunCollector(shared.aggregation(), shared.pricing(), shared.signals(),
                templates(plan.templates()));
        Rejections rejections = Rejections.of(plan.strict());
        List<String> ids = new ArrayList<>();
        Set<String> signalled = new HashSet<>();
        long[] crossFile = {0};
        boolean parquet = ParquetLines.isParquet(task.file());
        Path local = parquet ? ParquetLines.toJsonLines(task.file(), hadoopConf)
                : Inputs.localize(task.file(), hadoopConf);
        boolean copy = parquet || !Inputs.isLocal(task.file());
        Ingest.Stats stats;
        try {
            stats = new Ingest(Ingest.Options.defaults().withThreads(1)
                    .withTimeOutlierFloorDays(plan.timeOutlierFloorDays())).run(List.of(local), readerFor,
                    (RequestRecord r) -> {
                        String first = firstElsewhere.get(r.requestId());
                        if (first != null) {
                            crossFile[0]++;
                            // Ingest hands records on without their line: the copy is named by file and id
                            rejections.reject(RejectReason.DUPLICATE_REQUEST_ID, task.file(), 0, "request_id",
                                    "request_id '" + abbreviate(r.requestId()) + "' seen before, first in " + first
                                            + " (an earlier file of the run); the first record is kept");
                            return;
                        }
                        ids.add(r.requestId());
                        if (signalIds.contains(r.requestId())) {
                            signalled.add(r.requestId());
                        }
                        collector.accept(r);
                    }, rejections);
        } finally {
            if (copy) {
                Files.deleteIfExists(local);
            }
        }
        Rejections named = !copy ? rejections
                : renamed(rejections, local.toString(), task.file());
        return new Part(task.index(), task.file(), StateCodec.encode(collector, shared.externals()),
                StateCodec.encode(named, List.of()), stats.bytesOnDisk(), stats.bytesRead(), stats.lines(),
                stats.records() - crossFile[0], stats.duplicates(), crossFile[0], ids.toArray(new String[0]),
                signalled.toArray(new String[0]));
    }

    private static String abbreviate(String id) {
        return id.length() <= 80 ? id : id.substring(0, 77) + "...";
    }

    /** The detectors' empty states as detectors that only make collectors (detection runs on the driver). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<Detector<?>> templates(List<byte[]> templates) {
        List<Detector<?>> out = new ArrayList<>();
        for (byte[] bytes : templates) {
            Collector<?> sample = StateCodec.decode(bytes, Collector.class, List.of());
            out.add(new Detector() {
                @Override
                public Class stateType() {
                    return sample.getClass();
                }

                @Override
                public Collector newCollector() {
                    return StateCodec.decode(bytes, Collector.class, List.of());
                }

                @Override
                public Findings detect(Collector state, DetectionInput input) {
                    throw new UnsupportedOperationException("detection runs on the driver");
                }
            });
        }
        return out;
    }

    /**
     * The rejections of a temporary copy under the file's own name: same counts, examples, skipped kinds, blank
     * lines and notes.
     */
    static Rejections renamed(Rejections of, String from, String to) {
        Rejections out = Rejections.lenient();
        of.counts().forEach((reason, count) -> {
            List<Rejection> examples = of.examples(reason);
            Rejection last = null;
            for (Rejection r : examples) {
                last = new Rejection(r.reason(), r.file().equals(from) ? to : r.file(), r.line(), r.field(),
                        r.message().replace(from, to));
                out.add(last);
            }
            for (long i = examples.size(); i < count; i++) {
                out.add(last); // past the kept examples only the count grows
            }
        });
        of.skipped().forEach((kind, n) -> {
            for (long i = 0; i < n; i++) {
                out.skip(kind);
            }
        });
        for (long i = 0; i < of.blankLines(); i++) {
            out.blankLine();
        }
        for (String note : of.notes()) {
            String text = note.startsWith(from + ": ") ? note.substring(from.length() + 2) : note;
            out.note(to, text.replace(from, to));
        }
        return out;
    }
}
