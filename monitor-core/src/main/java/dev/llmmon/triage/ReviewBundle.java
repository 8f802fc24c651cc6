package dev.llmmon.triage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.internal.AtomicFiles;
import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The review bundle ({@code triage-bundle.json}): responses of an alert's window, redacted, each with its judge scores
 * and a {@code verdict} the reviewer sets to {@code real} or {@code false_positive}. Read back, its real cases feed
 * {@code export-evals} ({@code llmmon.evals.bundle}) and its false-positive share is reported. Field names are fixed
 * here, not by the records' accessors.
 *
 * @param alertId     the triaged alert, or {@code null}
 * @param feature     the target feature
 * @param model       the target model, or {@code *}
 * @param metric      the triaged metric
 * @param windowStart the window's start
 * @param windowEnd   the window's end
 * @param items       the responses
 */
public record ReviewBundle(String alertId, String feature, String model, String metric, Instant windowStart,
                           Instant windowEnd, List<Item> items) {
    public static final int VERSION = 1;

    public ReviewBundle {
        items = List.copyOf(items);
    }

    /**
     * One response.
     *
     * @param requestId the request
     * @param timestamp when it was made
     * @param feature   its feature
     * @param model     its model
     * @param slice     its slice values (metadata, redacted)
     * @param why       why it was picked: the bad outcome, a judge flag, or {@code sample}
     * @param input     the user's input, redacted
     * @param output    the answer, redacted
     * @param error     the error, redacted, or {@code null}
     * @param judge     the judge's latest ok judgement, or {@code null}
     * @param verdict   the reviewer's verdict
     * @param note      the reviewer's note (kept across reruns), or {@code null}
     */
    public record Item(String requestId, Instant timestamp, String feature, String model, Map<String, String> slice,
                       String why, String input, String output, String error, Judge judge, ReviewVerdict verdict,
                       String note) {
        public Item {
            slice = slice == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slice));
            verdict = verdict == null ? ReviewVerdict.UNSET : verdict;
        }

        public Item withReview(ReviewVerdict value, String reviewerNote) {
            return new Item(requestId, timestamp, feature, model, slice, why, input, output, error, judge, value,
                    reviewerNote);
        }
    }

    /**
     * A judgement as the reviewer sees it.
     *
     * @param qualityScore mean dimension score
     * @param dimensions   dimension scores
     * @param flagged      whether the judge flagged it
     * @param flagReason   the rules that fired, or {@code null}
     * @param rationale    the judge's rationale, redacted
     * @param judgeModel   the judge model
     */
    public record Judge(Double qualityScore, Map<String, Integer> dimensions, boolean flagged, String flagReason,
                        String rationale, String judgeModel) {
        public Judge {
            dimensions = dimensions == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        }
    }

    public long count(ReviewVerdict verdict) {
        return items.stream().filter(i -> i.verdict() == verdict).count();
    }

    /** Of the reviewed responses (real or false positive), the share marked false positive; NaN when none is. */
    public double falsePositiveShare() {
        long real = count(ReviewVerdict.REAL);
        long fp = count(ReviewVerdict.FALSE_POSITIVE);
        return real + fp == 0 ? Double.NaN : (double) fp / (real + fp);
    }

    /** The request ids marked real, in bundle order. */
    public Set<String> realRequestIds() {
        Set<String> out = new LinkedHashSet<>();
        items.stream().filter(i -> i.verdict() == ReviewVerdict.REAL).forEach(i -> out.add(i.requestId()));
        return out;
    }

    /** {@code 12 real, 3 false positive (20% of the 15 reviewed), 5 not reviewed}. */
    public String describeReview() {
        long real = count(ReviewVerdict.REAL);
        long fp = count(ReviewVerdict.FALSE_POSITIVE);
        long unset = count(ReviewVerdict.UNSET);
        String share = real + fp == 0 ? "none reviewed yet"
                : String.format(Locale.ROOT, "%.0f%% of the %d reviewed", 100 * falsePositiveShare(), real + fp);
        return real + " real, " + fp + " false positive (" + share + "), " + unset + " not reviewed";
    }

    /** Writes the bundle atomically, pretty-printed so a reviewer edits it in any editor. */
    public void write(Path file) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", VERSION);
        root.put("how_to_review", "set each item's verdict to real or false_positive (and a note if you like); then"
                + " llmmon:export-evals -Dllmmon.evals.bundle=<this file> turns the real ones into eval cases");
        root.put("alert_id", alertId);
        root.put("feature", feature);
        root.put("model", model);
        root.put("metric", metric);
        root.put("window_start", windowStart == null ? null : windowStart.toString());
        root.put("window_end", windowEnd == null ? null : windowEnd.toString());
        var array = root.putArray("items");
        for (Item i : items) {
            ObjectNode n = array.addObject();
            n.put("request_id", i.requestId());
            n.put("timestamp", i.timestamp() == null ? null : i.timestamp().toString());
            n.put("feature", i.feature());
            n.put("model", i.model());
            ObjectNode slice = n.putObject("slice");
            i.slice().forEach(slice::put);
            n.put("why", i.why());
            n.put("input", i.input());
            n.put("output", i.output());
            n.put("error", i.error());
            if (i.judge() == null) {
                n.putNull("judge");
            } else {
                ObjectNode j = n.putObject("judge");
                Judge g = i.judge();
                if (g.qualityScore() == null) {
                    j.putNull("quality_score");
                } else {
                    j.put("quality_score", g.qualityScore());
                }
                ObjectNode d = j.putObject("dimensions");
                g.dimensions().forEach(d::put);
                j.put("flagged", g.flagged());
                j.put("flag_reason", g.flagReason());
                j.put("rationale", g.rationale());
                j.put("judge_model", g.judgeModel());
            }
            n.put("verdict", i.verdict().wireName());
            n.put("note", i.note());
        }
        AtomicFiles.write(file, (Json.PRETTY.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a bundle; a bad verdict or a missing request id names the file, line and field. */
    public static ReviewBundle read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no review bundle at " + file + " (llmmon:triage writes it)");
        }
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(file + ":1: a review bundle is a JSON object");
            }
            Map<String, String> head = new LinkedHashMap<>();
            List<Item> items = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("items".equals(name) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonLocation at = p.currentTokenLocation();
                        JsonNode n = Json.MAPPER.readTree(p);
                        items.add(item(n, file + ":" + at.getLineNr()));
                    }
                } else if (t.isScalarValue()) {
                    head.put(name, t == JsonToken.VALUE_NULL ? null : p.getValueAsString());
                } else {
                    p.skipChildren();
                }
            }
            return new ReviewBundle(head.get("alert_id"), head.get("feature"), head.get("model"), head.get("metric"),
                    time(head.get("window_start"), file + ": window_start"), time(head.get("window_end"),
                    file + ": window_end"), items);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Item item(JsonNode n, String where) {
        String id = text(n, "request_id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(where + ": request_id: an item needs its request id");
        }
        ReviewVerdict verdict;
        try {
            verdict = ReviewVerdict.parse(text(n, "verdict"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": verdict: " + e.getMessage() + " (item " + id + ")");
        }
        Map<String, String> slice = new LinkedHashMap<>();
        if (n.path("slice").isObject()) {
            n.path("slice").fields().forEachRemaining(e -> slice.put(e.getKey(), e.getValue().asText()));
        }
        Judge judge = null;
        JsonNode j = n.path("judge");
        if (j.isObject()) {
            Map<String, Integer> dims = new LinkedHashMap<>();
            j.path("dimensions").fields().forEachRemaining(e -> dims.put(e.getKey(), e.getValue().asInt()));
            judge = new Judge(j.path("quality_score").isNumber() ? j.path("quality_score").asDouble() : null, dims,
                    j.path("flagged").asBoolean(false), text(j, "flag_reason"), text(j, "rationale"),
                    text(j, "judge_model"));
        }
        return new Item(id, time(text(n, "timestamp"), where + ": timestamp"), text(n, "feature"), text(n, "model"),
                slice, text(n, "why"), text(n, "input"), text(n, "output"), text(n, "error"), judge, verdict,
                text(n, "note"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(String value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": not an ISO-8601 time: " + value);
        }
    }
}
