package dev.llmmon.probes.run;

import dev.llmmon.client.ChatResponse;
import dev.llmmon.probes.spi.CheckResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of a probe.
 *
 * @param repeat   0-based repeat index
 * @param response the answer, {@code null} when the call failed
 * @param error    why the call failed, {@code null} when it did not
 * @param checks   check name to result, in file order; empty when the call failed
 */
public record Attempt(int repeat, ChatResponse response, String error, Map<String, CheckResult> checks) {
    public Attempt {
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** The call succeeded and no check failed (skipped checks do not count against it). */
    public boolean passed() {
        return error == null && checks.values().stream().noneMatch(CheckResult::failed);
    }
}
