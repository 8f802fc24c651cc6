package dev.llmmon.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The project's Jackson mappers: one default mapper and the few variants whose settings genuinely differ. Each is
 * configured once here and shared (Jackson mappers are thread-safe once configured): never reconfigure one at a
 * use site, add a variant here instead, since a setting changed there would change every file the project writes.
 */
public final class Json {
    /** Jackson's defaults: request bodies, cassettes, judgement lines, Allure attachments. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** Jackson's defaults, indented: {@code report.json} and {@code judge.json}. */
    public static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A reader for text that must be exactly one JSON value: a duplicate key or anything after the value is an
     * error, not silently the last key or ignored (judge replies, answers a check reads as JSON).
     */
    public static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Documents with {@code java.time} values written as ISO-8601 text, indented, map keys sorted so the file does
     * not depend on hashing; unknown fields are skipped on reading so older readers accept newer files
     * ({@code alerts.json}).
     */
    public static final ObjectMapper DOCUMENT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * One-line snake_case records with ISO-8601 times, unknown fields skipped on reading (the probes' fingerprint
     * history, which older and newer versions append to).
     */
    public static final ObjectMapper SNAKE_CASE_LINES = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The streaming factory of the log readers, which parse the raw bytes of each line themselves. */
    public static final JsonFactory LOG_FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so NaN is reported as NOT_FINITE, not as bad JSON
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER) // same (correctly rounded) values, faster
            .build();

    /** Trees over {@link #LOG_FACTORY}, for the readers that map a whole line or a CSV cell. */
    public static final ObjectMapper LOGS = new ObjectMapper(LOG_FACTORY);

    /**
     * One JSON record per line, rewritten with its numbers exactly as written ({@code 1.10} stays {@code 1.10}):
     * trees with exact decimals, a duplicate key or trailing text an error rather than a silent loss
     * ({@code llmmon:redact}).
     */
    public static final ObjectMapper EXACT_LINES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** YAML with Jackson's defaults: pricing tables, rubrics, field mappings. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * YAML for people to review (eval-case files): no {@code ---} marker, quotes only where YAML needs them,
     * multi-line text as {@code |} blocks, long lines left whole.
     */
    public static final ObjectMapper YAML_FOR_PEOPLE = new ObjectMapper(YAMLFactory.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private Json() {
    }
}
