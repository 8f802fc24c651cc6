package dev.llmmon.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DemoDataGenerator#write} wrote.
 *
 * @param files         every file written, in writing order
 * @param requests      lines in {@code requests.jsonl}
 * @param signals       lines in {@code signals.jsonl}, orphans included
 * @param orphanSignals signals whose request id is not in {@code requests.jsonl} (on purpose)
 * @param changeEvents  lines in {@code changes.jsonl}
 * @param otlpSpans     spans in {@code requests.otlp.jsonl} (0 without the OTLP option)
 * @param otlpBatches   lines (ExportTraceServiceRequest batches) in {@code requests.otlp.jsonl}
 * @param incidents     the injected incidents that fall inside the generated days
 */
public record DemoSummary(Path outDir, List<Path> files, long requests, long signals, long orphanSignals,
                          long changeEvents, long otlpSpans, long otlpBatches, List<Incident> incidents) {
    public DemoSummary {
        files = List.copyOf(files);
        incidents = List.copyOf(incidents);
    }
}
