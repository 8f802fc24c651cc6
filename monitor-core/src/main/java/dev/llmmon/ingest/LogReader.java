package dev.llmmon.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one (already decompressed) input stream of request records. Implementations stream: one line in memory
 * at a time. Bad lines go to {@code rejections}; the reader goes on with the next line.
 */
public interface LogReader {
    /**
     * @param in       the decompressed content
     * @param fileName name used in rejection messages
     */
    void read(InputStream in, String fileName, RecordSink sink, Rejections rejections) throws IOException;

    /**
     * Whether any run of whole lines can be read on its own, so that {@link Ingest} may parse blocks of a file in
     * parallel. Readers that keep state across lines (a CSV header, a mapping checked on the first record) say no
     * and are given the whole file on one thread.
     */
    default boolean splittable() {
        return true;
    }
}
