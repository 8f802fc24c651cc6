package dev.llmmon.ingest;

import dev.llmmon.ingest.internal.DamagedInputException;
import dev.llmmon.ingest.internal.MappingException;
import dev.llmmon.ingest.internal.Newlines;
import dev.llmmon.ingest.internal.RequestIdSet;
import dev.llmmon.ingest.internal.TimeOutliers;
import dev.llmmon.ingest.internal.Values;
import dev.llmmon.record.RequestRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads files of request records in order, parsing blocks of lines on several threads, and delivers the accepted
 * records to one consumer in file order. Duplicate request ids are dropped here (first wins) and reported.
 *
 * <p>Why this shape: parsing JSON is most of the work and parallelises by block; deduplication and the consumer
 * (usually a {@code WindowAggregation}) see records in input order on one thread, so results, "first wins" and
 * rejection line numbers are the same for any number of threads. With strict {@link Rejections} the run stops at
 * the earliest rejection in input order. Records far outside the bulk of the data in time are held back and rejected
 * at the end ({@code TimeOutliers}), so a stray line never becomes the latest window or a drift reference day.
 */
public final class Ingest {
    /**
     * @param threads    parser threads (1 parses on the calling thread)
     * @param blockBytes size of the blocks handed to parser threads
     */
    public record Options(int threads, int blockBytes, int timeOutlierFloorDays) {
        /** The floor of the time-outlier rule unless configured (see {@code TimeOutliers}). */
        public static final int DEFAULT_TIME_OUTLIER_FLOOR_DAYS = 7;

        public Options {
            if (threads < 1 || blockBytes < 1024) {
                throw new IllegalArgumentException("threads >= 1 and blockBytes >= 1024 required");
            }
            if (timeOutlierFloorDays < 0) {
                throw new IllegalArgumentException("timeOutlierFloorDays must be 0 (off) or more");
            }
        }

        public Options(int threads, int blockBytes) {
            this(threads, blockBytes, DEFAULT_TIME_OUTLIER_FLOOR_DAYS);
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), 4 << 20);
        }

        public Options withThreads(int value) {
            return new Options(value, blockBytes, timeOutlierFloorDays);
        }

        /**
         * Records more than max(this many days, 3 × IQR) outside the middle half of the records' hours are rejected
         * as far from the bulk; {@code 0} turns the rule off (every record is used, in input order).
         */
        public Options withTimeOutlierFloorDays(int value) {
            return new Options(threads, blockBytes, value);
        }
    }

    /** What a run read: files, bytes after decompression, lines, accepted records and duplicates dropped. */
    public record Stats(List<Path> files, long bytesOnDisk, long bytesRead, long lines, long records, long duplicates) {
    }

    /** Whole lines {@code bytes[0, length)}, {@code lineCount} of them; {@code bytesRead} counts what was read for it (carried bytes too). */
    private record Block(byte[] bytes, int length, long lineCount, IOException truncation, long bytesRead, boolean last) {
    }

    private record Parsed(List<RequestRecord> records, long[] lines, long lineCount, Rejections rejections,
                          IOException truncation) {
    }

    private final Options options;
    // the run in progress (an Ingest runs one run at a time): for the first copy of a duplicate
    private List<String> fileNames = List.of();
    private int fileIndex;
    private TimeOutliers timeOutliers;

    public Ingest(Options options) {
        this.options = options;
    }

    public Stats run(List<Path> files, Function<Path, LogReader> readerFor, Consumer<RequestRecord> consumer,
                     Rejections rejections) throws IOException {
        ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "llmmon-parse");
            t.setDaemon(true);
            return t;
        }) : null;
        RequestIdSet ids = new RequestIdSet();
        long[] totals = new long[5]; // bytesOnDisk, bytesRead, lines, records, duplicates
        try {
            fileNames = files.stream().map(Path::toString).toList();
            timeOutliers = new TimeOutliers(consumer, options.timeOutlierFloorDays());
            for (fileIndex = 0; fileIndex < files.size(); fileIndex++) {
                readIsolated(files.get(fileIndex), readerFor, pool, ids, consumer, rejections, totals);
            }
            totals[3] -= timeOutliers.finish(rejections);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new Stats(List.copyOf(files), totals[0], totals[1], totals[2], totals[3], totals[4]);
    }

    /**
     * Reads one file so that whatever goes wrong with it costs only that file: a file that cannot be opened, whose
     * format cannot be told, or whose reading fails part way becomes one {@link RejectReason#UNREADABLE_FILE}
     * rejection naming it (the records read before the failure stay), and the next file is read. Strict mode and
     * a mapping that does not fit the export still stop the run: those are the caller's choice and configuration.
     */
    private void readIsolated(Path file, Function<Path, LogReader> readerFor, ExecutorService pool, RequestIdSet ids,
                              Consumer<RequestRecord> consumer, Rejections rejections, long[] totals) {
        long linesBefore = totals[2];
        FileAccount before = FileAccount.of(rejections, totals);
        try {
            totals[0] += Files.size(file);
            readFile(file, readerFor.apply(file), pool, ids, consumer, rejections, totals);
        } catch (RejectedInputException | MappingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            long readLines = totals[2] - linesBefore;
            String what = e instanceof IllegalArgumentException ? e.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            rejections.reject(RejectReason.UNREADABLE_FILE, file.toString(), readLines + 1, null,
                    (readLines == 0 ? "the file was not read: " : "reading stopped after line " + readLines + ": ")
                            + what);
        }
        before.noteIfFew(file.toString(), rejections, totals);
    }

    /**
     * What the run had read before a file, to tell what the file itself gave. Never a silent zero: a file that gave
     * no record, or fewer records than it had rejected, gets a {@linkplain Rejections#note note} saying what was
     * seen (rejections and skipped kinds) and what a record needs.
     */
    private record FileAccount(long lines, long records, Map<RejectReason, Long> rejected, Map<String, Long> skipped,
                               long spans, long spansInRejectedLines, long linesRejectedWithSpans) {
        /** Below this share of the spans given, a file with records still gets a (warning) note. */
        static final double FEW_CALLS_SHARE = 0.10;
        /** ... once it held at least this many spans (a handful of spans says little). */
        static final long FEW_CALLS_MIN_SPANS = 20;

        static FileAccount of(Rejections rejections, long[] totals) {
            return new FileAccount(totals[2], totals[3] + totals[4], rejections.counts(), rejections.skipped(),
                    rejections.spansGiven(), rejections.spansInRejectedLines(), rejections.linesRejectedWithSpans());
        }

        void noteIfFew(String file, Rejections rejections, long[] totals) {
            long lines = totals[2] - this.lines;
            long records = totals[3] + totals[4] - this.records; // duplicates were records too
            Map<RejectReason, Long> rejected = new java.util.EnumMap<>(RejectReason.class);
            rejections.counts().forEach((reason, n) -> {
                long d = n - this.rejected.getOrDefault(reason, 0L);
                if (d > 0) {
                    rejected.put(reason, d);
                }
            });
            Map<String, Long> skipped = new java.util.TreeMap<>();
            rejections.skipped().forEach((kind, n) -> {
                long d = n - this.skipped.getOrDefault(kind, 0L);
                if (d > 0) {
                    skipped.put(kind, d);
                }
            });
            long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
            long spans = rejections.spansGiven() - this.spans;
            long spansLost = rejections.spansInRejectedLines() - this.spansInRejectedLines;
            // a batch line rejected whole is one rejection standing for all its spans: count the spans
            rejectedTotal += spansLost - (rejections.linesRejectedWithSpans() - this.linesRejectedWithSpans);
            boolean fewOfSpans = spans >= FEW_CALLS_MIN_SPANS && records < FEW_CALLS_SHARE * spans;
            if (records > 0 && rejectedTotal <= records && !fewOfSpans) {
                return;
            }
            boolean warnOnly = records > 0 && rejectedTotal <= records; // only the share rule fired
            StringBuilder why = new StringBuilder(records == 0 ? "no request records"
                    : warnOnly ? "only " + records + " request record(s), under "
                    + Math.round(FEW_CALLS_SHARE * 100) + "% of the spans given"
                    : "only " + records + " request record(s), fewer than the " + rejectedTotal + " rejected");
            why.append(" from ").append(lines).append(" line(s)");
            if (spans > 0) {
                why.append(" holding ").append(spans).append(" span(s)");
                if (spansLost > 0) {
                    why.append(" (").append(spansLost).append(" of them in lines rejected as a whole)");
                }
            }
            if (!rejected.isEmpty()) {
                why.append("; rejected: ").append(String.join(", ", rejected.entrySet().stream()
                        .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue()).toList()));
            }
            if (!skipped.isEmpty()) {
                why.append("; skipped as not model calls: ").append(String.join(", ", skipped.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList()));
            }
            if (skipped.keySet().stream().anyMatch(k -> k.startsWith("span"))) {
                why.append(". A model call is a span with gen_ai.operation.name chat, text_completion,"
                        + " generate_content or embeddings; llm.request.type chat, completion or embedding"
                        + " (OpenLLMetry); openinference.span.kind LLM or EMBEDDING; or a Vercel AI"
                        + " ai.*.doGenerate/doStream/doEmbed span (docs/formats.md, section 3)");
            } else if (skipped.keySet().stream().anyMatch(k -> k.startsWith("row"))) {
                why.append(". The mapping's skip_unless left no row: check its 'from' and 'equals'");
            } else if (lines == 0) {
                why.append(": the file is empty");
            } else if (!rejected.isEmpty()) {
                why.append(". The first rejections of each reason, with file, line and field, are listed with them");
            }
            if (warnOnly) {
                rejections.warn(file, why.toString());
            } else {
                rejections.note(file, why.toString());
            }
        }
    }

    private void readFile(Path file, LogReader reader, ExecutorService pool, RequestIdSet ids,
                          Consumer<RequestRecord> consumer, Rejections rejections, long[] totals) throws IOException {
        String name = file.toString();
        if (!reader.splittable()) {
            readWhole(file, reader, ids, consumer, rejections, totals);
            return;
        }
        long[] lineOffset = {0};
        if (pool == null) {
            try (InputStream in = InputFiles.open(file)) {
                BlockReader blocks = new BlockReader(in, options.blockBytes());
                Block block;
                do {
                    block = blocks.next();
                    totals[1] += block.bytesRead();
                    consume(parse(block, reader, name), name, ids, consumer, rejections, totals, lineOffset);
                } while (!block.last());
            }
            return;
        }
        // Reading (and decompressing) runs on a thread of its own, so that it overlaps with this thread's
        // deduplication and aggregation; parsing runs on the pool; results are consumed in input order.
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(options.threads() + 1);
        Thread readerThread = new Thread(() -> {
            try (InputStream in = InputFiles.open(file)) {
                BlockReader blocks = new BlockReader(in, options.blockBytes());
                Block block;
                do {
                    block = blocks.next();
                    queue.put(block);
                } while (!block.last());
            } catch (IOException | RuntimeException e) {
                try {
                    queue.put(e); // the consumer takes blocks until it meets this
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the consumer failed and stopped reading
            }
        }, "llmmon-read");
        readerThread.setDaemon(true);
        readerThread.start();
        Deque<Future<Parsed>> inFlight = new ArrayDeque<>();
        try {
            while (true) {
                Object next = take(queue);
                if (next instanceof IOException e) {
                    throw e;
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                Block block = (Block) next;
                totals[1] += block.bytesRead();
                inFlight.add(pool.submit(() -> parse(block, reader, name)));
                while (inFlight.size() > options.threads() * 2 || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
                    consume(await(inFlight.poll()), name, ids, consumer, rejections, totals, lineOffset);
                }
                if (block.last()) {
                    break;
                }
            }
            while (!inFlight.isEmpty()) {
                consume(await(inFlight.poll()), name, ids, consumer, rejections, totals, lineOffset);
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            readerThread.interrupt();
        }
    }

    private static Object take(BlockingQueue<Object> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
    }

    /** Cuts a stream into blocks of whole lines. */
    private static final class BlockReader {
        private final InputStream in;
        private final int blockBytes;
        private byte[] carry = new byte[0];
        private int carryLength;

        BlockReader(InputStream in, int blockBytes) {
            this.in = in;
            this.blockBytes = blockBytes;
        }

        Block next() {
            long bytesRead = 0;
            while (true) {
                byte[] buf = new byte[Math.max(blockBytes, carryLength * 2)];
                System.arraycopy(carry, 0, buf, 0, carryLength);
                int length = carryLength;
                IOException truncation = null;
                boolean eof = false;
                try {
                    while (length < buf.length) {
                        int n = in.read(buf, length, buf.length - length);
                        if (n < 0) {
                            eof = true;
                            break;
                        }
                        length += n;
                    }
                } catch (IOException e) {
                    truncation = e;
                    eof = true;
                }
                bytesRead += length - carryLength;
                int cut;
                if (eof) {
                    // a partial last line of a damaged stream is not a line: drop it with the truncation report
                    cut = truncation == null ? length : lastNewline(buf, length) + 1;
                } else {
                    cut = lastNewline(buf, length) + 1;
                    if (cut == 0) { // one line longer than the block: read on
                        carry = buf;
                        carryLength = length;
                        continue;
                    }
                }
                carryLength = length - cut;
                carry = carryLength == 0 ? new byte[0] : Arrays.copyOfRange(buf, cut, length);
                // counted here, on the reading thread, which has time to spare
                long lines = Newlines.count(buf, cut);
                if (cut > 0 && buf[cut - 1] != '\n') {
                    lines++;
                }
                return new Block(buf, cut, lines, truncation, bytesRead, eof);
            }
        }
    }

    private void readWhole(Path file, LogReader reader, RequestIdSet ids, Consumer<RequestRecord> consumer,
                           Rejections rejections, long[] totals) throws IOException {
        String name = file.toString();
        CountingInputStream in = new CountingInputStream(InputFiles.open(file));
        long[] lastLine = {0};
        try (in) {
            reader.read(in, name, (r, f, line) -> {
                lastLine[0] = Math.max(lastLine[0], line);
                accept(r, name, line, ids, consumer, rejections, totals);
            }, rejections);
        }
        totals[1] += in.count;
        totals[2] += lastLine[0];
    }

    private void accept(RequestRecord r, String name, long line, RequestIdSet ids,
                        Consumer<RequestRecord> consumer, Rejections rejections, long[] totals) {
        // where the first copy was: the file's index in the run (24 bits) and its line (40 bits)
        long first = ids.add(r.requestId(), (long) fileIndex << 40 | Math.min(line, (1L << 40) - 1));
        if (first == RequestIdSet.NEW) {
            totals[3]++;
            timeOutliers.accept(r, name, line);
        } else {
            totals[4]++;
            String where = fileNames.get((int) (first >>> 40)) + ":" + (first & ((1L << 40) - 1));
            rejections.reject(RejectReason.DUPLICATE_REQUEST_ID, name, line, "request_id",
                    "request_id '" + Values.abbreviate(r.requestId()) + "' seen before, first at " + where
                            + "; the first record is kept");
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static int lastNewline(byte[] buf, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Parsed parse(Block block, LogReader reader, String name) throws IOException {
        List<RequestRecord> records = new ArrayList<>();
        long[][] lines = {new long[256]};
        Rejections local = Rejections.lenient();
        reader.read(new ByteArrayInputStream(block.bytes(), 0, block.length()), name, (r, f, line) -> {
            if (records.size() == lines[0].length) {
                lines[0] = Arrays.copyOf(lines[0], lines[0].length * 2);
            }
            lines[0][records.size()] = line;
            records.add(r);
        }, local);
        return new Parsed(records, lines[0], block.lineCount(), local, block.truncation());
    }

    private void consume(Parsed parsed, String name, RequestIdSet ids, Consumer<RequestRecord> consumer,
                         Rejections rejections, long[] totals, long[] lineOffset) {
        long offset = lineOffset[0];
        if (rejections.isStrict() && parsed.rejections().total() > 0) {
            // strict: fail at the earliest rejection in input order, whichever thread found it
            Rejection first = parsed.rejections().examples().stream()
                    .min((a, b) -> Long.compare(a.line(), b.line())).orElseThrow();
            throw new RejectedInputException(Rejections.shift(first, offset));
        }
        rejections.mergeShifted(parsed.rejections(), offset);
        for (int i = 0; i < parsed.records().size(); i++) {
            accept(parsed.records().get(i), name, offset + parsed.lines()[i], ids, consumer, rejections, totals);
        }
        lineOffset[0] += parsed.lineCount();
        totals[2] += parsed.lineCount();
        if (parsed.truncation() != null) {
            rejections.reject(DamagedInputException.reasonOf(parsed.truncation()), name, lineOffset[0] + 1, null,
                    DamagedInputException.message(lineOffset[0], parsed.truncation()));
        }
    }

    private static Parsed await(Future<Parsed> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }
}
