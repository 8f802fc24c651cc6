package dev.llmmon.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts rejected input by reason and keeps the first few examples of each, with file, line and field.
 * Not thread-safe: give each reading thread its own and {@link #mergeShifted} them.
 */
public final class Rejections {
    /** How many examples are kept per reason. */
    public static final int EXAMPLES_PER_REASON = 5;

    private final boolean strict;
    private final EnumMap<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
    private final EnumMap<RejectReason, List<Rejection>> examples = new EnumMap<>(RejectReason.class);
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private long blankLines;
    private long spansGiven;
    private long spansInRejectedLines;
    private long linesRejectedWithSpans;

    private Rejections(boolean strict) {
        this.strict = strict;
    }

    /** Counts rejections and goes on. */
    public static Rejections lenient() {
        return new Rejections(false);
    }

    /** Throws {@link RejectedInputException} at the first rejection. */
    public static Rejections strict() {
        return new Rejections(true);
    }

    public static Rejections of(boolean strict) {
        return new Rejections(strict);
    }

    public boolean isStrict() {
        return strict;
    }

    public void reject(RejectReason reason, String file, long line, String field, String message) {
        add(new Rejection(reason, file, line, field, message));
    }

    public void add(Rejection rejection) {
        if (strict) {
            throw new RejectedInputException(rejection);
        }
        counts.merge(rejection.reason(), 1L, Long::sum);
        List<Rejection> kept = examples.computeIfAbsent(rejection.reason(), r -> new ArrayList<>());
        if (kept.size() < EXAMPLES_PER_REASON) {
            kept.add(rejection);
        }
    }

    /**
     * Counts a record that was read correctly but is deliberately not a request record (a framework, tool or agent
     * span, ...): not a rejection, so {@code strict} does not fail on it, but never dropped without a count.
     *
     * @param kind what was skipped, e.g. {@code span gen_ai.operation.name=framework}
     */
    public void skip(String kind) {
        skipped.merge(kind, 1L, Long::sum);
    }

    /**
     * Says why a file gave no records, or far fewer than it rejected (what was seen, what was expected): never a
     * silent zero. Not a rejection (the counts do not change), but {@code strict} fails on it, as a
     * {@link RejectReason#NO_RECORDS} rejection of that file.
     *
     * @param file    the file the note is about
     * @param message why, e.g. which span kinds were skipped and which attributes a model call needs
     */
    public void note(String file, String message) {
        if (strict) {
            throw new RejectedInputException(new Rejection(RejectReason.NO_RECORDS, file, 0, null, message));
        }
        notes.add(file + ": " + message);
    }

    /**
     * A note that does not fail {@code strict}: the file gave records, but few of what it held (a trace of mostly
     * HTTP or database spans is normal, so this warns instead of failing; an instrumentation whose calls are not
     * recognised looks the same and is what it is there to catch).
     */
    public void warn(String file, String message) {
        notes.add(file + ": " + message);
    }

    /** The notes so far ({@code file: message}), in the order they were made. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Counts a blank (empty or whitespace-only) line: neither a record nor a rejection, but counted, so that
     * accepted + rejected + skipped + blank lines add up to the lines read.
     */
    public void blankLine() {
        blankLines++;
    }

    /**
     * Counts the spans an OTLP batch line held: all of them when it parsed, and, for a line rejected as a whole (not
     * JSON, not a batch), as many as its bytes show {@code "spanId"} keys, also in {@code inRejectedLine}. Read as
     * lines, not spans, the other formats leave both at 0.
     */
    public void spans(long given, boolean inRejectedLine) {
        spansGiven += given;
        if (inRejectedLine && given > 0) {
            spansInRejectedLines += given;
            linesRejectedWithSpans++;
        }
    }

    /** Spans given in OTLP input, as far as they can be known (a broken line's spans counted by their keys). */
    public long spansGiven() {
        return spansGiven;
    }

    /** Of {@link #spansGiven()}, those inside lines rejected as a whole: none of them was read or skipped. */
    public long spansInRejectedLines() {
        return spansInRejectedLines;
    }

    /** Lines rejected as a whole that held spans: each is one rejection standing for its spans. */
    long linesRejectedWithSpans() {
        return linesRejectedWithSpans;
    }

    /** How many blank lines were read. */
    public long blankLines() {
        return blankLines;
    }

    /** Skipped records by kind, sorted by kind. */
    public Map<String, Long> skipped() {
        return Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    /** How many records were skipped, of every kind. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Adds the rejections of a partial that read a block of a file starting after line {@code lineOffset}, so that
     * its line numbers become line numbers of the whole file.
     */
    public void mergeShifted(Rejections other, long lineOffset) {
        other.counts.forEach((reason, count) -> counts.merge(reason, count, Long::sum));
        other.skipped.forEach((kind, count) -> skipped.merge(kind, count, Long::sum));
        notes.addAll(other.notes);
        blankLines += other.blankLines;
        spansGiven += other.spansGiven;
        spansInRejectedLines += other.spansInRejectedLines;
        linesRejectedWithSpans += other.linesRejectedWithSpans;
        other.examples.forEach((reason, list) -> {
            List<Rejection> kept = examples.computeIfAbsent(reason, r -> new ArrayList<>());
            for (Rejection r : list) {
                if (kept.size() < EXAMPLES_PER_REASON) {
                    kept.add(shift(r, lineOffset));
                }
            }
        });
    }

    static Rejection shift(Rejection r, long lineOffset) {
        return new Rejection(r.reason(), r.file(), r.line() + lineOffset, r.field(), r.message());
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(RejectReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public Map<RejectReason, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    public List<Rejection> examples(RejectReason reason) {
        return List.copyOf(examples.getOrDefault(reason, List.of()));
    }

    /** All kept examples, grouped by reason in enum order. */
    public List<Rejection> examples() {
        List<Rejection> all = new ArrayList<>();
        examples.values().forEach(all::addAll);
        return all;
    }
}
