package dev.llmmon.report.internal;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmmon.internal.Version;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;

import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/** Writes the complete, machine-readable report ({@code report.json}, a {@link ReportDocument}). */
public final class JsonReport {

    private JsonReport() {
    }

    public static void write(MonitorResult result, List<Thresholds.Violation> violations, Writer out)
            throws IOException {
        Json.PRETTY.writeValue(out, ReportDocument.of(result, violations, Version.get(), Instant.now()));
    }
}
