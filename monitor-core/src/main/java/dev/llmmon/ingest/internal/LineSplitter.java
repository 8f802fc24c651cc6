package dev.llmmon.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them, so that a JSON parser can read the bytes in place.
 * Handles {@code \n} and {@code \r\n}; skips blank lines (their numbers still count, and they are counted).
 */
final class LineSplitter {
    /** Called once per non-blank line; {@code line} is 1-based. */
    @FunctionalInterface
    interface LineHandler {
        void line(byte[] buffer, int offset, int length, long line) throws IOException;
    }

    private LineSplitter() {
    }

    /**
     * Feeds every line to {@code handler}. If the stream fails part way (a truncated gzip member), the lines read
     * before are already delivered and a {@link TruncatedStreamException} says how many there were.
     *
     * @return the number of lines read
     */
    static long split(InputStream in, LineHandler handler) throws IOException {
        return split(in, handler, line -> { });
    }

    /** As {@link #split(InputStream, LineHandler)}, telling {@code blank} the number of each blank line. */
    static long split(InputStream in, LineHandler handler, java.util.function.LongConsumer blank) throws IOException {
        byte[] buf = new byte[1 << 16];
        int start = 0;
        int end = 0;
        long lineNo = 0;
        while (true) {
            int n;
            try {
                n = in.read(buf, end, buf.length - end);
            } catch (IOException e) {
                throw new TruncatedStreamException(lineNo, e);
            }
            if (n < 0) {
                break;
            }
            int scanFrom = end;
            end += n;
            int i = scanFrom;
            while ((i = Newlines.indexOf(buf, i, end)) >= 0) {
                lineNo++;
                deliver(buf, start, i, lineNo, handler, blank);
                start = i + 1;
                i++;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        if (end > start) {
            lineNo++;
            deliver(buf, start, end, lineNo, handler, blank);
        }
        return lineNo;
    }

    private static void deliver(byte[] buf, int from, int to, long lineNo, LineHandler handler,
                                java.util.function.LongConsumer blank) throws IOException {
        int stop = to;
        if (stop > from && buf[stop - 1] == '\r') {
            stop--;
        }
        int s = from;
        while (s < stop && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        if (s < stop) {
            handler.line(buf, from, stop - from, lineNo);
        } else {
            blank.accept(lineNo);
        }
    }

    /** The underlying stream failed after {@code linesRead} complete lines. */
    static final class TruncatedStreamException extends IOException {
        final long linesRead;

        TruncatedStreamException(long linesRead, IOException cause) {
            super(cause.getMessage(), cause);
            this.linesRead = linesRead;
        }
    }
}
