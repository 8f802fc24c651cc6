package dev.llmmon.probes.spec;

import dev.llmmon.evals.CaseFileException;
import java.util.List;

/** A probe file that cannot be used; the message starts with {@code file:line:}. */
public final class ProbeFileException extends CaseFileException {

    public ProbeFileException(String file, int line, List<String> problems) {
        super(file, line, problems);
    }

    public ProbeFileException(String file, int line, String problem) {
        this(file, line, List.of(problem));
    }
}
