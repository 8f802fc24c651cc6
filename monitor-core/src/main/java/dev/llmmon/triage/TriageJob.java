package dev.llmmon.triage;

import dev.llmmon.triage.internal.Triage;

import java.io.IOException;

/**
 * The triage job ({@code llmmon:triage} binds its parameters and calls {@link #run}): read the logs once, sample the
 * review bundle, scope, isolate, prepare the next commands, write {@code triage.json}, {@code triage.md} and
 * {@code triage-bundle.json}. {@link TriageResult#verdict()} says whether the goal fails.
 */
public final class TriageJob {

    /** Where the job reports progress. */
    public interface Log {
        void info(String line);

        void warn(String line);
    }

    private TriageJob() {
    }

    public static TriageResult run(TriageConfig config, Log log) throws IOException {
        return Triage.run(config, log);
    }
}
