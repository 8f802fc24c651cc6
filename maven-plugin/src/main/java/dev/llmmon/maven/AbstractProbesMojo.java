package dev.llmmon.maven;

import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Map;

/**
 * What the goals that run a probe suite share ({@code probe}, {@code gate}): which probes, the judge and embedder, the
 * client limits, the key's default sources and Allure. Each goal adds its endpoint(s) and reports.
 */
public abstract class AbstractProbesMojo extends AbstractLlmmonMojo {

    /** Probe folders or files; {@code classpath:com/acme/probes} names a package, {@code classpath:x/y.yaml} a resource. */
    @Parameter(property = "llmmon.probes")
    private List<String> probes;

    /**
     * Eval-case folders or files ({@code *.eval.yaml}, eval JSONL); {@code classpath:evals/support-chat} names a
     * package. Run like probes (and, in the gate, paired like them).
     */
    @Parameter(property = "llmmon.evals")
    private List<String> evals;

    /** Also run the built-in canary catalog; default: only when no {@code probes} or {@code evals} are given. */
    @Parameter(property = "llmmon.catalog")
    private Boolean catalog;

    /** {@code live}, {@code record} or {@code replay}; default replay when a cassette is set, else live. */
    @Parameter(property = "llmmon.mode")
    private String mode;

    /** Environment variable holding the API key (default OPENAI_API_KEY or ANTHROPIC_API_KEY, optional then). */
    @Parameter(property = "llmmon.apiKeyEnv")
    private String apiKeyEnv;

    /** A {@code settings.xml} server whose password is the API key (encrypted passwords are supported). */
    @Parameter(property = "llmmon.serverId")
    private String serverId;

    /** Judge model for {@code rubric} checks (same endpoint); unset: rubric checks are skipped. */
    @Parameter(property = "llmmon.judge.model")
    private String judgeModel;

    /** Embedding model for {@code similar}/{@code not-similar}; unset: those checks are skipped. */
    @Parameter(property = "llmmon.embedding.model")
    private String embeddingModel;

    /** Most calls in flight per endpoint. */
    @Parameter(property = "llmmon.maxConcurrency", defaultValue = "4")
    private int maxConcurrency;

    /** Call starts per minute per endpoint (0 = no limit). */
    @Parameter(property = "llmmon.requestsPerMinute", defaultValue = "0")
    private int requestsPerMinute;

    /** Per-call timeout in seconds. */
    @Parameter(property = "llmmon.timeoutSeconds", defaultValue = "60")
    private int timeoutSeconds;

    /** Further engine configuration parameters, passed as they are. */
    @Parameter
    private Map<String, String> configurationParameters;

    /** Write Allure results. */
    @Parameter(property = "llmmon.allure", defaultValue = "true")
    private boolean allure;

    /** A request builder with the suite's shared parameters set; the goal adds endpoint, cassette and reports. */
    protected ProbeRequest.Builder suite() {
        return ProbeRequest.builder()
                .probes(probes)
                .evals(evals)
                .catalog(catalog)
                .baseDir(basedir().toPath())
                .parameters(configurationParameters)
                .mode(mode)
                .parameter(Constants.JUDGE_MODEL, judgeModel)
                .parameter(Constants.EMBEDDING_MODEL, embeddingModel)
                .parameter(Constants.MAX_CONCURRENCY, Integer.toString(maxConcurrency))
                .parameter(Constants.REQUESTS_PER_MINUTE, Integer.toString(requestsPerMinute))
                .parameter(Constants.TIMEOUT_SECONDS, Integer.toString(timeoutSeconds))
                // the engine reads probe resources, cassettes and check plug-ins through the plugin's realm
                .classLoader(AbstractProbesMojo.class.getClassLoader());
    }

    /** {@code llmmon.mode}, or null. */
    protected String mode() {
        return mode;
    }

    /** The shared key variable, or null. */
    protected String apiKeyEnv() {
        return apiKeyEnv;
    }

    /** The shared settings.xml server of the key, or null. */
    protected String serverId() {
        return serverId;
    }

    protected boolean allure() {
        return allure;
    }

    /** The build log as the launcher's log. */
    protected static ProbeLauncher.Log log(Log log) {
        return new ProbeLauncher.Log() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }
        };
    }
}
