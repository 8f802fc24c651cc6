package dev.llmmon.monitor;

import dev.llmmon.ingest.LogFormat;
import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.internal.FieldMapping;
import dev.llmmon.ingest.internal.MappedReader;
import dev.llmmon.ingest.internal.NativeJsonlReader;
import dev.llmmon.ingest.internal.OtlpJsonReader;

import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.RequestRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/** Picks the reader for each input file from the configured format, or detects it per file. */
public final class LogReaders {
    private LogReaders() {
    }

    /**
     * Streams every record of the configured logs to {@code sink} (from the reader threads: make it thread-safe),
     * with their text when {@code includeText}; bad lines go to {@code rejections}. What the judge and the eval
     * exporter read the logs with.
     */
    public static Ingest.Stats scan(MonitorConfig config, boolean includeText, Consumer<RequestRecord> sink,
                                    Rejections rejections) throws IOException {
        return new Ingest(Ingest.Options.defaults().withThreads(Math.max(1, config.threads()))
                .withTimeOutlierFloorDays(config.timeOutlierFloorDays()))
                .run(InputFiles.expand(config.baseDir(), config.logs()), chooser(config, includeText), sink, rejections);
    }

    /**
     * The reader for each input file, as the configuration chooses it (detected per file in {@code auto}), for
     * callers that run {@link Ingest} on their own partitions of the input (the Spark job: one file per task).
     */
    public static Function<Path, LogReader> chooser(MonitorConfig config, boolean includeText) {
        String format = config.format() == null ? "auto" : config.format().toLowerCase(Locale.ROOT);
        // metadata is only read by slices: without them, records need not carry it
        boolean includeMetadata = !config.aggregation().slices().isEmpty();
        LogReader nativeReader = new NativeJsonlReader(includeText, includeMetadata);
        LogReader otlpReader = new OtlpJsonReader(config.featureAttribute(), includeText, includeMetadata);
        // the mapping is loaded (and validated) once, up front, even in auto mode
        LogReader mapped = config.mapping() == null || config.mapping().isBlank()
                ? null
                : new MappedReader(mapping(config), includeText);
        return switch (format) {
            case "native" -> file -> nativeReader;
            case "otlp" -> file -> otlpReader;
            case "mapped" -> {
                if (mapped == null) {
                    throw new IllegalArgumentException("format 'mapped' needs a mapping (llmmon.mapping): "
                            + "litellm, langfuse or a mapping file");
                }
                yield file -> mapped;
            }
            case "auto" -> file -> detect(file, nativeReader, otlpReader, mapped);
            default -> throw new IllegalArgumentException("unknown log format '" + config.format()
                    + "': use auto, native, otlp or mapped");
        };
    }

    /** {@link LogFormat#detect} answers NATIVE or OTLP and throws for anything else, which only a mapping reads. */
    private static LogReader detect(Path file, LogReader nativeReader, LogReader otlpReader, LogReader mapped) {
        try {
            return LogFormat.detect(file) == LogFormat.OTLP ? otlpReader : nativeReader;
        } catch (IllegalArgumentException notNativeNorOtlp) {
            if (mapped == null) {
                throw notNativeNorOtlp;
            }
            return mapped;
        }
    }

    private static FieldMapping mapping(MonitorConfig config) {
        Path file = config.baseDir().resolve(config.mapping());
        return Files.isRegularFile(file) ? FieldMapping.load(file) : FieldMapping.builtin(config.mapping());
    }
}
