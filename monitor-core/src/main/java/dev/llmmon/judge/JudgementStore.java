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
 * line is not done, so a rerun tries that request again (and appends its new outcome). A line that does not parse,
 * typically the torn last line of a killed process, is counted and skipped; if the file does not end with a newline,
 * one is written first so the next judgement starts on its own line. Existing lines are never rewritten.
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
    }

    public static Loaded read(Path file) throws IOException {
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
                    bad++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(file + ":" + lineNo + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Loaded(List.copyOf(out), bad, List.copyOf(examples));
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

    /** Lines that could not be read when the file was opened (a torn last line counts here). */
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
