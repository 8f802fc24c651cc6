package dev.llmmon.monitor;

import dev.llmmon.metrics.AggregationOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one monitor run needs. Build it with {@link #of} and the {@code with...} methods.
 *
 * @param baseDir          folder that relative log paths and globs are resolved against
 * @param logs             files, folders or globs of request logs
 * @param format           {@code auto}, {@code native}, {@code otlp} or {@code mapped}
 * @param mapping          for {@code mapped}: a built-in mapping name ({@code litellm}, {@code langfuse}) or a file
 * @param featureAttribute for OTLP: the span or resource attribute that names the feature
 * @param signals          files, folders or globs of user-signal logs (may be empty)
 * @param aggregation      windows, slices, exact or sketch latencies
 * @param strict           fail at the first rejected input instead of counting it
 * @param pricingFile      a pricing table that extends the built-in one, or {@code null}
 * @param threads          parser threads
 * @param judgements       a judgement store whose quality series join the report, or {@code null}
 * @param timeOutlierFloorDays records whose hour lies more than max(this many days, 3 × IQR) outside the middle half
 *                         of all records' hours are rejected as far from the bulk ({@code bad_timestamp}); default
 *                         {@value #DEFAULT_TIME_OUTLIER_FLOOR_DAYS}, {@code 0} turns the rule off
 *                         ({@code llmmon.timeOutlierFloorDays})
 */
public record MonitorConfig(Path baseDir, List<String> logs, String format, String mapping, String featureAttribute,
                            List<String> signals, AggregationOptions aggregation, boolean strict, Path pricingFile,
                            int threads, Path judgements, int timeOutlierFloorDays) {
    public static final String DEFAULT_FEATURE_ATTRIBUTE = "app.feature_id";
    public static final int DEFAULT_TIME_OUTLIER_FLOOR_DAYS = dev.llmmon.ingest.Ingest.Options.DEFAULT_TIME_OUTLIER_FLOOR_DAYS;

    public MonitorConfig {
        logs = List.copyOf(logs);
        signals = List.copyOf(signals);
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no request logs given (llmmon.logs)");
        }
        if (timeOutlierFloorDays < 0) {
            throw new IllegalArgumentException("timeOutlierFloorDays must be 0 (off) or a number of days, not "
                    + timeOutlierFloorDays + " (llmmon.timeOutlierFloorDays)");
        }
    }

    public static MonitorConfig of(Path baseDir, List<String> logs) {
        return new MonitorConfig(baseDir, logs, "auto", null, DEFAULT_FEATURE_ATTRIBUTE, List.of(),
                AggregationOptions.hourly(), false, null, Runtime.getRuntime().availableProcessors(), null,
                DEFAULT_TIME_OUTLIER_FLOOR_DAYS);
    }

    public MonitorConfig withFormat(String value, String mappingName) {
        return new MonitorConfig(baseDir, logs, value, mappingName, featureAttribute, signals, aggregation, strict,
                pricingFile, threads, judgements, timeOutlierFloorDays);
    }

    public MonitorConfig withFeatureAttribute(String value) {
        return new MonitorConfig(baseDir, logs, format, mapping, value, signals, aggregation, strict, pricingFile,
                threads, judgements, timeOutlierFloorDays);
    }

    public MonitorConfig withSignals(List<String> value) {
        return new MonitorConfig(baseDir, logs, format, mapping, featureAttribute, value, aggregation, strict,
                pricingFile, threads, judgements, timeOutlierFloorDays);
    }

    public MonitorConfig withAggregation(AggregationOptions value) {
        return new MonitorConfig(baseDir, logs, format, mapping, featureAttribute, signals, value, strict, pricingFile,
                threads, judgements, timeOutlierFloorDays);
    }

    public MonitorConfig withStrict(boolean value) {
        return new MonitorConfig(baseDir, logs, format, mapping, featureAttribute, signals, aggregation, value,
                pricingFile, threads, judgements, timeOutlierFloorDays);
    }

    public MonitorConfig withPricingFile(Path value) {
        return new MonitorConfig(baseDir, logs, format, mapping, featureAttribute, signals, aggregation, strict, value,
                threads, judgements, timeOutlierFloorDays);
    }

    public MonitorConfig withJudgements(Path value) {
        return new MonitorConfig(baseDir, logs, format, mapping, featureAttribute, signals, aggregation, strict,
                pricingFile, threads, value, timeOutlierFloorDays);
    }

    public MonitorConfig withThreads(int value) {
        return new MonitorConfig(baseDir, logs, format, mapping, featureAttribute, signals, aggregation, strict,
                pricingFile, value, judgements, timeOutlierFloorDays);
    }

    /** {@code 0} turns the time-outlier rule off; a larger floor widens what counts as near the bulk. */
    public MonitorConfig withTimeOutlierFloorDays(int value) {
        return new MonitorConfig(baseDir, logs, format, mapping, featureAttribute, signals, aggregation, strict,
                pricingFile, threads, judgements, value);
    }
}
