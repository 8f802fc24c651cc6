package dev.llmmon.evals;

import java.util.List;

/**
 * A probe or eval-case file that cannot be used: the message starts with {@code file:line:} and names the field.
 * One type for both readers' problems, so a caller can report either the same way; each reader throws its own
 * subclass ({@link EvalCaseException}, the probes engine's {@code ProbeFileException}).
 */
public abstract class CaseFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final List<String> problems;

    protected CaseFileException(String file, int line, List<String> problems) {
        super(format(file, line, problems));
        this.file = file;
        this.line = line;
        this.problems = List.copyOf(problems);
    }

    private static String format(String file, int line, List<String> problems) {
        StringBuilder s = new StringBuilder(file).append(':').append(line).append(": ").append(problems.get(0));
        for (int i = 1; i < problems.size(); i++) {
            s.append("\n  also ").append(problems.get(i));
        }
        return s.toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line of the first problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** Every problem found, the first at {@link #line()}; later ones carry their own {@code line N:} prefix. */
    public List<String> problems() {
        return problems;
    }
}
