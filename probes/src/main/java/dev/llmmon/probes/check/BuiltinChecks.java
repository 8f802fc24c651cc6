package dev.llmmon.probes.check;

import dev.llmmon.probes.spi.Check;
import dev.llmmon.probes.spi.CheckContext;
import dev.llmmon.probes.spi.CheckResult;
import dev.llmmon.probes.spi.Observation;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.ModelClient;
import dev.llmmon.client.ModelClientException;
import dev.llmmon.judge.Dimension;
import dev.llmmon.judge.JudgePrompt;
import dev.llmmon.judge.JudgeReply;
import dev.llmmon.judge.Rubric;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** The check types every probe file may use. Settings were validated against probe.schema.json already. */
final class BuiltinChecks {
    private BuiltinChecks() {
    }

    static List<Check> all() {
        return List.of(new EqualsCheck(), new ContainsCheck(true), new ContainsCheck(false), new RegexCheck(),
                new IsJsonCheck(), new JsonSchemaCheck(), new RefusalCheck(true), new RefusalCheck(false),
                new LengthCheck(), new LatencyCheck(), new CostCheck(), new RubricCheck(), new SimilarCheck(true),
                new SimilarCheck(false));
    }

    /** The answer quoted in a detail: redacted first, then cut, so no half address survives the cut. */
    static String quote(String s) {
        String one = dev.llmmon.redact.Redactor.standard().redact(s).text().replace("\n", "\\n");
        return '"' + dev.llmmon.redact.Redactor.truncate(one, 81) + '"';
    }

    static final class EqualsCheck implements Check {
        public String type() {
            return "equals";
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            boolean trim = c.path("trim").asBoolean(true);
            String want = c.get("value").asText();
            String got = trim ? o.output().strip() : o.output();
            want = trim ? want.strip() : want;
            boolean ok = c.path("ignore_case").asBoolean(false) ? got.equalsIgnoreCase(want) : got.equals(want);
            return CheckResult.of(ok, ok ? "equals " + quote(want) : "expected " + quote(want) + " but was " + quote(got), null);
        }
    }

    static final class ContainsCheck implements Check {
        private final boolean wanted;

        ContainsCheck(boolean wanted) {
            this.wanted = wanted;
        }

        public String type() {
            return wanted ? "contains" : "not-contains";
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            List<String> values = new ArrayList<>();
            if (c.has("value")) {
                values.add(c.get("value").asText());
            }
            c.path("values").forEach(v -> values.add(v.asText()));
            boolean ignoreCase = c.path("ignore_case").asBoolean(false);
            String text = ignoreCase ? o.output().toLowerCase(Locale.ROOT) : o.output();
            List<String> wrong = new ArrayList<>();
            for (String v : values) {
                boolean found = text.contains(ignoreCase ? v.toLowerCase(Locale.ROOT) : v);
                if (found != wanted) {
                    wrong.add(v);
                }
            }
            if (wrong.isEmpty()) {
                return CheckResult.pass((wanted ? "contains " : "does not contain ") + values.stream().map(BuiltinChecks::quote).collect(Collectors.joining(", ")));
            }
            return CheckResult.fail((wanted ? "missing " : "contains forbidden ")
                    + wrong.stream().map(BuiltinChecks::quote).collect(Collectors.joining(", ")) + " in " + quote(o.output()));
        }
    }

    static final class RegexCheck implements Check {
        private final Map<String, Pattern> cache = new ConcurrentHashMap<>();

        public String type() {
            return "regex";
        }

        public void validate(JsonNode c) {
            try {
                pattern(c);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'pattern' is not a valid regular expression: " + e.getDescription());
            }
        }

        private Pattern pattern(JsonNode c) {
            int flags = c.path("ignore_case").asBoolean(false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            return cache.computeIfAbsent(flags + "/" + c.get("pattern").asText(),
                    k -> Pattern.compile(c.get("pattern").asText(), flags));
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            var m = pattern(c).matcher(o.output());
            boolean full = c.path("full_match").asBoolean(false);
            boolean ok = full ? m.matches() : m.find();
            return CheckResult.of(ok, (ok ? "matches /" : "does not match /") + c.get("pattern").asText() + "/"
                    + (ok ? "" : ": " + quote(o.output())), null);
        }
    }

    static final class IsJsonCheck implements Check {
        public String type() {
            return "is-json";
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            boolean fences = c.path("allow_fences").asBoolean(false);
            if (JsonText.parse(o.output(), fences).isPresent()) {
                return CheckResult.pass("valid JSON");
            }
            if (!fences && JsonText.isFenced(o.output()) && JsonText.parse(o.output(), true).isPresent()) {
                return CheckResult.fail("JSON wrapped in a Markdown code fence (allow_fences: true accepts it)");
            }
            return CheckResult.fail("not a JSON object or array: " + quote(o.output()));
        }
    }

    static final class JsonSchemaCheck implements Check {
        private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        private final Map<String, JsonSchema> cache = new ConcurrentHashMap<>();

        public String type() {
            return "json-schema";
        }

        public void validate(JsonNode c) {
            try {
                schema(c);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'schema' is not a usable JSON Schema: " + e.getMessage());
            }
        }

        private JsonSchema schema(JsonNode c) {
            JsonNode s = c.get("schema");
            return cache.computeIfAbsent(s.toString(), k -> FACTORY.getSchema(s));
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            Optional<JsonNode> json = JsonText.parse(o.output(), c.path("allow_fences").asBoolean(false));
            if (json.isEmpty()) {
                return CheckResult.fail((JsonText.isFenced(o.output()) ? "JSON wrapped in a Markdown code fence: "
                        : "not JSON: ") + quote(o.output()));
            }
            Set<ValidationMessage> errors = schema(c).validate(json.get());
            if (errors.isEmpty()) {
                return CheckResult.pass("matches the schema");
            }
            return CheckResult.fail(errors.stream().map(ValidationMessage::getMessage).sorted().limit(5)
                    .collect(Collectors.joining("; ")));
        }
    }

    static final class RefusalCheck implements Check {
        private final boolean wanted;
        private final Map<String, List<Pattern>> cache = new ConcurrentHashMap<>();

        RefusalCheck(boolean wanted) {
            this.wanted = wanted;
        }

        public String type() {
            return wanted ? "refusal" : "not-refusal";
        }

        public void validate(JsonNode c) {
            try {
                patterns(c);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'patterns' holds an invalid regular expression: " + e.getDescription());
            }
        }

        private List<Pattern> patterns(JsonNode c) {
            JsonNode p = c.get("patterns");
            if (p == null) {
                return Refusals.compile(Refusals.DEFAULT_PATTERNS);
            }
            return cache.computeIfAbsent(p.toString(), k -> {
                List<String> list = new ArrayList<>();
                p.forEach(n -> list.add(n.asText()));
                return Refusals.compile(list);
            });
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            boolean refused = Refusals.isRefusal(o.response(), patterns(c));
            boolean ok = refused == wanted;
            return CheckResult.of(ok, (refused ? "refused" : "answered") + (ok ? "" : ": " + quote(o.output())), null);
        }
    }

    static final class LengthCheck implements Check {
        public String type() {
            return "length";
        }

        public void validate(JsonNode c) {
            if (c.has("min") && c.has("max") && c.get("min").asLong() > c.get("max").asLong()) {
                throw new IllegalArgumentException("'min' (" + c.get("min") + ") is above 'max' (" + c.get("max") + ")");
            }
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            String unit = c.path("unit").asText("chars");
            long n;
            switch (unit) {
                case "tokens" -> {
                    n = o.response().usage().outputTokens();
                    if (n == 0 && !o.output().isEmpty()) {
                        return CheckResult.skip("the provider reported no output token count");
                    }
                }
                case "words" -> n = o.output().isBlank() ? 0 : o.output().strip().split("\\s+").length;
                default -> n = o.output().codePointCount(0, o.output().length());
            }
            Long min = c.has("min") ? c.get("min").asLong() : null;
            Long max = c.has("max") ? c.get("max").asLong() : null;
            boolean ok = (min == null || n >= min) && (max == null || n <= max);
            return CheckResult.of(ok, n + " " + unit + (min != null ? ", min " + min : "") + (max != null ? ", max " + max : ""),
                    (double) n);
        }
    }

    static final class LatencyCheck implements Check {
        public String type() {
            return "latency";
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            if (o.response().latency() == null) {
                return CheckResult.skip("no latency recorded");
            }
            double ms = o.response().latency().toNanos() / 1e6;
            double max = c.get("max_ms").asDouble();
            return CheckResult.of(ms <= max, String.format(Locale.ROOT, "%.0f ms, max %.0f ms", ms, max), ms);
        }
    }

    static final class CostCheck implements Check {
        public String type() {
            return "cost";
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            Optional<PricingTable.Price> price;
            if (c.has("input_usd_per_million") || c.has("output_usd_per_million")) {
                price = Optional.of(new PricingTable.Price(c.path("input_usd_per_million").asDouble(0),
                        c.path("output_usd_per_million").asDouble(0)));
            } else {
                String model = o.response().model() != null ? o.response().model() : o.request().model();
                price = model == null ? Optional.empty() : ctx.pricing().priceOf(model);
                if (price.isEmpty()) {
                    return CheckResult.skip("no price known for model " + model
                            + "; give input_usd_per_million / output_usd_per_million");
                }
            }
            var u = o.response().usage();
            double usd = price.get().cost(u.inputTokens(), u.outputTokens());
            double max = c.get("max_usd").asDouble();
            return CheckResult.of(usd <= max, String.format(Locale.ROOT, "$%.6f, max $%.6f", usd, max), usd);
        }
    }

    static final class RubricCheck implements Check {
        public String type() {
            return "rubric";
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            Optional<ModelClient> judge = ctx.judgeClient();
            if (judge.isEmpty()) {
                return CheckResult.skip("no judge model configured (llmmon.judge.model)");
            }
            String dimension = c.get("dimension").asText();
            Rubric rubric = rubric(dimension, c.path("description").asText(null));
            int min = c.get("min_score").asInt();
            RequestRecord record = new RequestRecord("probe", Instant.EPOCH, "probe",
                    o.response().model() == null ? "unknown" : o.response().model(), 0, 0, 0, null,
                    FinishReason.END_TURN, null, null, o.input(), o.output(), null, Map.of());
            ChatResponse reply;
            try {
                reply = judge.get().send(JudgePrompt.build(rubric, record, 400));
            } catch (ModelClientException e) {
                return CheckResult.fail("judge call failed: " + e.getMessage());
            }
            JudgeReply parsed = JudgeReply.parse(reply.text(), rubric);
            if (!parsed.ok()) {
                return CheckResult.fail("judge reply unusable: " + parsed.problem());
            }
            int score = parsed.scores().get(dimension);
            return CheckResult.of(score >= min, dimension + " " + score + "/5, min " + min
                    + (parsed.rationale() == null ? "" : " (" + parsed.rationale() + ")"), (double) score);
        }

        static Rubric rubric(String dimension, String description) {
            Rubric defaults = Rubric.defaults();
            for (Dimension d : defaults.dimensions()) {
                if (d.name().equals(dimension) && description == null) {
                    return new Rubric("probe-" + dimension + "-v1", List.of(d));
                }
            }
            String what = description != null ? description : "How well does the response do on " + dimension + "?";
            return new Rubric("probe-" + dimension + "-v1", List.of(new Dimension(dimension, what,
                    Map.of(1, "Very poor on this dimension.", 3, "Acceptable with clear flaws.",
                            5, "Excellent on this dimension."))));
        }
    }

    static final class SimilarCheck implements Check {
        private final boolean wanted;

        SimilarCheck(boolean wanted) {
            this.wanted = wanted;
        }

        public String type() {
            return wanted ? "similar" : "not-similar";
        }

        public CheckResult evaluate(JsonNode c, Observation o, CheckContext ctx) {
            if (ctx.embedderClient().isEmpty()) {
                return CheckResult.skip("no embedder configured (llmmon.embedding.model)");
            }
            List<float[]> v;
            try {
                v = ctx.embedderClient().get().embed(List.of(o.output(), c.get("reference").asText()));
            } catch (ModelClientException e) {
                return CheckResult.fail("embedding call failed: " + e.getMessage());
            }
            double cos = cosine(v.get(0), v.get(1));
            double bound = wanted ? c.get("min_cosine").asDouble() : c.get("max_cosine").asDouble();
            boolean ok = wanted ? cos >= bound : cos <= bound;
            return CheckResult.of(ok, String.format(Locale.ROOT, "cosine %.3f, %s %.3f", cos, wanted ? "min" : "max", bound), cos);
        }

        static double cosine(float[] a, float[] b) {
            if (a.length != b.length) {
                throw new IllegalStateException("embeddings differ in length: " + a.length + " vs " + b.length);
            }
            double dot = 0, na = 0, nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * (double) b[i];
                na += a[i] * (double) a[i];
                nb += b[i] * (double) b[i];
            }
            return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
        }
    }
}
