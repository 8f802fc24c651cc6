package dev.llmmon.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmmon.internal.json.Json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Shared plumbing of the demo writers: one streaming Jackson generator per file, one object per line. */
final class JsonlOut {
    static final JsonFactory JSON = Json.MAPPER.getFactory();
    /** Always three fraction digits, so every timestamp has the same shape (ISO_INSTANT drops ".000"). */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonlOut() {
    }

    static JsonGenerator open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        JsonGenerator gen = JSON.createGenerator(out);
        gen.setRootValueSeparator(null); // lines are ended by endLine, not by Jackson's default space
        return gen;
    }

    static void endLine(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
    }

    static String iso(Instant t) {
        return ISO_MILLIS.format(t);
    }

    /** Plain decimal notation (0.00027, not Double.toString's 2.7E-4), as most exporters write it. */
    static void writePlain(JsonGenerator gen, String field, double value) throws IOException {
        gen.writeFieldName(field);
        gen.writeNumber(BigDecimal.valueOf(value).toPlainString());
    }
}
