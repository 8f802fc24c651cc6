package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.internal.json.Json;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a file that is one JSON document into the JSON lines every reader reads, streaming with Jackson's
 * {@link JsonParser} (one record in memory at a time, never the whole file):
 * <ul>
 *   <li>a JSON array of records ({@code GET /spend/logs} of LiteLLM): each element is a line;</li>
 *   <li>an API envelope, an object whose records are the array {@code data}, {@code items} or {@code results}
 *       (Langfuse's public API: {@code {"data": [...], "meta": {...}}}): each element is a line;</li>
 *   <li>one OTLP {@code ExportTraceServiceRequest}, pretty-printed (as opentelemetry-proto's
 *       {@code examples/trace.json}): each {@code resourceSpans} element becomes a batch line of its own.</li>
 * </ul>
 * Any other single document is refused with a {@link DamagedInputException} ({@link RejectReason#UNREADABLE_FILE})
 * saying what the file holds and how to convert it. JSON lines (the first line is a whole object, or the next line
 * starts another one) pass through untouched.
 *
 * <p>Line numbers stay the file's: before each record the stream repeats as many newlines as the file had, so a
 * record's line is the line where it starts in the file (records that start on the same line as the previous one
 * take the next line numbers). Decisions are made on the first read, not when the stream is opened, so a damaged
 * file fails where readers count failures.
 */
public final class JsonDocuments {
    /** Keys of an API envelope that hold the records, in the order they are looked for. */
    static final Set<String> ENVELOPE_KEYS = Set.of("data", "items", "results");
    private static final int PEEK = 1 << 20;

    private JsonDocuments() {
    }

    /** {@code in} (decompressed) as JSON lines when it is one JSON document; unchanged otherwise. */
    public static InputStream asLines(InputStream in) {
        return new Lazy(in);
    }

    /** Decides on the first read whether the input is a document. */
    private static final class Lazy extends InputStream {
        private final InputStream raw;
        private InputStream decided;

        Lazy(InputStream raw) {
            this.raw = raw;
        }

        private InputStream decided() throws IOException {
            if (decided == null) {
                BufferedInputStream buffered = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
                decided = isDocument(buffered) ? new Lines(buffered) : buffered;
            }
            return decided;
        }

        @Override
        public int read() throws IOException {
            return decided().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return decided().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /**
     * A document starts with {@code [}, or with <code>{</code> on a first line that is not a whole object and a next
     * line that does not start another object (a damaged first line of JSON lines is not a document).
     */
    static boolean isDocument(BufferedInputStream in) throws IOException {
        in.mark(PEEK + 1);
        try {
            byte[] head = peekHead(in);
            int i = skipSpace(head, 0);
            if (i >= head.length) {
                return false;
            }
            if (head[i] == '[') {
                return true;
            }
            if (head[i] != '{') {
                return false;
            }
            int end = i;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            if (end >= head.length) {
                return false; // one very long line: a JSON-lines batch, not pretty-printed
            }
            if (wholeObject(head, i, end - i)) {
                return false;
            }
            int next = skipSpace(head, end);
            return next < head.length && head[next] != '{';
        } finally {
            in.reset();
        }
    }

    /**
     * The bytes up to the first non-space byte after the first line (at most {@value #PEEK}): all detection needs.
     * A stream that fails meanwhile (a truncated gzip) gives what was read; the reader meets the failure again,
     * after the lines before it.
     */
    private static byte[] peekHead(InputStream in) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        boolean seenContent = false;
        boolean afterFirstLine = false;
        try {
            int b;
            while (head.size() < PEEK && (b = in.read()) >= 0) {
                head.write(b);
                boolean space = b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF;
                if (afterFirstLine && !space) {
                    break;
                }
                if (!space) {
                    seenContent = true;
                }
                if (b == '\n' && seenContent) {
                    afterFirstLine = true;
                }
            }
        } catch (IOException e) {
            // decided on what was read
        }
        return head.toByteArray();
    }

    private static int skipSpace(byte[] b, int from) {
        int i = from;
        // whitespace and the UTF-8 byte order mark
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'
                || b[i] == (byte) 0xEF || b[i] == (byte) 0xBB || b[i] == (byte) 0xBF)) {
            i++;
        }
        return i;
    }

    private static boolean wholeObject(byte[] b, int off, int len) throws IOException {
        try (JsonParser p = Json.LOG_FACTORY.createParser(b, off, len)) {
            p.nextToken();
            p.skipChildren();
            return p.currentToken() == JsonToken.END_OBJECT;
        } catch (JsonProcessingException e) {
            return false; // cut off or damaged: the next line decides
        }
    }

    /** The records of one document as JSON lines, produced one record at a time. */
    private static final class Lines extends InputStream {
        private final JsonParser parser;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private byte[] chunk = new byte[0];
        private int pos;
        private long line = 1; // the line the next byte written is on
        private boolean started;
        private boolean done;
        /** Inside an object document: the array being emitted, and how to wrap each element. */
        private boolean inArray;
        private boolean wrapAsBatch;
        private boolean recognised;
        private long recordLine;
        /** The line of the token that closed the document's records (its last line, for counting). */
        private long endLine;
        private final List<String> topLevel = new ArrayList<>();

        Lines(InputStream in) throws IOException {
            this.parser = Json.LOGS.createParser(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= chunk.length) {
                if (done || !fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }

        /** Produces the next record's line; false at the end of the document. */
        private boolean fill() throws IOException {
            out.reset();
            pos = 0;
            try {
                JsonNode record = next();
                if (record == null) {
                    done = true;
                    // blank lines up to the document's last line, so the run counts the file's lines
                    while (line <= endLine) {
                        out.write('\n');
                        line++;
                    }
                    chunk = out.toByteArray();
                    return chunk.length > 0;
                }
                long at = recordLine;
                while (line < at) {
                    out.write('\n');
                    line++;
                }
                if (wrapAsBatch) {
                    out.write("{\"resourceSpans\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                Json.LOGS.writeValue(out, record);
                if (wrapAsBatch) {
                    out.write("]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                out.write('\n');
                line++;
            } catch (JsonProcessingException e) {
                throw new DamagedInputException(RejectReason.MALFORMED_LINE, "the JSON document is broken at line "
                        + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()
                        + " (the records before it were read)", e);
            }
            chunk = out.toByteArray();
            return true;
        }

        /** The next record of the document, the parser on its last token; null at the end. */
        private JsonNode next() throws IOException {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_ARRAY) {
                    inArray = true;
                    recognised = true;
                } else if (first != JsonToken.START_OBJECT) {
                    return null;
                }
            }
            while (true) {
                if (inArray) {
                    JsonToken t = parser.nextToken();
                    if (t == JsonToken.END_ARRAY) {
                        endLine = parser.currentTokenLocation().getLineNr();
                        inArray = false;
                        wrapAsBatch = false;
                        continue;
                    }
                    if (t == null) {
                        return null;
                    }
                    recordLine = parser.currentTokenLocation().getLineNr();
                    return parser.readValueAsTree();
                }
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return null; // end of a top-level array
                }
                if (t == JsonToken.END_OBJECT) {
                    endLine = parser.currentTokenLocation().getLineNr();
                    if (!recognised) {
                        throw refused();
                    }
                    return null;
                }
                // a field of the top-level object
                String name = parser.currentName();
                JsonToken v = parser.nextToken();
                boolean records = v == JsonToken.START_ARRAY
                        && (name.equals("resourceSpans") || ENVELOPE_KEYS.contains(name));
                if (records) {
                    recognised = true;
                    inArray = true;
                    wrapAsBatch = name.equals("resourceSpans");
                } else {
                    topLevel.add(name);
                    parser.skipChildren();
                }
            }
        }

        private DamagedInputException refused() {
            String fields = topLevel.isEmpty() ? "no fields" : "the top-level fields " + String.join(", ",
                    topLevel.stream().limit(12).toList());
            return new DamagedInputException(RejectReason.UNREADABLE_FILE, "the file is one JSON document (not"
                    + " JSON lines) with " + fields + ", and none of them holds records. llmmon reads JSON lines, a"
                    + " JSON array of records, an API envelope whose records are the array 'data', 'items' or"
                    + " 'results', or one OTLP document ('resourceSpans'); convert it to JSON lines, e.g. with"
                    + " jq -c '.<field>[]'", null);
        }
    }
}
