package dev.llmmon.maven;

import dev.llmmon.client.ApiKey;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.gate.GateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.llmmon.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate goal's binding of parameters to a gate request, without Maven. */
class GateMojoTest {

    /** A mojo with the defaults Maven would inject. */
    private static GateMojo mojo(Path basedir) throws ReflectiveOperationException {
        GateMojo m = new GateMojo();
        set(m, "basedir", basedir.toFile());
        set(m, "baselineModel", "gpt-4o-2024-08-06");
        set(m, "baselineProvider", "openai");
        set(m, "candidateModel", "gpt-4.1-2025-04-14");
        set(m, "candidateProvider", "openai");
        set(m, "maxConcurrency", 4);
        set(m, "requestsPerMinute", 0);
        set(m, "timeoutSeconds", 60);
        set(m, "allure", true);
        set(m, "repeat", 0);
        set(m, "margin", 0.02);
        set(m, "alpha", 0.05);
        set(m, "power", 0.8);
        set(m, "expectedDiscordance", 0.10);
        set(m, "batchSize", 20);
        set(m, "seed", 42L);
        set(m, "bootstrapResamples", 2000);
        set(m, "cacheDirectory", basedir.resolve("target/llmmon/gate-cache").toFile());
        set(m, "reuseBaseline", true);
        set(m, "outputDirectory", basedir.resolve("target/llmmon").toFile());
        return m;
    }

    @Test
    void defaultsGiveTwoSidesOfTheSameSuiteAndTheDefaultPolicy(@TempDir Path dir) throws Exception {
        GateRequest r = mojo(dir).request(null, null, null);
        assertThat(r.baseline().parameters()).containsEntry(Constants.MODEL, "gpt-4o-2024-08-06")
                .containsEntry(Constants.PROVIDER, "openai").doesNotContainKeys(Constants.REPEAT, Constants.BASE_URL,
                        Constants.CASSETTE, Constants.API_KEY_ENV);
        assertThat(r.candidate().parameters()).containsEntry(Constants.MODEL, "gpt-4.1-2025-04-14");
        assertThat(r.baseline().catalog()).isTrue(); // no probes given: the built-in catalog on both sides
        assertThat(r.baseline().reportsDirectory()).isEqualTo(dir.resolve("target/llmmon/gate/baseline/probe-reports"));
        assertThat(r.candidate().allureResultsDirectory()).contains(dir.resolve("target/llmmon/gate/candidate/allure-results"));
        assertThat(r.baseline().history()).isEmpty(); // a gate run leaves the probe history alone
        assertThat(r.policy().margin()).isEqualTo(0.02);
        assertThat(r.policy().sequential()).isFalse();
        assertThat(r.policy().scoresDecide()).isFalse(); // scores are reported only unless asked
        assertThat(r.cacheDirectory()).contains(dir.resolve("target/llmmon/gate-cache"));
        assertThat(r.outputDirectory()).isEqualTo(dir.resolve("target/llmmon"));
        assertThat(r.stepSummary()).isEmpty();
        assertThat(r.failOnInconclusive()).isFalse();
    }

    @Test
    void eachSideGetsItsOwnEndpointCassetteAndKeyAndTheSharedOnesOtherwise(@TempDir Path dir) throws Exception {
        GateMojo m = mojo(dir);
        set(m, "probes", List.of("probes"));
        set(m, "evals", List.of("classpath:evals/support-chat"));
        set(m, "baselineBaseUrl", "http://127.0.0.1:1/v1");
        set(m, "baselineCassette", "baseline.cassette.jsonl");
        set(m, "candidateProvider", "anthropic");
        set(m, "candidateCassette", "classpath:c.cassette.jsonl");
        set(m, "apiKeyEnv", "SHARED_KEY");
        set(m, "candidateApiKeyEnv", "CANDIDATE_KEY");
        set(m, "repeat", 5);
        set(m, "margin", 0.05);
        set(m, "sequential", true);
        set(m, "batchSize", 10);
        set(m, "quarantineFlaky", true);
        set(m, "failOnInconclusive", true);
        set(m, "floors", Map.of("safety", "0.95"));
        set(m, "reuseBaseline", false);
        set(m, "scoreMargin", "0.25");
        set(m, "severityFloors", Map.of("critical", "1.0"));
        GateRequest r = m.request(ApiKey.of("sk-baseline"), null, dir.resolve("summary.md").toString());

        assertThat(r.baseline().parameters()).containsEntry(Constants.BASE_URL, "http://127.0.0.1:1/v1")
                .containsEntry(Constants.CASSETTE, dir.resolve("baseline.cassette.jsonl").toString())
                .containsEntry(Constants.API_KEY_ENV, "SHARED_KEY").containsEntry(Constants.REPEAT, "5");
        assertThat(r.baseline().apiKey()).isPresent();
        assertThat(r.candidate().parameters()).containsEntry(Constants.PROVIDER, "anthropic")
                .containsEntry(Constants.CASSETTE, "classpath:c.cassette.jsonl")
                .containsEntry(Constants.API_KEY_ENV, "CANDIDATE_KEY").containsEntry(Constants.REPEAT, "5");
        assertThat(r.candidate().apiKey()).isEmpty();
        assertThat(r.candidate().probes()).containsExactly("probes");
        assertThat(r.baseline().evals()).containsExactly("classpath:evals/support-chat");
        assertThat(r.candidate().catalog()).isFalse();
        assertThat(r.policy().margin()).isEqualTo(0.05);
        assertThat(r.policy().sequential()).isTrue();
        assertThat(r.policy().batchSize()).isEqualTo(10);
        assertThat(r.policy().quarantineFlaky()).isTrue();
        assertThat(r.policy().floors()).containsEntry("safety", 0.95);
        assertThat(r.policy().scoreMargin()).isEqualTo(0.25);
        assertThat(r.policy().severityFloors()).containsEntry("critical", 1.0);
        assertThat(r.failOnInconclusive()).isTrue();
        assertThat(r.cacheDirectory()).isEmpty();
        assertThat(r.stepSummary()).contains(dir.resolve("summary.md"));
    }

    @Test
    void aFloorThatIsNoNumberIsAClearError(@TempDir Path dir) throws Exception {
        GateMojo m = mojo(dir);
        set(m, "floors", Map.of("safety", "high"));
        assertThatThrownBy(() -> m.request(null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("floors: feature safety needs a pass rate in [0, 1], was 'high'");
    }

    @Test
    void aScoreMarginThatIsNoNumberIsAClearError(@TempDir Path dir) throws Exception {
        GateMojo m = mojo(dir);
        set(m, "scoreMargin", "a lot");
        assertThatThrownBy(() -> m.request(null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llmmon.gate.scoreMargin");
    }
}
