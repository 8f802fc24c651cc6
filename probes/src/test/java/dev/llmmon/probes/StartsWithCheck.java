package dev.llmmon.probes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.probes.spi.Check;
import dev.llmmon.probes.spi.CheckContext;
import dev.llmmon.probes.spi.CheckResult;
import dev.llmmon.probes.spi.Observation;

/** A user check type, loaded through META-INF/services in the test resources. */
public final class StartsWithCheck implements Check {
    @Override
    public String type() {
        return "starts-with";
    }

    @Override
    public void validate(JsonNode config) {
        if (!config.path("prefix").isTextual()) {
            throw new IllegalArgumentException("'prefix' (text) is required");
        }
    }

    @Override
    public CheckResult evaluate(JsonNode config, Observation observation, CheckContext context) {
        String prefix = config.get("prefix").asText();
        return observation.output().startsWith(prefix) ? CheckResult.pass("starts with " + prefix)
                : CheckResult.fail("does not start with " + prefix);
    }
}
