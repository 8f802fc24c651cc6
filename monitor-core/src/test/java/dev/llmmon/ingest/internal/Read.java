package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.RequestRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs a reader over text or a file and keeps what came out. */
final class Read {
    final List<RequestRecord> records = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    final Rejections rejections = Rejections.lenient();

    static Read text(LogReader reader, String content) {
        return stream(reader, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "test.jsonl");
    }

    static Read file(LogReader reader, Path file) {
        try (InputStream in = InputFiles.open(file)) {
            return stream(reader, in, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Read stream(LogReader reader, InputStream in, String name) {
        Read read = new Read();
        try {
            reader.read(in, name, (record, file, line) -> {
                read.records.add(record);
                read.lines.add(line);
            }, read.rejections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read;
    }

    RequestRecord only() {
        if (records.size() != 1) {
            throw new AssertionError("expected one record, got " + records.size() + "; rejections: " + rejections.examples());
        }
        return records.get(0);
    }

    Rejection onlyRejection() {
        if (rejections.total() != 1) {
            throw new AssertionError("expected one rejection, got " + rejections.examples());
        }
        return rejections.examples().get(0);
    }
}
