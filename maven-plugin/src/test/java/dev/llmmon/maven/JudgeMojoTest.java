package dev.llmmon.maven;

import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.judge.JudgeConfig;
import dev.llmmon.record.SignalType;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.llmmon.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The judge goal's binding, without Maven: fields set as Maven would set them, then the core values checked. */
class JudgeMojoTest {

    /** A mojo with the defaults its {@code @Parameter}s declare. */
    static JudgeMojo mojo() {
        JudgeMojo m = new JudgeMojo();
        set(m, "provider", "openai");
        set(m, "model", "gpt-4o-mini");
        set(m, "rate", 0.05);
        set(m, "alwaysJudge", "thumbs_down,correction");
        set(m, "flagMeanAtMost", 2.0);
        set(m, "flagCorrectnessAtMost", 2);
        set(m, "timeoutSeconds", 60);
        set(m, "stopAfterFailures", 5);
        return m;
    }

    @Test
    void defaultsGiveTheProvidersEndpointAndItsKeyVariableWhenSet() {
        Endpoint e = mojo().endpoint(null);
        assertThat(e).isEqualTo(Endpoint.builder(Endpoint.Provider.OPENAI, "gpt-4o-mini")
                .keySource(KeySource.envIfSet("OPENAI_API_KEY")).build());
        Endpoint anthropic = mojoWith("provider", " Anthropic ").endpoint(null);
        assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(anthropic.keySource()).isEqualTo(KeySource.envIfSet("ANTHROPIC_API_KEY"));
    }

    @Test
    void aKeylessLocalEndpointWorksWithAWarningButANamedVariableMustBeSet() {
        JudgeMojo m = mojoWith("baseUrl", "http://localhost:11434/v1");
        Endpoint local = m.endpoint(null);
        assertThat(local.keySource().resolve(name -> null).isPresent()).isFalse(); // no exception, no key
        assertThat(JudgeMojo.keyWarning(local, name -> null))
                .startsWith("OPENAI_API_KEY is not set: calling http://localhost:11434/v1 without an API key");
        assertThat(JudgeMojo.keyWarning(local, name -> "sk-set")).isNull();

        set(m, "apiKeyEnv", "MY_KEY");
        Endpoint named = m.endpoint(null);
        assertThatThrownBy(() -> named.keySource().resolve(name -> null)).hasMessageContaining("MY_KEY");
        assertThat(JudgeMojo.keyWarning(named, name -> null)).isNull();
    }

    @Test
    void aSpendCapWorksForAPricedModelAndForExplicitPrices() throws Exception {
        JudgeMojo priced = mojoWith("maxSpendUsd", 2.0);
        JudgeConfig c = priced.judgeConfig();
        assertThat(c.budget().maxSpendUsd()).isEqualTo(2.0);
        assertThat(c.pricing()).isNotNull();

        JudgeMojo local = mojoWith("maxSpendUsd", 0.5);
        set(local, "model", "llama3.1-local");
        assertThatThrownBy(local::judgeConfig).hasMessageContaining("needs the judge model's price")
                .hasMessageContaining("llmmon.judge.inputPricePerMillion");
        set(local, "inputPricePerMillion", 0.1);
        set(local, "outputPricePerMillion", 0.2);
        assertThat(local.judgeConfig().pricing()).isEqualTo(new dev.llmmon.judge.JudgePricing(0.1, 0.2));
    }

    @Test
    void endpointParametersAreBound() {
        JudgeMojo m = mojo();
        set(m, "provider", "azure");
        set(m, "baseUrl", "https://acme.openai.azure.com/openai/v1");
        set(m, "apiKeyEnv", "AZURE_KEY");
        set(m, "requestsPerMinute", 120);
        set(m, "timeoutSeconds", 5);
        Endpoint e = m.endpoint(null);
        assertThat(e.provider()).isEqualTo(Endpoint.Provider.AZURE_OPENAI);
        assertThat(e.authHeader()).isEqualTo("api-key");
        assertThat(e.keySource()).isEqualTo(KeySource.env("AZURE_KEY"));
        assertThat(e.requestsPerMinute()).isEqualTo(120);
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(5));

        set(m, "authHeader", "x-custom-key");
        assertThat(m.endpoint(null).authHeader()).isEqualTo("x-custom-key");
    }

    @Test
    void aSettingsKeyWinsOverTheEnvironmentAndIsNeverPrinted() {
        Endpoint e = mojo().endpoint("sk-from-settings-xml");
        assertThat(e.keySource().resolve(name -> null).isPresent()).isTrue();
        assertThat(e.toString()).doesNotContain("sk-from-settings-xml");
    }

    @Test
    void concurrencyHasTwoNamesAndTheJudgeOneWins() {
        assertThat(mojo().endpoint(null).maxConcurrency()).isEqualTo(4);
        JudgeMojo m = mojoWith("maxConcurrency", 8);
        assertThat(m.endpoint(null).maxConcurrency()).isEqualTo(8);
        set(m, "concurrency", 2);
        assertThat(m.endpoint(null).maxConcurrency()).isEqualTo(2);
        assertThatThrownBy(() -> mojoWith("concurrency", 0).endpoint(null))
                .hasMessageContaining("maxConcurrency must be >= 1");
    }

    @Test
    void anUnknownProviderIsNamed() {
        assertThatThrownBy(() -> mojoWith("provider", "gemini").endpoint(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown provider 'gemini'");
    }

    @Test
    void judgeSettingsAreBound() throws MojoExecutionException {
        JudgeConfig defaults = mojo().judgeConfig();
        assertThat(defaults.sampling().defaultRate()).isEqualTo(0.05);
        assertThat(defaults.sampling().alwaysJudgeSignals())
                .containsExactlyInAnyOrder(SignalType.THUMBS_DOWN, SignalType.CORRECTION);
        assertThat(defaults.flags().meanAtMost()).isEqualTo(2.0);
        assertThat(defaults.flags().dimensionAtMost()).isEqualTo(Map.of("correctness", 2));
        assertThat(defaults.pricing()).isNotNull(); // gpt-4o-mini is in the pricing table
        assertThat(defaults.stopAfterConsecutiveFailures()).isEqualTo(5);

        JudgeMojo m = mojo();
        set(m, "model", "my-own-judge");
        set(m, "featureRates", Map.of("chat", " 0.5 "));
        set(m, "includeErrors", true);
        set(m, "alwaysJudge", "");
        set(m, "flagMeanAtMost", 0.0);
        set(m, "flagCorrectnessAtMost", 0);
        set(m, "maxJudgements", 10L);
        set(m, "inputPricePerMillion", 1.0);
        set(m, "outputPricePerMillion", 2.0);
        JudgeConfig c = m.judgeConfig();
        assertThat(c.sampling().rateFor("chat")).isEqualTo(0.5);
        assertThat(c.sampling().includeErrors()).isTrue();
        assertThat(c.sampling().alwaysJudgeSignals()).isEmpty();
        assertThat(c.flags().meanAtMost()).isNull();
        assertThat(c.flags().dimensionAtMost()).isEmpty();
        assertThat(c.budget().maxJudgements()).isEqualTo(10);
        assertThat(c.pricing().inputUsdPerMillion()).isEqualTo(1.0);

        set(m, "inputPricePerMillion", null);
        assertThat(m.judgeConfig().pricing()).isNull(); // no table price for my-own-judge, only half given
    }

    @Test
    void badJudgeSettingsNameTheParameter() {
        assertThatThrownBy(() -> mojoWith("alwaysJudge", "thumbs_down,shrug").judgeConfig())
                .hasMessage("unknown signal type 'shrug' in llmmon.judge.alwaysJudge");
        assertThatThrownBy(() -> mojoWith("featureRates", Map.of("chat", "half")).judgeConfig())
                .isInstanceOf(NumberFormatException.class);
    }

    private static JudgeMojo mojoWith(String field, Object value) {
        JudgeMojo m = mojo();
        set(m, field, value);
        return m;
    }
}
