package dev.llmmon.maven;

import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.metrics.WindowSize;
import dev.llmmon.monitor.MonitorConfig;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.ArrayList;
import java.util.List;

/** Goals that read request logs share these parameters, so {@code -Dllmmon.logs=...} means the same everywhere. */
public abstract class AbstractLogsMojo extends AbstractLlmmonMojo {

    /** Request logs: files, folders (rotated files, oldest first) or globs; comma-separated on the command line. */
    @Parameter(property = "llmmon.logs", required = true)
    private List<String> logs;

    /** {@code auto} (detect per file), {@code native}, {@code otlp} or {@code mapped}. */
    @Parameter(property = "llmmon.format", defaultValue = "auto")
    private String format;

    /** For {@code mapped} input: a built-in mapping ({@code litellm}, {@code langfuse}) or a mapping file. */
    @Parameter(property = "llmmon.mapping")
    private String mapping;

    /** For OTLP input: the span or resource attribute naming the feature (falls back to {@code service.name}). */
    @Parameter(property = "llmmon.featureAttribute", defaultValue = MonitorConfig.DEFAULT_FEATURE_ATTRIBUTE)
    private String featureAttribute;

    /** User-signal logs (files, folders or globs). */
    @Parameter(property = "llmmon.signals")
    private List<String> signals;

    /** Tumbling window length, aligned to UTC: {@code 5m}, {@code 1h}, {@code 1d}. */
    @Parameter(property = "llmmon.window", defaultValue = "1h")
    private String window;

    /** Metadata keys that each give extra rows per value ({@code prompt_version,query_category}). */
    @Parameter(property = "llmmon.slices")
    private List<String> slices;

    /** Fail at the first rejected input line instead of counting it. */
    @Parameter(property = "llmmon.strict", defaultValue = "false")
    private boolean strict;

    /** Parser threads; 0 means one per available processor. */
    @Parameter(property = "llmmon.threads", defaultValue = "0")
    private int threads;

    /**
     * Records more than max(this many days, 3 × the interquartile range) outside the middle half of all records'
     * hours are rejected as far from the bulk ({@code bad_timestamp}): a stray 1970 line or an epoch-ms unit mistake
     * never becomes the latest window. {@code 0} turns the rule off; raise it to keep a genuine group far away
     * (docs/formats.md, "Time outliers").
     */
    @Parameter(property = "llmmon.timeOutlierFloorDays", defaultValue = "7")
    private int timeOutlierFloorDays;

    /** The logs configuration of this goal; throws {@link IllegalArgumentException} on a bad value. */
    protected MonitorConfig logsConfig(SurvivorshipRule survivorship, boolean sketch, double sketchAccuracy) {
        AggregationOptions aggregation = new AggregationOptions(WindowSize.parse(window), clean(slices), sketch,
                sketchAccuracy, survivorship);
        return MonitorConfig.of(basedir().toPath(), clean(logs))
                .withFormat(format, mapping)
                .withFeatureAttribute(featureAttribute)
                .withSignals(clean(signals))
                .withAggregation(aggregation)
                .withStrict(strict)
                .withThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors())
                .withTimeOutlierFloorDays(timeOutlierFloorDays);
    }

    /** Splits comma-separated values, so a list parameter can also be given as one property. */
    protected static List<String> clean(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }
}
