package dev.llmmon.evals;

import java.util.List;

/** An eval-case file that cannot be used; the message starts with {@code file:line:} and names the field. */
public final class EvalCaseException extends CaseFileException {

    public EvalCaseException(String file, int line, List<String> problems) {
        super(file, line, problems);
    }

    public EvalCaseException(String file, int line, String problem) {
        this(file, line, List.of(problem));
    }
}
