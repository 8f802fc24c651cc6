package dev.llmmon.ingest.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte scanner ({@link NativeLineScanner}) against the Jackson path it stands in for: for valid native lines of
 * many shapes and for random corruptions of them (fixed seeds, bounded count), the reader with the scanner gives the
 * same record, or the same rejection (reason, field, message, line), as the reader without it.
 */
class NativeLineScannerFuzzTest {
    private static final String[] FEATURES = {"support-chat", "summarize", "extract-invoice", " padded ", "x"};
    private static final String[] MODELS = {"gpt-4o-2024-08-06", "claude-haiku-4-5-20251001", "m"};
    private static final String[] FINISH = {"end_turn", "stop", "length", "tool_calls", "refusal", "error",
            "content_filter", "END_TURN", "tool-calls", "weird"};
    private static final String[] TEXTS = {"How do I reset my password?", "line one\\nline two \\\"quoted\\\" \\u00e9",
            "plain", "", "tab\\tand slash \\/ and \\\\ backslash", "caf\u00e9 \u2014 \u65e5\u672c \u20ac \ud83d\ude00",
            "a long text ".repeat(40)};
    /** Byte sequences a UTF-8 decoder must refuse or accept: overlong, surrogate, truncated, beyond U+10FFFF, valid. */
    private static final byte[][] UTF8 = {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xe2, (byte) 0x82, (byte) 0xac}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80},
            {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
    private static final byte[] NOISE = "\"\\{}[],: \t0123456789-+.eEnulltrfasx\u0000\u001f".getBytes(StandardCharsets.UTF_8);

    @Test
    void scannerAgreesWithJacksonOnValidAndCorruptedLines() {
        long scanned = 0;
        long valid = 0;
        int cases = 0;
        for (boolean text : new boolean[]{false, true}) {
            for (boolean metadata : new boolean[]{false, true}) {
                NativeJsonlReader fast = new NativeJsonlReader(text, metadata, true);
                NativeJsonlReader reference = new NativeJsonlReader(text, metadata, false);
                NativeLineScanner scanner = new NativeLineScanner(text, metadata);
                SplittableRandom rng = new SplittableRandom(31L + (text ? 2 : 0) + (metadata ? 1 : 0));
                for (int i = 0; i < 800; i++) {
                    String line = validLine(rng);
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    if (scanner.scan(bytes, 0, bytes.length) != null) {
                        scanned++;
                    }
                    valid++;
                    assertSame(fast, reference, bytes);
                    for (int k = 0; k < 3; k++) {
                        assertSame(fast, reference, corrupt(bytes, rng));
                        cases++;
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(9_600);
        // about half the generated lines are plain (the others have exponents, escapes in kept strings, non-ASCII
        // bytes, duplicate keys...): the fast path must really be what is tested
        assertThat(scanned).isGreaterThan(valid / 4);
    }

    @Test
    void plainLinesAreReadByTheScannerAndEqualJacksonsRecord() {
        String line = "{\"request_id\":\"r-1\",\"timestamp\":\"2026-11-20T13:05:01.123Z\",\"feature_id\":\"support-chat\","
                + "\"model_id\":\"gpt-4o-2024-08-06\",\"latency_ms\":812.5,\"input_tokens\":412,\"output_tokens\":96,"
                + "\"cost_usd\":0.00199,\"finish_reason\":\"stop\",\"error\":null,\"session_id\":\"s-17\","
                + "\"user_input\":\"How do I \\\"reset\\\" my password?\\n\",\"output\":\"Go to Settings\","
                + "\"system_fingerprint\":\"fp_1\",\"metadata\":{\"prompt_version\":\"v7\",\"n\":[1,2.5,{\"a\":null}]},"
                + "\"extra\":{\"deep\":[true,false,null,\"x\"]}}";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        var record = new NativeLineScanner(false, true).scan(bytes, 0, bytes.length);
        assertThat(record).isNotNull();
        Read jackson = Read.text(new NativeJsonlReader(false, true, false), line);
        assertThat(record).isEqualTo(jackson.only());
        assertThat(record.metadata()).containsEntry("prompt_version", "v7").hasSize(1);
    }

    private static void assertSame(NativeJsonlReader fast, NativeJsonlReader reference, byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1); // bytes as they are, even invalid UTF-8
        Read a = Read.stream(fast, new java.io.ByteArrayInputStream(line), "f.jsonl");
        Read b = Read.stream(reference, new java.io.ByteArrayInputStream(line), "f.jsonl");
        assertThat(a.records).as("records of %s", text).isEqualTo(b.records);
        assertThat(a.lines).as("lines of %s", text).isEqualTo(b.lines);
        assertThat(a.rejections.examples()).as("rejections of %s", text).isEqualTo(b.rejections.examples());
        assertThat(a.rejections.blankLines()).isEqualTo(b.rejections.blankLines());
    }

    private static byte[] corrupt(byte[] line, SplittableRandom rng) {
        List<Byte> out = new ArrayList<>(line.length + 8);
        for (byte x : line) {
            out.add(x);
        }
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits && !out.isEmpty(); e++) {
            int at = rng.nextInt(out.size());
            switch (rng.nextInt(6)) {
                case 0 -> out.set(at, NOISE[rng.nextInt(NOISE.length)]);
                case 4 -> {
                    byte[] seq = UTF8[rng.nextInt(UTF8.length)];
                    for (int k = seq.length - 1; k >= 0; k--) {
                        out.add(at, seq[k]);
                    }
                }
                case 1 -> out.remove(at);
                case 2 -> out.add(at, NOISE[rng.nextInt(NOISE.length)]);
                case 3 -> out.subList(at, out.size()).clear(); // truncated
                default -> out.set(at, (byte) rng.nextInt(256));
            }
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i) == '\n' ? (byte) ' ' : out.get(i); // one line stays one line
        }
        return bytes;
    }

    /** A valid native line (or nearly: some values are out of range or of the wrong type on purpose). */
    private static String validLine(SplittableRandom rng) {
        List<String> fields = new ArrayList<>();
        fields.add(q("request_id") + ":" + q(rng.nextInt(20) == 0 ? "r-\u00e9" + rng.nextInt(100) : "r-" + rng.nextInt(1_000_000)));
        fields.add(q("timestamp") + ":" + timestamp(rng));
        fields.add(q("feature_id") + ":" + q(FEATURES[rng.nextInt(FEATURES.length)]));
        fields.add(q("model_id") + ":" + q(MODELS[rng.nextInt(MODELS.length)]));
        fields.add(q("latency_ms") + ":" + number(rng, 3));
        fields.add(q("input_tokens") + ":" + number(rng, 0));
        fields.add(q("output_tokens") + ":" + number(rng, 0));
        if (rng.nextInt(3) == 0) {
            fields.add(q("cached_input_tokens") + ":" + (rng.nextInt(5) == 0 ? "null" : number(rng, 0)));
        }
        if (rng.nextInt(3) == 0) {
            fields.add(q("reasoning_tokens") + ":" + (rng.nextInt(5) == 0 ? "null" : number(rng, 0)));
        }
        if (rng.nextBoolean()) {
            fields.add(q("cost_usd") + ":" + (rng.nextInt(5) == 0 ? "null" : number(rng, 6)));
        }
        fields.add(q("finish_reason") + ":" + q(FINISH[rng.nextInt(rng.nextInt(4) == 0 ? FINISH.length : 3)]));
        fields.add(q("error") + ":" + (rng.nextInt(10) == 0 ? q("RateLimitError: 429") : "null"));
        if (rng.nextBoolean()) {
            fields.add(q("session_id") + ":" + (rng.nextInt(5) == 0 ? "null" : q("s-" + rng.nextInt(100))));
        }
        if (rng.nextBoolean()) {
            fields.add(q("user_input") + ":" + q(TEXTS[rng.nextInt(TEXTS.length)]));
        }
        if (rng.nextBoolean()) {
            fields.add(q("output") + ":" + (rng.nextInt(6) == 0 ? "null" : q(TEXTS[rng.nextInt(TEXTS.length)])));
        }
        if (rng.nextBoolean()) {
            fields.add(q("system_fingerprint") + ":" + q("fp_" + rng.nextInt(5)));
        }
        if (rng.nextBoolean()) {
            fields.add(q("metadata") + ":" + switch (rng.nextInt(5)) {
                case 0 -> "{}";
                case 1 -> "null";
                case 2 -> "{\"prompt_version\":\"v3\",\"deployment\":\"us-east\",\"n\":3}";
                case 3 -> "{\"a\":\"1\",\"a\":\"2\"}";
                default -> "{\"nested\":{\"x\":[1,2,{\"y\":\"z\"}]},\"k\":\"v\"}";
            });
        }
        if (rng.nextInt(4) == 0) {
            fields.add(q("unknown_" + rng.nextInt(3)) + ":" + switch (rng.nextInt(4)) {
                case 0 -> "[1, 2.5, true, false, null]";
                case 1 -> "{\"a\": {\"b\": \"c\\u0041\"}}";
                case 2 -> "-12.5e3";
                default -> q("v");
            });
        }
        if (rng.nextInt(8) == 0) { // shuffled keys
            java.util.Collections.shuffle(fields, new java.util.Random(rng.nextLong()));
        }
        String sep = rng.nextInt(6) == 0 ? ", " : ",";
        String colon = rng.nextInt(6) == 0 ? " : " : ":";
        String body = String.join(sep, fields).replace("\":", "\"" + colon).replace("\"" + colon + "\"", "\"" + colon + "\"");
        return (rng.nextInt(10) == 0 ? " " : "") + "{" + body + "}" + (rng.nextInt(10) == 0 ? " \t" : "");
    }

    private static String timestamp(SplittableRandom rng) {
        long seconds = 1_763_251_200L + rng.nextLong(30L * 86_400);
        return switch (rng.nextInt(6)) {
            case 0 -> Long.toString(seconds);
            case 1 -> String.format(Locale.ROOT, "%d.%03d", seconds, rng.nextInt(1000));
            case 2 -> q(java.time.Instant.ofEpochSecond(seconds).toString());
            case 3 -> q(java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, rng.nextInt(1000) * 1_000_000L),
                    java.time.ZoneOffset.ofHours(rng.nextInt(-12, 13))).toString());
            case 4 -> q(java.time.Instant.ofEpochSecond(seconds, rng.nextInt(1_000_000_000)).toString());
            default -> q(java.time.Instant.ofEpochSecond(seconds, rng.nextInt(1000) * 1_000_000L).toString());
        };
    }

    private static String number(SplittableRandom rng, int decimals) {
        return switch (rng.nextInt(40)) {
            case 0 -> "0";
            case 1 -> "1e2";
            case 2 -> "12345678901234567890";
            case 3 -> "0.1";
            case 4 -> String.format(Locale.ROOT, "%.9f", rng.nextDouble() * 1000);
            default -> decimals == 0 ? Integer.toString(rng.nextInt(100_000))
                    : String.format(Locale.ROOT, "%." + rng.nextInt(decimals + 1) + "f", rng.nextDouble() * 5000);
        };
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }
}
