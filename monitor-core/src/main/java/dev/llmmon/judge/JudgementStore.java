package dev.llmmon.judge;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The append-only JSONL judgement file, and the resume logic over it.
 *
 * <p>On open, every existing line is read to learn which (request, rubric version, judge model) keys are done: a
 * judgement with status {@code ok} or {@code unparseable} was paid for and is never asked again; an {@code error}
 * line is not done, so a rerun tries that request again (and appends its new outcome). A judgement line cut off by a
 * killed process (it starts like one and its JSON ends early) is counted and skipped; if the file does not end with a
 * newline, one is written first so the next judgement starts on its own line, which is why such a line may later sit
 * mid-file. Existing lines are never rewritten.
 *
 * <p>A file that is not recognisably a store is refused, for reading and above all for appending: a gzip file, a
 * first line that is not a judgement (a CSV, a request log), or any other line that is neither a judgement nor a torn
 * one. A mistaken {@code llmmon.judgements} path must never have judgements appended to someone else's file.
 *
 * <p>{@link #append} writes one line and flushes it to the operating system before returning; it is synchronized, so
 * judge threads may call it directly.
 */
public final class JudgementStore implements Closeable {
    private static final int EXAMPLES = 3;

    private final Path file;
    private final Set<Judgement.Key> done = new HashSet<>();
    private final List<Judgement> existing;
    private final long badLines;
    private final List<String> badLineExamples;
    private final OutputStream out;

    private JudgementStore(Path file, Loaded loaded) throws IOException {
        this.file = file;
        this.existing = loaded.judgements();
        this.badLines = loaded.badLines();
        this.badLineExamples = loaded.badLineExamples();
        for (Judgement j : existing) {
            if (j.status() != JudgementStatus.ERROR) {
                done.add(j.key());
            }
        }
        boolean needsNewline = endsWithoutNewline(file);
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (needsNewline) {
            out.write('\n');
            out.flush();
        }
    }

    /** Opens (creating if absent) the store at {@code file}, reading what is already there. */
    public static JudgementStore open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new JudgementStore(file, Files.exists(file) ? read(file) : new Loaded(List.of(), 0, List.of()));
    }

    /** Everything a judgement file holds, in file order, with unreadable lines counted. */
    public record Loaded(List<Judgement> judgements, long badLines, List<String> badLineExamples) {
        /** The newest judgement per key, an ok/unparseable one winning over a later error. */
        public Collection<Judgement> latest() {
            return JudgementStore.latest(judgements);
        }

        /**
         * Why quality read from this store cannot be trusted, {@code null} when it can: no judgement with scores at
         * all, or most of the latest judgements unparseable (the judge does not follow the reply format, so the
         * scored ones are a biased remainder).
         */
        public String unusable() {
            long ok = 0;
            long unparseable = 0;
            long failed = 0;
            for (Judgement j : latest()) {
                switch (j.status()) {
                    case OK -> ok++;
                    case UNPARSEABLE -> unparseable++;
                    case ERROR -> failed++;
                }
            }
            long total = ok + unparseable + failed;
            String counts = ok + " ok, " + unparseable + " unparseable, " + failed + " failed of " + total
                    + " judged request(s)";
            if (ok == 0) {
                return "the judgement store has no usable scores (" + counts + "): the quality series are empty;"
                        + (unparseable > 0 ? " the judge's replies did not follow the scores format (see their error"
                        + " field)" : " run llmmon:judge first");
            }
            if (unparseable * 2 > ok + unparseable) {
                return "most judgements in the store are unparseable (" + counts + "): the judge model does not follow"
                        + " the scores format, so the scored remainder is not a fair sample; fix the judge (model or"
                        + " rubric) before trusting its quality series";
            }
            return null;
        }
    }

    /**
     * Reads a store.
     *
     * @throws IOException the file cannot be read, or is not a judgement store (the message names file and line)
     */
    public static Loaded read(Path file) throws IOException {
        refuseCompressed(file);
        List<Judgement> out = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        long bad = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JudgementJson.read(line));
                } catch (IllegalArgumentException e) {
                    if (!JudgementJson.isTorn(line)) {
                        throw notAStore(file, lineNo, out.isEmpty() && bad == 0, e.getMessage());
                    }
                    bad++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(file + ":" + lineNo + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Loaded(List.copyOf(out), bad, List.copyOf(examples));
    }

    private static IOException notAStore(Path file, long lineNo, boolean first, String why) {
        return new IOException(first
                ? file + " is not a judgement store: line " + lineNo + " is not a judgement (" + why + "). A store is"
                        + " the JSONL file llmmon:judge writes; point llmmon.judgements at it, or at a new file"
                : file + ":" + lineNo + ": not a judgement (" + why + "), and not one cut off by an interrupted run;"
                        + " the file is refused as a judgement store so nothing is appended to it. Remove that line,"
                        + " or point llmmon.judgements at another file");
    }

    private static void refuseCompressed(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                throw new IOException(file + " is a gzip file, not a judgement store: a store is plain JSONL that"
                        + " llmmon:judge appends to; point llmmon.judgements at it, or at a new file");
            }
        }
    }

    /** The newest judgement per key; a non-error judgement is never displaced by an error. */
    public static Collection<Judgement> latest(Iterable<Judgement> judgements) {
        Map<Judgement.Key, Judgement> byKey = new LinkedHashMap<>();
        for (Judgement j : judgements) {
            byKey.merge(j.key(), j, (old, neu) ->
                    neu.status() == JudgementStatus.ERROR && old.status() != JudgementStatus.ERROR ? old : neu);
        }
        return byKey.values();
    }

    public synchronized boolean isDone(Judgement.Key key) {
        return done.contains(key);
    }

    /** Appends one judgement and flushes it. */
    public synchronized void append(Judgement judgement) throws IOException {
        out.write((JudgementJson.write(judgement) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (judgement.status() != JudgementStatus.ERROR) {
            done.add(judgement.key());
        }
    }

    /** Judgements that were in the file when it was opened. */
    public List<Judgement> existing() {
        return existing;
    }

    /** Judgement lines cut off by an interrupted run, skipped when the file was opened. */
    public long badLines() {
        return badLines;
    }

    public List<String> badLineExamples() {
        return badLineExamples;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private static boolean endsWithoutNewline(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) != '\n';
        }
    }
}
