package dev.llmmon.spark;

import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.metrics.WindowSize;
import dev.llmmon.monitor.Alerting;
import dev.llmmon.monitor.DetectionSettings;
import dev.llmmon.monitor.EmbedderChoice;
import dev.llmmon.monitor.InputPolicy;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitoringConfig;
import dev.llmmon.monitor.Thresholds;
import dev.llmmon.report.ReportFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job's command line: {@code --key value} (or {@code --key=value}) pairs named like the {@code llmmon.*}
 * properties of {@code llmmon:monitor} ({@code --logs} is {@code -Dllmmon.logs}, {@code --maxErrorRate} is
 * {@code -Dllmmon.maxErrorRate}; the {@code llmmon.} prefix may be written too), with the goal's defaults, filled
 * into core's one configuration model, {@link MonitoringConfig}. Lists are comma-separated or the key repeated.
 * Two keys are the job's own: {@code --out} (the goal's {@code outputDirectory}) and {@code --master}.
 *
 * @param config  what to read, detect and report
 * @param out     where the reports and {@code alerts.json} go (a local folder of the driver)
 * @param formats which reports to write
 * @param master  the Spark master to use when {@code spark-submit} did not set one, or {@code null}
 */
public record CommandLine(MonitoringConfig config, Path out, Set<ReportFormat> formats, String master) {

    /** Every key with the goal's default ({@code null}: none); lists are the ones in {@link #LISTS}. */
    static final Map<String, String> DEFAULTS = defaults();
    private static final Set<String> LISTS = Set.of("logs", "signals", "slices", "reportFormats", "detectMetrics",
            "changes");

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // logs (AbstractLogsMojo)
        d.put("logs", null);
        d.put("format", "auto");
        d.put("mapping", null);
        d.put("featureAttribute", MonitorConfig.DEFAULT_FEATURE_ATTRIBUTE);
        d.put("signals", null);
        d.put("window", "1h");
        d.put("slices", null);
        d.put("strict", "false");
        d.put("threads", "0");
        d.put("timeOutlierFloorDays", "7");
        // monitor (MonitorMojo)
        d.put("outputDirectory", "target/llmmon");
        d.put("reportFormats", "json,markdown,prometheus,html");
        d.put("judgements", null);
        d.put("sketch", "false");
        d.put("sketchAccuracy", String.valueOf(AggregationOptions.DEFAULT_RELATIVE_ACCURACY));
        d.put("pricing", null);
        for (String limit : List.of("maxErrorRate", "maxRefusalRate", "maxP95LatencyMs", "maxP99LatencyMs",
                "maxCostPerRequest", "maxMeanInputTokens", "maxMeanOutputTokens")) {
            d.put(limit, "0");
        }
        d.put("minRequests", "20");
        d.put("failOnViolation", "true");
        d.put("detect", "true");
        d.put("chart", "ewma");
        d.put("detectFamilyArl", "500");
        d.put("detectMetrics", null);
        d.put("detectMinRequests", "20");
        d.put("baselineWindows", "30");
        d.put("baselineFrom", null);
        d.put("baselineTo", null);
        d.put("baselineBeforeChange", null);
        d.put("baselineTrailing", null);
        d.put("baselineRecent", "1d");
        d.put("changes", null);
        d.put("failOnAlert", "none");
        d.put("webhookUrl", null);
        d.put("webhookUrlEnv", "LLMMON_WEBHOOK_URL");
        d.put("inputDrift", "none");
        d.put("inputDriftRate", "0.10");
        d.put("inputDriftBaseUrl", "https://api.openai.com/v1");
        d.put("inputDriftModel", "text-embedding-3-small");
        d.put("inputDriftApiKeyEnv", "OPENAI_API_KEY");
        d.put("seriesStore", null);
        d.put("alertCharts", "true");
        d.put("maxRejectedShare", "0.5");
        d.put("failOnEmptyInput", "true");
        d.put("survivorship.maxAbandonment", "0.30");
        d.put("survivorship.minPositive", "0.80");
        // the job's own
        d.put("master", null);
        return d;
    }

    /** The key the goal calls {@code outputDirectory}, by its short name. */
    private static final Map<String, String> ALIASES = Map.of("out", "outputDirectory");

    /** The usage text: every key and its default. */
    public static String usage() {
        StringBuilder text = new StringBuilder("usage: spark-submit --class dev.llmmon.spark.SparkMonitor"
                + " llmmon-spark.jar --logs PATH[,PATH...] [--key value ...]\n"
                + "keys are the llmmon.* properties of llmmon:monitor (docs/spark.md); --out is outputDirectory."
                + "\nkey (default):\n");
        DEFAULTS.forEach((k, v) -> text.append("  --").append(k).append(v == null ? "" : " (" + v + ")")
                .append('\n'));
        return text.toString();
    }

    /** Whether the arguments ask for the usage text. */
    public static boolean wantsHelp(String[] args) {
        return args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /**
     * Parses the arguments, relative paths against {@code baseDir}.
     *
     * @throws IllegalArgumentException naming the key when one is unknown, repeated without being a list, has no
     *                                  value or a bad one
     */
    public static CommandLine parse(String[] args, Path baseDir) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else if (isBoolean(canonical(key))) {
                value = "true"; // --sketch alone
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            key = canonical(key);
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "; known: "
                        + new TreeSet<>(DEFAULTS.keySet()));
            }
            List<String> values = given.computeIfAbsent(key, k -> new ArrayList<>());
            if (!values.isEmpty() && !LISTS.contains(key)) {
                throw new IllegalArgumentException("--" + key + " given twice");
            }
            values.add(value);
        }
        return new Values(given).commandLine(baseDir);
    }

    private static String canonical(String key) {
        String k = key.startsWith("llmmon.") ? key.substring("llmmon.".length()) : key;
        return ALIASES.getOrDefault(k, k);
    }

    private static boolean isBoolean(String key) {
        return "false".equals(DEFAULTS.get(key)) || "true".equals(DEFAULTS.get(key));
    }

    /** The given values over the defaults, read as the goal reads its parameters. */
    private record Values(Map<String, List<String>> given) {
        String get(String key) {
            List<String> v = given.get(key);
            return v == null ? DEFAULTS.get(key) : v.get(v.size() - 1);
        }

        List<String> list(String key) {
            List<String> raw = given.containsKey(key) ? given.get(key)
                    : DEFAULTS.get(key) == null ? List.of() : List.of(DEFAULTS.get(key));
            List<String> out = new ArrayList<>();
            for (String v : raw) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
            return out;
        }

        boolean bool(String key) {
            String v = get(key).trim().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("--" + key + " is true or false, got '" + get(key) + "'");
            }
            return Boolean.parseBoolean(v);
        }

        double number(String key) {
            try {
                return Double.parseDouble(get(key).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " is a number, got '" + get(key) + "'");
            }
        }

        Path path(String key) {
            String v = get(key);
            return v == null || v.isBlank() ? null : Path.of(v);
        }

        CommandLine commandLine(Path baseDir) {
            if (list("logs").isEmpty()) {
                throw new IllegalArgumentException("no request logs given (--logs)");
            }
            int threads = (int) number("threads");
            AggregationOptions aggregation = new AggregationOptions(WindowSize.parse(get("window")), list("slices"),
                    bool("sketch"), number("sketchAccuracy"), new SurvivorshipRule(
                    number("survivorship.maxAbandonment"), number("survivorship.minPositive")));
            MonitorConfig read = MonitorConfig.of(baseDir, list("logs"))
                    .withFormat(get("format"), get("mapping"))
                    .withFeatureAttribute(get("featureAttribute"))
                    .withSignals(list("signals"))
                    .withAggregation(aggregation)
                    .withStrict(bool("strict"))
                    .withThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors())
                    .withTimeOutlierFloorDays((int) number("timeOutlierFloorDays"));
            read = path("judgements") == null ? read : read.withJudgements(path("judgements"));
            read = path("pricing") == null ? read : read.withPricingFile(path("pricing"));
            BaselineSpec baseline = BaselineSpec.choose(get("baselineFrom"), get("baselineTo"),
                    get("baselineTrailing"), get("baselineRecent"), get("baselineBeforeChange"),
                    (int) number("baselineWindows"));
            Path store = path("seriesStore");
            DetectionSettings detection = new DetectionSettings(bool("detect"),
                    DetectionSettings.plan(get("chart"), number("detectFamilyArl"), list("detectMetrics"),
                            (long) number("detectMinRequests"), baseline),
                    list("changes"), store == null ? null : baseDir.resolve(store), bool("alertCharts"),
                    new EmbedderChoice(get("inputDrift"), number("inputDriftRate"), get("inputDriftBaseUrl"),
                            get("inputDriftModel"), get("inputDriftApiKeyEnv")));
            Map<String, String> limits = new LinkedHashMap<>();
            for (String limit : List.of("maxErrorRate", "maxRefusalRate", "maxP95LatencyMs", "maxP99LatencyMs",
                    "maxCostPerRequest", "maxMeanInputTokens", "maxMeanOutputTokens")) {
                limits.put(limit, get(limit));
            }
            MonitoringConfig config = MonitoringConfig.of(read).withDetection(detection)
                    .withThresholds(Thresholds.of((long) number("minRequests"), limits, List.of()),
                            bool("failOnViolation"))
                    .withAlerting(new Alerting(get("webhookUrl"), get("webhookUrlEnv"),
                            Alerting.failOn(get("failOnAlert"))))
                    .withInputPolicy(InputPolicy.of(get("maxRejectedShare"), bool("failOnEmptyInput")));
            Set<ReportFormat> formats = new LinkedHashSet<>();
            for (String f : list("reportFormats")) {
                formats.add(ReportFormat.parse(f));
            }
            return new CommandLine(config, baseDir.resolve(get("outputDirectory")), formats, get("master"));
        }
    }
}
