package dev.llmmon.probes;

import java.util.Objects;

/**
 * One probe as discovery found it, before anything runs: what the gate plans, caches and pairs by.
 *
 * @param uniqueId    the JUnit unique id, deterministic (file and declared id), the same in every run
 * @param name        {@code file / id}, as the summary table shows it
 * @param feature     the probe's feature, or its file's name when it declares none
 * @param cluster     what the gate clusters the case by: the probe's declared cluster, else its feature
 * @param repeat      calls per run, after {@link Constants#REPEAT}
 * @param minPassRate share of calls that must pass
 * @param promptChars characters of system prompt and input (a token estimate before the run)
 * @param maxTokens   the probe's output limit, or {@code 0} when it sets none
 * @param contentHash SHA-256 of everything that decides the calls and checks (input, system, model, parameters,
 *                    checks, pass rate), not of the description or the line: a changed probe gets a new hash
 * @param severity    {@code critical}, {@code major} (the default) or {@code minor}: the gate's floors per severity
 * @param judgeChecks {@code rubric} checks per call: judge calls each call costs when a judge is configured
 */
public record ProbeCase(String uniqueId, String name, String feature, String cluster, int repeat, double minPassRate, int promptChars,
                        int maxTokens, String contentHash, String severity, int judgeChecks) {
    public ProbeCase {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(severity, "severity");
    }
}
