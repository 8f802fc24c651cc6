package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.RecordSink;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.internal.json.Json;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads a JSONL or CSV export through a {@link FieldMapping} (shared/formats/logs.md §4).
 *
 * <p>The first usable record of each file is checked against the mapping: if it lacks a required source field, the
 * mapping does not fit and {@link MappingException} names the file, the field and the line (for CSV, a column absent
 * from the header fails the same way). Later records that lack a field are rejected as
 * {@link RejectReason#MISSING_FIELD}. Values follow the native reader's rules (same {@link RejectReason}s); CSV cells
 * are text, so numbers are parsed from text there. Rows excluded by the mapping's {@code skip_unless} are counted by
 * {@link #skippedRecords()}, not rejected. Instances are safe to use from several threads.
 */
public final class MappedReader implements LogReader {

    private final FieldMapping mapping;
    private final boolean includeText;
    private final LongAdder skipped = new LongAdder();
    private final Map<String, JsonPointer> pointers = new ConcurrentHashMap<>();

    public MappedReader(FieldMapping mapping, boolean includeText) {
        this.mapping = mapping;
        this.includeText = includeText;
    }

    public FieldMapping mapping() {
        return mapping;
    }

    /** Rows so far that the mapping's {@code skip_unless} excluded (not model calls). */
    public long skippedRecords() {
        return skipped.sum();
    }

    /** A CSV header and the up-front mapping check are state across lines: whole files only. */
    @Override
    public boolean splittable() {
        return false;
    }

    @Override
    public void read(InputStream in, String fileName, RecordSink sink, Rejections rejections) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(new FailureMarking(in), 1 << 16);
        FieldMapping.Format format = mapping.format();
        if (format == FieldMapping.Format.AUTO) {
            format = firstSignificantByte(buffered) == '{' ? FieldMapping.Format.JSONL : FieldMapping.Format.CSV;
        }
        if (format == FieldMapping.Format.JSONL) {
            readJsonl(buffered, fileName, sink, rejections);
        } else {
            readCsv(buffered, fileName, sink, rejections);
        }
    }

    private static int firstSignificantByte(BufferedInputStream in) throws IOException {
        in.mark(1 << 15);
        try {
            for (int i = 0; i < (1 << 15); i++) {
                int b = in.read();
                if (b < 0 || !(Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF)) { // BOM bytes
                    return b;
                }
            }
            return -1;
        } finally {
            in.reset();
        }
    }

    private void readJsonl(InputStream in, String fileName, RecordSink sink, Rejections rejections) throws IOException {
        boolean[] checked = {false};
        JsonFields.splitLines(in, fileName, rejections, (buf, off, len, line) -> {
            JsonNode node;
            try {
                node = Json.LOGS.readTree(buf, off, len);
            } catch (JsonProcessingException e) {
                rejections.reject(RejectReason.MALFORMED_LINE, fileName, line, null, e.getOriginalMessage());
                return;
            }
            if (node == null || !node.isObject()) {
                rejections.reject(RejectReason.NOT_AN_OBJECT, fileName, line, null, "line is not a JSON object");
                return;
            }
            handle(new JsonRow(node), checked, fileName, line, sink, rejections);
        });
    }

    /**
     * Reads CSV one record at a time: physical lines are joined while a quoted field is open (RFC 4180 doubles the
     * quotes inside one, so an odd count of quote characters leaves it open), and each record is parsed on its own,
     * so a syntax error costs that record (a {@code malformed_line}) and the next one is read. A quoted field that
     * stays open for {@value #MAX_RECORD_LINES} lines is taken as a stray quote: its first line is rejected and
     * reading resumes on the line after it.
     */
    private void readCsv(InputStream in, String fileName, RecordSink sink, Rejections rejections) throws IOException {
        CSVFormat rows = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
        CsvRecords records = new CsvRecords(new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                1 << 16));
        CSVFormat withHeader = null;
        List<String> header = null;
        boolean[] checked = {false};
        while (true) {
            CsvRecords.Text text;
            try {
                text = records.next();
            } catch (IOException | UncheckedIOException e) {
                if (!streamFailed(e)) {
                    throw e;
                }
                rejections.reject(DamagedInputException.reasonOf(e), fileName, records.linesRead() + 1, null,
                        (header == null ? "CSV header cannot be read: " : "")
                                + DamagedInputException.message(records.linesRead(), rootCause(e)));
                return;
            }
            if (text == null) {
                return;
            }
            if (text.blank()) {
                rejections.blankLine();
                continue;
            }
            if (text.unterminated()) {
                rejections.reject(RejectReason.MALFORMED_LINE, fileName, text.line(), null, "CSV: a quoted field opens"
                        + " here and does not close within " + MAX_RECORD_LINES + " lines; reading on from line "
                        + (text.line() + 1));
                continue;
            }
            if (header == null) {
                try {
                    header = List.copyOf(parse(text.text(), rows).toList());
                } catch (IOException | UncheckedIOException | IllegalStateException e) {
                    rejections.reject(RejectReason.MALFORMED_LINE, fileName, text.line(), null,
                            "CSV header cannot be read: " + rootMessage(e));
                    return;
                }
                checkHeader(header, fileName);
                withHeader = rows.builder().setHeader(header.toArray(String[]::new)).setAllowMissingColumnNames(true)
                        .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL).get();
                continue;
            }
            CSVRecord record;
            try {
                record = parse(text.text(), withHeader);
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                rejections.reject(RejectReason.MALFORMED_LINE, fileName, text.line(), null,
                        "CSV syntax error (the next record is read): " + rootMessage(e));
                continue;
            }
            handle(new CsvRow(record), checked, fileName, text.line(), sink, rejections);
        }
    }

    /** The one record of {@code text}. */
    private static CSVRecord parse(String text, CSVFormat format) throws IOException {
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<CSVRecord> all = parser.getRecords();
            if (all.size() != 1) {
                throw new IOException("not one CSV record");
            }
            return all.get(0);
        }
    }

    /** Most physical lines one CSV record may span (quoted newlines) before its opening quote counts as stray. */
    static final int MAX_RECORD_LINES = 1000;

    /** Physical lines joined into the text of one CSV record each, with the number of the record's first line. */
    private static final class CsvRecords {
        record Text(String text, long line, boolean blank, boolean unterminated) {
        }

        private final java.io.BufferedReader in;
        private final java.util.ArrayDeque<String> pushedBack = new java.util.ArrayDeque<>();
        private long nextLine = 1; // number of the next physical line handed out
        private long linesRead;

        CsvRecords(java.io.BufferedReader in) {
            this.in = in;
        }

        long linesRead() {
            return linesRead;
        }

        private String physical() throws IOException {
            if (!pushedBack.isEmpty()) {
                return pushedBack.pollFirst();
            }
            String line = in.readLine();
            if (line != null) {
                if (linesRead == 0 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a UTF-8 byte order mark
                }
                linesRead++;
            }
            return line;
        }

        Text next() throws IOException {
            String first = physical();
            if (first == null) {
                return null;
            }
            long line = nextLine++;
            if (first.isBlank()) {
                return new Text(first, line, true, false);
            }
            int quotes = quotes(first);
            if (quotes % 2 == 0) {
                return new Text(first, line, false, false);
            }
            List<String> joined = new java.util.ArrayList<>();
            joined.add(first);
            while (quotes % 2 != 0 && joined.size() < MAX_RECORD_LINES) {
                String more = physical();
                if (more == null) {
                    break;
                }
                joined.add(more);
                quotes += quotes(more);
            }
            if (quotes % 2 != 0) { // never closed: a stray quote on the first line; the others are read again
                for (int i = joined.size() - 1; i >= 1; i--) {
                    pushedBack.addFirst(joined.get(i));
                }
                return new Text(first, line, false, true);
            }
            nextLine += joined.size() - 1;
            return new Text(String.join("\n", joined), line, false, false);
        }

        private static int quotes(String s) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '"') {
                    n++;
                }
            }
            return n;
        }
    }

    private void checkHeader(List<String> header, String fileName) {
        for (String field : FieldMapping.REQUIRED.stream().sorted().toList()) {
            FieldMapping.Source s = mapping.fields().get(field);
            if (s == null || s.defaultValue() != null || mapping.constants().containsKey(field)) {
                continue;
            }
            List<String> names = s.start() != null ? List.of(s.start(), s.end()) : s.from();
            boolean all = s.start() != null;
            boolean ok = all;
            String lacking = null;
            for (String source : names) {
                String column = column(source);
                boolean present = header.contains(column);
                if (all && !present) {
                    ok = false;
                    lacking = column;
                    break;
                }
                if (!all && present) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                String missing = lacking != null ? lacking : column(names.get(0));
                throw new MappingException(fileName, 2, missing, mapping.displayName() + " reads " + field + " from column '"
                        + String.join("' or '", names.stream().map(this::column).toList())
                        + "', but the CSV header has no such column (columns: " + String.join(", ", header)
                        + "); every line from line 2 lacks it");
            }
        }
    }

    private void handle(Row row, boolean[] checked, String fileName, long line, RecordSink sink, Rejections rejections) {
        try {
            if (!included(row)) {
                skipped.increment();
                rejections.skip(skipKind(row));
                return;
            }
            if (!checked[0]) {
                checkFirstRecord(row, fileName, line);
                checked[0] = true;
            }
            sink.accept(toRecord(row), fileName, line);
        } catch (BadRecordException e) {
            rejections.reject(e.reason, fileName, line, e.field, e.getMessage());
        }
    }

    private boolean included(Row row) throws BadRecordException {
        FieldMapping.Source s = mapping.skipUnless();
        if (s == null) {
            return true;
        }
        JsonNode v = row.get(pointer(s.from().get(0)), s.from().get(0));
        return missing(v) || s.equals().contains(v.asText());
    }

    /** The kind a skipped row is counted under: the skip_unless source and its value, e.g. {@code row /type=SPAN}. */
    private String skipKind(Row row) throws BadRecordException {
        String from = mapping.skipUnless().from().get(0);
        JsonNode v = row.get(pointer(from), from);
        return "row " + from + "=" + (v == null ? "" : Values.abbreviate(v.asText()));
    }

    private void checkFirstRecord(Row row, String fileName, long line) throws BadRecordException {
        boolean failed = error(row) != null;
        boolean unmeasured = matches(row, mapping.latencyUnmeasuredWhen());
        for (String field : FieldMapping.REQUIRED.stream().sorted().toList()) {
            FieldMapping.Source s = mapping.fields().get(field);
            if (s == null || s.defaultValue() != null || mapping.constants().containsKey(field)) {
                continue;
            }
            // a failed call may lack usage, an unmeasured one its times: neither says the mapping does not fit
            if ((failed && field.endsWith("_tokens")) || (unmeasured && field.equals("latency_ms"))) {
                continue;
            }
            if (s.start() != null) {
                for (String source : List.of(s.start(), s.end())) {
                    if (missing(row.get(pointer(source), source))) {
                        throw firstLacks(fileName, line, field, source, List.of(s.start(), s.end()));
                    }
                }
            } else if (find(row, s) == null) {
                throw firstLacks(fileName, line, field, s.from().get(0), s.from());
            }
        }
    }

    private MappingException firstLacks(String fileName, long line, String field, String source, List<String> all) {
        return new MappingException(fileName, line, source, mapping.displayName() + " reads " + field + " from "
                + String.join(" or ", all) + ", but the first record (line " + line + ") has no value there;"
                + " fix the mapping (or give a constant/default) for this export");
    }

    // ------------------------------------------------------------------ record mapping

    private RequestRecord toRecord(Row row) throws BadRecordException {
        String requestId = requiredString(row, "request_id");
        Instant timestamp = timestamp(row);
        String featureId = requiredString(row, "feature_id");
        String modelId = requiredString(row, "model_id");
        boolean unmeasured = matches(row, mapping.latencyUnmeasuredWhen());
        double latency = unmeasured ? 0 : latency(row);
        String error = error(row);
        long inputTokens = tokens(row, "input_tokens", error != null);
        long outputTokens = tokens(row, "output_tokens", error != null);
        // a failed call that reports no usage (absent, or 0 and 0 as Langfuse's totals of an empty usageDetails) has
        // unknown tokens: the 0s are placeholders that stay out of the means
        boolean tokensKnown = error == null || inputTokens > 0 || outputTokens > 0;
        Long cachedInputTokens = optionalTokens(row, "cached_input_tokens");
        Long reasoningTokens = optionalTokens(row, "reasoning_tokens");
        Double cost = null;
        Found c = value(row, "cost_usd");
        if (c != null) {
            cost = Values.costUsd(number(c, row.lenient()), c.source);
        }
        FinishReason finish = finishReason(row, error != null);
        String sessionId = optionalString(row, "session_id");
        String fingerprint = optionalString(row, "system_fingerprint");
        String userInput = includeText ? optionalText(row, "user_input") : null;
        String output = includeText ? optionalText(row, "output") : null;
        Map<String, String> metadata = metadata(row);
        if (unmeasured) {
            metadata.put(RequestRecord.LATENCY_UNMEASURED, "true");
        }
        return new RequestRecord(requestId, timestamp, featureId, modelId, latency, inputTokens, outputTokens, cost,
                finish, error, sessionId, userInput, output, fingerprint, metadata, cachedInputTokens, reasoningTokens,
                tokensKnown);
    }

    /** Whether a row's {@code from} value is one of the condition's {@code equals} (false without a condition). */
    private boolean matches(Row row, FieldMapping.Source condition) throws BadRecordException {
        if (condition == null) {
            return false;
        }
        JsonNode v = row.get(pointer(condition.from().get(0)), condition.from().get(0));
        return !missing(v) && condition.equals().contains(v.asText());
    }

    /** A value found for a native field, with the source name it came from (for messages). */
    private record Found(JsonNode node, String source) {
    }

    private Found value(Row row, String field) throws BadRecordException {
        String constant = mapping.constants().get(field);
        if (constant != null) {
            return new Found(TextNode.valueOf(constant), "constants." + field);
        }
        FieldMapping.Source s = mapping.fields().get(field);
        if (s == null) {
            return null;
        }
        Found found = find(row, s);
        if (found == null && s.defaultValue() != null) {
            return new Found(TextNode.valueOf(s.defaultValue()), field + ".default");
        }
        return found;
    }

    private Found find(Row row, FieldMapping.Source s) throws BadRecordException {
        for (String source : s.from()) {
            JsonNode v = row.get(pointer(source), source);
            if (!missing(v)) {
                return new Found(v, source);
            }
        }
        return null;
    }

    private Found required(Row row, String field) throws BadRecordException {
        Found f = value(row, field);
        if (f == null) {
            String source = firstSource(field);
            throw new BadRecordException(RejectReason.MISSING_FIELD, source,
                    "required " + field + " (from " + source + ") is missing");
        }
        return f;
    }

    private String firstSource(String field) {
        FieldMapping.Source s = mapping.fields().get(field);
        if (s == null) {
            return field;
        }
        return s.from().isEmpty() ? (s.start() != null ? s.start() : field) : s.from().get(0);
    }

    private String requiredString(Row row, String field) throws BadRecordException {
        Found f = required(row, field);
        return string(f);
    }

    private String optionalString(Row row, String field) throws BadRecordException {
        Found f = value(row, field);
        return f == null ? null : string(f);
    }

    private String optionalText(Row row, String field) throws BadRecordException {
        Found f = value(row, field);
        if (f == null) {
            return null;
        }
        // structured content (a message object) is kept as its JSON text rather than dropped
        return f.node.isContainerNode() ? f.node.toString() : f.node.asText();
    }

    private static String string(Found f) throws BadRecordException {
        if (f.node.isContainerNode()) {
            throw new BadRecordException(RejectReason.WRONG_TYPE, f.source,
                    f.source + " must be a string, found " + (f.node.isArray() ? "array" : "object"));
        }
        return f.node.asText();
    }

    private static double number(Found f, boolean lenient) throws BadRecordException {
        JsonNode n = f.node;
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual() && (lenient || f.source.startsWith("constants."))) {
            return parseNumber(n.asText(), f.source);
        }
        throw new BadRecordException(RejectReason.WRONG_TYPE, f.source, f.source + " must be a number, found "
                + describe(n));
    }

    private static double parseNumber(String text, String source) throws BadRecordException {
        return parseDouble(text, source, RejectReason.WRONG_TYPE, " must be a number, found '");
    }

    /** {@code text} as a number, or a rejection of that reason saying {@code source + problem + 'text'}. */
    private static double parseDouble(String text, String source, RejectReason reason, String problem)
            throws BadRecordException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRecordException(reason, source, source + problem + Values.abbreviate(text) + "'");
        }
    }

    private long tokens(Row row, String field, boolean failed) throws BadRecordException {
        Found f = value(row, field);
        if (f == null && failed) {
            return 0; // a failed call reports no usage (Langfuse: a generation at level ERROR without usage)
        }
        f = f == null ? required(row, field) : f;
        return Values.nonNegativeWhole(number(f, row.lenient()), f.source);
    }

    /** A count the producer may leave out: {@code null} when no source has it. */
    private Long optionalTokens(Row row, String field) throws BadRecordException {
        Found f = value(row, field);
        return f == null ? null : Values.nonNegativeWhole(number(f, row.lenient()), f.source);
    }

    private Instant timestamp(Row row) throws BadRecordException {
        Found f = required(row, "timestamp");
        FieldMapping.Source s = mapping.fields().get("timestamp");
        return instant(f, s == null ? null : s.unit(), row.lenient());
    }

    private double latency(Row row) throws BadRecordException {
        FieldMapping.Source s = mapping.fields().get("latency_ms");
        if (s != null && s.start() != null) {
            Instant start = instant(present(row, s.start()), s.unit(), row.lenient());
            Instant end = instant(present(row, s.end()), s.unit(), row.lenient());
            double ms = Duration.between(start, end).toNanos() / 1e6;
            if (ms < 0) {
                throw new BadRecordException(RejectReason.NEGATIVE_NUMBER, s.end(),
                        s.end() + " is before " + s.start() + ": latency " + ms + " ms");
            }
            return Values.latencyMs(ms, s.end());
        }
        Found f = required(row, "latency_ms");
        double value = number(f, row.lenient());
        boolean seconds = s != null && "s".equals(s.unit());
        return Values.latencyMs(seconds ? value * 1000d : value, f.source);
    }

    private Found present(Row row, String source) throws BadRecordException {
        JsonNode v = row.get(pointer(source), source);
        if (missing(v)) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, source, "required " + source + " is missing");
        }
        return new Found(v, source);
    }

    private Instant instant(Found f, String unit, boolean lenient) throws BadRecordException {
        String u = unit == null ? "auto" : unit;
        JsonNode n = f.node;
        if (u.startsWith("epoch_")) {
            double value = n.isNumber() ? n.doubleValue() : n.isTextual() ? parseTimeNumber(n.asText(), f.source)
                    : badTime(f, "a number of " + u);
            double seconds = switch (u) {
                case "epoch_ms" -> value / 1e3;
                case "epoch_us" -> value / 1e6;
                case "epoch_ns" -> value / 1e9;
                default -> value;
            };
            return Values.epochSeconds(seconds, f.source);
        }
        if (n.isNumber() && u.equals("auto")) {
            return Values.epochSeconds(n.doubleValue(), f.source);
        }
        if (!n.isTextual()) {
            badTime(f, "an ISO-8601 string");
        }
        String text = n.asText().trim();
        if (u.equals("auto") && lenient && looksNumeric(text)) {
            return Values.epochSeconds(parseTimeNumber(text, f.source), f.source);
        }
        return iso(text, f.source);
    }

    private Instant iso(String text, String source) throws BadRecordException {
        // database dumps write "2025-01-31 12:00:00.123"; ISO wants the T
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        Instant withOffset = Values.isoInstantOrNull(t);
        if (withOffset != null) {
            return Values.checkRange(withOffset, source);
        }
        if (mapping.timeZone() == null) {
            return Values.isoInstant(t, source); // rejects it, with the message every reader gives
        }
        try {
            return Values.checkRange(LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .atZone(mapping.timeZone()).toInstant(), source);
        } catch (DateTimeException e2) {
            throw new BadRecordException(RejectReason.BAD_TIMESTAMP, source, source
                    + " is not ISO-8601 (with an offset, or local in " + mapping.timeZone() + "): '"
                    + Values.abbreviate(text) + "'");
        }
    }

    private static boolean looksNumeric(String text) {
        return !text.isEmpty() && text.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == 'e' || ch == 'E' || ch == '+');
    }

    private static double parseTimeNumber(String text, String source) throws BadRecordException {
        return parseDouble(text, source, RejectReason.BAD_TIMESTAMP, " is not a number of epoch units: '");
    }

    private static double badTime(Found f, String expected) throws BadRecordException {
        throw new BadRecordException(RejectReason.BAD_TIMESTAMP, f.source, f.source + " must be " + expected
                + ", found " + describe(f.node));
    }

    private String error(Row row) throws BadRecordException {
        FieldMapping.Source s = mapping.fields().get("error");
        if (s == null) {
            String constant = mapping.constants().get("error");
            return constant == null || constant.isBlank() ? null : constant;
        }
        String conditionValue = null;
        if (s.when() != null) {
            JsonNode w = row.get(pointer(s.when()), s.when());
            if (missing(w) || !s.equals().contains(w.asText())) {
                return null;
            }
            conditionValue = w.asText();
        }
        Found f = find(row, s);
        if (f == null) {
            return conditionValue; // failed without a message: the status value itself says so
        }
        String message = f.node.isContainerNode() ? f.node.toString() : f.node.asText();
        return message.isBlank() ? conditionValue : message;
    }

    private FinishReason finishReason(Row row, boolean failed) throws BadRecordException {
        FieldMapping.Source s = mapping.fields().get("finish_reason");
        Found f = s == null ? null : find(row, s);
        if (f == null) {
            if (failed) {
                return FinishReason.ERROR;
            }
            f = required(row, "finish_reason"); // the constant or default
        }
        String raw = string(f);
        String mapped = raw;
        if (s != null && !s.values().isEmpty()) {
            mapped = s.values().getOrDefault(raw, s.values().getOrDefault(raw.toLowerCase(Locale.ROOT), raw));
        }
        return JsonFields.finishReason(mapped, f.source);
    }

    private Map<String, String> metadata(Row row) throws BadRecordException {
        Map<String, String> out = new HashMap<>();
        if (mapping.metadataObject() != null) {
            JsonNode obj = row.get(pointer(mapping.metadataObject()), mapping.metadataObject());
            if (obj != null && obj.isObject()) {
                obj.fields().forEachRemaining(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        out.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        for (Map.Entry<String, FieldMapping.Source> e : mapping.metadata().entrySet()) {
            Found f = find(row, e.getValue());
            if (f != null && f.node.isValueNode()) {
                out.put(e.getKey(), f.node.asText());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ rows

    private JsonPointer pointer(String source) {
        return pointers.computeIfAbsent(source, FieldMapping::pointer);
    }

    private String column(String source) {
        return pointer(source).getMatchingProperty();
    }

    private static boolean missing(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isBlank());
    }

    private static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "string '" + Values.abbreviate(n.asText()) + "'";
        }
        if (n.isNumber()) {
            return "number " + n.asText();
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return n.isArray() ? "array" : "object";
    }

    private interface Row {
        JsonNode get(JsonPointer pointer, String source) throws BadRecordException;

        /** Whether scalar values are text that may hold numbers (CSV). */
        boolean lenient();
    }

    private record JsonRow(JsonNode node) implements Row {
        @Override
        public JsonNode get(JsonPointer pointer, String source) {
            return node.at(pointer);
        }

        @Override
        public boolean lenient() {
            return false;
        }
    }

    /** A CSV record: the pointer's first segment is the column; the rest points into the cell's JSON text. */
    private static final class CsvRow implements Row {
        private final CSVRecord record;
        private Map<String, JsonNode> parsedCells;

        CsvRow(CSVRecord record) {
            this.record = record;
        }

        @Override
        public JsonNode get(JsonPointer pointer, String source) throws BadRecordException {
            String column = pointer.getMatchingProperty();
            if (!record.isSet(column)) {
                return null;
            }
            String cell = unquoted(record.get(column));
            JsonPointer rest = pointer.tail();
            if (rest == null || rest.matches()) {
                return cell.isEmpty() ? null : TextNode.valueOf(cell);
            }
            if (cell.isBlank()) {
                return null;
            }
            if (parsedCells == null) {
                parsedCells = new HashMap<>();
            }
            JsonNode parsed = parsedCells.get(column);
            if (parsed == null) {
                try {
                    parsed = Json.LOGS.readTree(cell);
                } catch (JsonProcessingException e) {
                    throw new BadRecordException(RejectReason.MAPPING_FAILED, source, "column '" + column
                            + "' must hold JSON to read " + source + ": " + e.getOriginalMessage());
                }
                parsedCells.put(column, parsed);
            }
            return parsed.at(rest);
        }

        @Override
        public boolean lenient() {
            return true;
        }

        /**
         * A cell holding one JSON string literal is its content: Langfuse's CSV export writes non-string cells
         * through {@code JSON.stringify}, so a date cell holds {@code "2026-11-20T10:00:00.000Z"} quotes included.
         */
        private static String unquoted(String cell) {
            String t = cell.trim();
            if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
                return cell;
            }
            try {
                JsonNode n = Json.LOGS.readTree(t);
                return n != null && n.isTextual() ? n.asText() : cell;
            } catch (JsonProcessingException e) {
                return cell; // not JSON after all: the text as written
            }
        }
    }

    // ------------------------------------------------------------------ stream failures inside the CSV parser

    /** Marks exceptions of the underlying (decompressing) stream so they can be told apart from CSV syntax errors. */
    private static final class FailureMarking extends FilterInputStream {
        FailureMarking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new StreamFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new StreamFailure(e);
            }
        }
    }

    private static final class StreamFailure extends IOException {
        StreamFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static boolean streamFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamFailure) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        return String.valueOf(rootCause(e).getMessage());
    }

    /** The stream's own failure under the CSV parser's wrappers (a {@link DamagedInputException} if there is one). */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof DamagedInputException)) {
            t = t.getCause();
        }
        return t;
    }
}
