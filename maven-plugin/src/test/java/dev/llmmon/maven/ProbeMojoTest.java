package dev.llmmon.maven;

import dev.llmmon.client.ApiKey;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.llmmon.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;

/** The goal's binding of parameters to a launcher request, without Maven. */
class ProbeMojoTest {

    /** A mojo with the defaults Maven would inject. */
    private static ProbeMojo mojo(Path basedir) throws ReflectiveOperationException {
        ProbeMojo m = new ProbeMojo();
        set(m, "basedir", basedir.toFile());
        set(m, "provider", "openai");
        set(m, "model", "demo-model");
        set(m, "history", basedir.resolve(".llmmon/probe-history.jsonl").toFile());
        set(m, "maxConcurrency", 4);
        set(m, "requestsPerMinute", 0);
        set(m, "timeoutSeconds", 60);
        set(m, "reportsDirectory", basedir.resolve("target/llmmon/probe-reports").toFile());
        set(m, "failOnSilentChange", true);
        set(m, "failOnAborted", true);
        set(m, "silentChangeAlpha", 0.01);
        set(m, "silentChangeBaselineRuns", 10);
        set(m, "allureResultsDirectory", basedir.resolve("target/allure-results").toFile());
        set(m, "allure", true);
        return m;
    }

    @Test
    void defaultsBindToTheEngineParametersAndTheCatalog(@TempDir Path dir) throws Exception {
        ProbeRequest r = mojo(dir).request();
        assertThat(r.parameters()).containsEntry(Constants.PROVIDER, "openai").containsEntry(Constants.MODEL, "demo-model")
                .containsEntry(Constants.MAX_CONCURRENCY, "4").containsEntry(Constants.REQUESTS_PER_MINUTE, "0")
                .containsEntry(Constants.TIMEOUT_SECONDS, "60")
                .containsEntry(Constants.HISTORY, dir.resolve(".llmmon/probe-history.jsonl").toString())
                .doesNotContainKeys(Constants.MODE, Constants.CASSETTE, Constants.BASE_URL, Constants.API_KEY_ENV,
                        Constants.JUDGE_MODEL, Constants.EMBEDDING_MODEL);
        assertThat(r.catalog()).isTrue();
        assertThat(r.probes()).isEmpty();
        assertThat(r.replays()).isFalse();
        assertThat(r.reportsDirectory()).isEqualTo(dir.resolve("target/llmmon/probe-reports"));
        assertThat(r.allureResultsDirectory()).contains(dir.resolve("target/allure-results"));
        assertThat(r.failOnAborted()).isTrue();
        assertThat(r.failOnSilentChange()).isTrue();
        assertThat(r.silentChangeAlpha()).isEqualTo(0.01);
        assertThat(r.silentChangeBaselineRuns()).isEqualTo(10);
        assertThat(r.apiKey()).isEmpty();
        assertThat(r.classLoader()).isSameAs(ProbeMojo.class.getClassLoader());
    }

    @Test
    void givenParametersWinOverConfigurationParametersAndPathsResolveAgainstTheBaseFolder(@TempDir Path dir)
            throws Exception {
        ProbeMojo m = mojo(dir);
        set(m, "probes", List.of(" probes ", "classpath:com/acme"));
        set(m, "catalog", Boolean.TRUE);
        set(m, "mode", "record");
        set(m, "cassette", "answers.jsonl");
        set(m, "baseUrl", "http://localhost:1234/v1");
        set(m, "apiKeyEnv", "MY_KEY");
        set(m, "judgeModel", "judge");
        set(m, "embeddingModel", "minilm");
        set(m, "configurationParameters", Map.of(Constants.MODEL, "other", "llmmon.custom", "x"));
        set(m, "allure", false);
        set(m, "failOnAborted", false);
        set(m, "failOnSilentChange", false);
        ProbeRequest r = m.request(ApiKey.of("sk-test"));
        assertThat(r.parameters()).containsEntry(Constants.MODEL, "demo-model").containsEntry("llmmon.custom", "x")
                .containsEntry(Constants.MODE, "record")
                .containsEntry(Constants.CASSETTE, dir.resolve("answers.jsonl").toString())
                .containsEntry(Constants.BASE_URL, "http://localhost:1234/v1").containsEntry(Constants.API_KEY_ENV, "MY_KEY")
                .containsEntry(Constants.JUDGE_MODEL, "judge").containsEntry(Constants.EMBEDDING_MODEL, "minilm");
        assertThat(r.probes()).containsExactly("probes", "classpath:com/acme");
        assertThat(r.catalog()).isTrue();
        assertThat(r.replays()).isFalse();
        assertThat(r.apiKey()).isPresent();
        assertThat(r.allureResultsDirectory()).isEmpty();
        assertThat(r.failOnAborted()).isFalse();
        assertThat(r.failOnSilentChange()).isFalse();
    }

    @Test
    void aClasspathCassetteIsKeptAndMeansReplay(@TempDir Path dir) throws Exception {
        ProbeMojo m = mojo(dir);
        set(m, "cassette", "classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl");
        ProbeRequest r = m.request();
        assertThat(r.parameters()).containsEntry(Constants.CASSETTE, "classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl");
        assertThat(r.replays()).isTrue();
    }

    static org.apache.maven.model.Plugin surefire(String version) {
        org.apache.maven.model.Plugin p = new org.apache.maven.model.Plugin();
        p.setGroupId("org.apache.maven.plugins");
        p.setArtifactId("maven-surefire-plugin");
        p.setVersion(version);
        return p;
    }

    @Test
    void anOldSurefireThatWouldRunTheProbeSuiteAsZeroTestsIsWarnedAbout() {
        org.apache.maven.model.Dependency probes = new org.apache.maven.model.Dependency();
        probes.setGroupId("dev.llmmon");
        probes.setArtifactId("llmmon-probes");
        probes.setScope("test");
        assertThat(ProbeMojo.surefireWarning(java.util.List.of(surefire("2.12.4")), java.util.List.of(probes)))
                .contains("maven-surefire-plugin is 2.12.4").contains("runs the probe @Suite as 0 tests");
        assertThat(ProbeMojo.surefireWarning(java.util.List.of(surefire("3.5.4")), java.util.List.of(probes))).isNull();
        assertThat(ProbeMojo.surefireWarning(java.util.List.of(surefire("2.12.4")), java.util.List.of())).isNull();
    }
}
