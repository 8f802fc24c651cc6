package dev.llmmon.monitor;

import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.NativeJsonlReader;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/** Picks the reader for each input file from the configured (or detected) format. */
final class LogReaders {
    private LogReaders() {
    }

    static Function<Path, LogReader> chooser(MonitorConfig config, boolean includeText) {
        String format = config.format() == null ? "auto" : config.format().toLowerCase(Locale.ROOT);
        return file -> switch (format) {
            case "native", "auto" -> new NativeJsonlReader(includeText);
            default -> throw new IllegalArgumentException("unknown log format '" + config.format()
                    + "': use auto, native, otlp or mapped");
        };
    }
}
