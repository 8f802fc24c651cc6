package dev.llmmon.ingest.internal;

import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The fast path of {@link NativeJsonlReader}: reads a plain native line straight from its bytes, without a JSON
 * tokenizer. It finds the keys it needs, parses numbers and timestamps from bytes, and skips the long text values a
 * word (eight bytes) at a time.
 *
 * <p>It only ever <em>accepts</em>: any line that is not plain (an escape in a kept string, a non-ASCII byte, an
 * exponent, a negative number, a duplicate key, a value that a check would reject, malformed JSON, ...) gives
 * {@code null}, and the Jackson path then reads the line and decides, with the same record or the same rejection
 * reason and message as before. So a record from here must equal the Jackson path's record for the same line
 * ({@code NativeLineScannerFuzzTest} checks this on random corruptions of valid lines). One instance per thread.
 */
final class NativeLineScanner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long CONTROL = ONES * 0x20; // bytes below 0x20 must be escaped inside JSON strings
    private static final int MAX_DEPTH = 64; // deeper values are left to Jackson (its limit is 1000)
    private static final int MAX_KEY = 1000; // longer keys are left to Jackson (its limit is 50,000)
    private static final int MAX_LINE = 16 << 20; // longer lines are left to Jackson (its string limit is 20M)
    private static final double[] POWERS_OF_TEN = new double[23]; // exact as doubles up to 1e22

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /** Thrown (preallocated, no stack trace) when the line is not plain: the Jackson path decides. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private static final byte[] REQUEST_ID = key("request_id");
    private static final byte[] TIMESTAMP = key("timestamp");
    private static final byte[] FEATURE_ID = key("feature_id");
    private static final byte[] MODEL_ID = key("model_id");
    private static final byte[] LATENCY_MS = key("latency_ms");
    private static final byte[] INPUT_TOKENS = key("input_tokens");
    private static final byte[] OUTPUT_TOKENS = key("output_tokens");
    private static final byte[] CACHED_INPUT_TOKENS = key("cached_input_tokens");
    private static final byte[] REASONING_TOKENS = key("reasoning_tokens");
    private static final byte[] COST_USD = key("cost_usd");
    private static final byte[] FINISH_REASON = key("finish_reason");
    private static final byte[] ERROR = key("error");
    private static final byte[] SESSION_ID = key("session_id");
    private static final byte[] SYSTEM_FINGERPRINT = key("system_fingerprint");
    private static final byte[] USER_INPUT = key("user_input");
    private static final byte[] OUTPUT = key("output");
    private static final byte[] METADATA = key("metadata");

    private final boolean includeText;
    private final boolean includeMetadata;
    private final ByteStrings strings = new ByteStrings();

    private byte[] b;
    private int pos;
    private int end;
    // where the last scanned string's content is: b[strStart, strEnd)
    private int strStart;
    private int strEnd;
    private double number;

    NativeLineScanner(boolean includeText, boolean includeMetadata) {
        this.includeText = includeText;
        this.includeMetadata = includeMetadata;
    }

    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** The record of line {@code buf[off, off + len)}, or {@code null} when the Jackson path must decide. */
    RequestRecord scan(byte[] buf, int off, int len) {
        if (len > MAX_LINE) {
            return null;
        }
        b = buf;
        pos = off;
        end = off + len;
        try {
            return scanRecord();
        } catch (NotPlain | ArrayIndexOutOfBoundsException e) {
            return null;
        } finally {
            b = null;
        }
    }

    private RequestRecord scanRecord() throws NotPlain {
        skipWhitespace();
        expect('{');
        String requestId = null;
        Instant timestamp = null;
        String featureId = null;
        String modelId = null;
        double latency = -1;
        long inputTokens = -1;
        long outputTokens = -1;
        Long cachedInputTokens = null;
        boolean seenCached = false;
        Long reasoningTokens = null;
        boolean seenReasoning = false;
        Double cost = null;
        boolean seenCost = false;
        FinishReason finish = null;
        String error = null;
        boolean seenError = false;
        String sessionId = null;
        boolean seenSession = false;
        String userInput = null;
        boolean seenUserInput = false;
        String output = null;
        boolean seenOutput = false;
        String fingerprint = null;
        boolean seenFingerprint = false;
        Map<String, String> metadata = null;
        boolean seenMetadata = false;

        skipWhitespace();
        if (peek() != '}') {
            while (true) {
                expect('"');
                scanKey(); // keys with escapes or non-ASCII bytes go to Jackson
                int keyStart = strStart;
                int keyLength = strEnd - strStart;
                skipWhitespace();
                expect(':');
                skipWhitespace();
                if (is(keyStart, keyLength, USER_INPUT)) {
                    if (seenUserInput) {
                        throw NOT_PLAIN;
                    }
                    seenUserInput = true;
                    userInput = text();
                } else if (is(keyStart, keyLength, OUTPUT)) {
                    if (seenOutput) {
                        throw NOT_PLAIN;
                    }
                    seenOutput = true;
                    output = text();
                } else if (is(keyStart, keyLength, REQUEST_ID)) {
                    if (requestId != null) {
                        throw NOT_PLAIN;
                    }
                    expect('"');
                    scanPlainString();
                    requestId = requiredString(false);
                } else if (is(keyStart, keyLength, TIMESTAMP)) {
                    if (timestamp != null) {
                        throw NOT_PLAIN;
                    }
                    timestamp = timestamp();
                } else if (is(keyStart, keyLength, FEATURE_ID)) {
                    if (featureId != null) {
                        throw NOT_PLAIN;
                    }
                    expect('"');
                    scanPlainString();
                    featureId = requiredString(true);
                } else if (is(keyStart, keyLength, MODEL_ID)) {
                    if (modelId != null) {
                        throw NOT_PLAIN;
                    }
                    expect('"');
                    scanPlainString();
                    modelId = requiredString(true);
                } else if (is(keyStart, keyLength, LATENCY_MS)) {
                    if (latency >= 0) {
                        throw NOT_PLAIN;
                    }
                    latency = plainNumber();
                    if (latency > Values.MAX_LATENCY_MS) {
                        throw NOT_PLAIN;
                    }
                } else if (is(keyStart, keyLength, INPUT_TOKENS)) {
                    if (inputTokens >= 0) {
                        throw NOT_PLAIN;
                    }
                    inputTokens = tokens();
                } else if (is(keyStart, keyLength, OUTPUT_TOKENS)) {
                    if (outputTokens >= 0) {
                        throw NOT_PLAIN;
                    }
                    outputTokens = tokens();
                } else if (is(keyStart, keyLength, CACHED_INPUT_TOKENS)) {
                    if (seenCached) {
                        throw NOT_PLAIN;
                    }
                    seenCached = true;
                    cachedInputTokens = literalNull() ? null : tokens();
                } else if (is(keyStart, keyLength, REASONING_TOKENS)) {
                    if (seenReasoning) {
                        throw NOT_PLAIN;
                    }
                    seenReasoning = true;
                    reasoningTokens = literalNull() ? null : tokens();
                } else if (is(keyStart, keyLength, COST_USD)) {
                    if (seenCost) {
                        throw NOT_PLAIN;
                    }
                    seenCost = true;
                    if (!literalNull()) {
                        double value = plainNumber();
                        if (value > Values.MAX_COST_USD) {
                            throw NOT_PLAIN;
                        }
                        cost = value;
                    }
                } else if (is(keyStart, keyLength, FINISH_REASON)) {
                    if (finish != null) {
                        throw NOT_PLAIN;
                    }
                    expect('"');
                    scanPlainString();
                    requiredString(true);
                    finish = strings.finishReason();
                    if (finish == null) {
                        throw NOT_PLAIN;
                    }
                } else if (is(keyStart, keyLength, ERROR)) {
                    if (seenError) {
                        throw NOT_PLAIN;
                    }
                    seenError = true;
                    error = optionalString(false);
                } else if (is(keyStart, keyLength, SESSION_ID)) {
                    if (seenSession) {
                        throw NOT_PLAIN;
                    }
                    seenSession = true;
                    sessionId = optionalString(false);
                } else if (is(keyStart, keyLength, SYSTEM_FINGERPRINT)) {
                    if (seenFingerprint) {
                        throw NOT_PLAIN;
                    }
                    seenFingerprint = true;
                    fingerprint = optionalString(true);
                } else if (is(keyStart, keyLength, METADATA)) {
                    if (seenMetadata) {
                        throw NOT_PLAIN;
                    }
                    seenMetadata = true;
                    metadata = metadata();
                } else {
                    skipValue(0);
                }
                if (closes('}')) {
                    break;
                }
            }
        } else {
            pos++;
        }
        skipWhitespace();
        if (pos != end || requestId == null || timestamp == null || featureId == null || modelId == null
                || latency < 0 || inputTokens < 0 || outputTokens < 0 || finish == null) {
            throw NOT_PLAIN;
        }
        return new RequestRecord(requestId, timestamp, featureId, modelId, latency, inputTokens, outputTokens, cost,
                finish, error, sessionId, userInput, output, fingerprint, metadata, cachedInputTokens, reasoningTokens,
                true);
    }

    // ---- values

    /** A required string (the scanned one): not blank; from the cache when the value repeats from line to line. */
    private String requiredString(boolean cached) throws NotPlain {
        int i = strStart;
        while (i < strEnd && b[i] == ' ') { // only spaces can be blank here: control bytes were refused
            i++;
        }
        if (i == strEnd) {
            throw NOT_PLAIN; // null, empty or blank: Jackson's path names the reason
        }
        return cached ? strings.get(b, strStart, strEnd) : ascii(strStart, strEnd);
    }

    private String optionalString(boolean cached) throws NotPlain {
        if (literalNull()) {
            return null;
        }
        expect('"');
        scanPlainString();
        return cached ? strings.get(b, strStart, strEnd) : ascii(strStart, strEnd);
    }

    /** A text field: null, or a string skipped without decoding unless text is kept. */
    private String text() throws NotPlain {
        if (literalNull()) {
            return null;
        }
        expect('"');
        if (includeText) {
            scanPlainString();
            return ascii(strStart, strEnd);
        }
        skipString();
        return null;
    }

    private String ascii(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1); // ASCII checked: one array copy
    }

    private Instant timestamp() throws NotPlain {
        if (peek() == '"') {
            pos++;
            scanPlainString();
            Instant instant = isoInstant(strStart, strEnd);
            if (instant == null || instant.isBefore(Values.EARLIEST) || !instant.isBefore(Values.LATEST)) {
                throw NOT_PLAIN;
            }
            return instant;
        }
        double seconds = plainNumber();
        if (seconds < Values.EARLIEST.getEpochSecond() || seconds >= Values.LATEST.getEpochSecond()) {
            throw NOT_PLAIN;
        }
        try {
            return Values.epochSeconds(seconds, "timestamp");
        } catch (BadRecordException e) {
            throw NOT_PLAIN;
        }
    }

    private long tokens() throws NotPlain {
        double value = plainNumber();
        if (value != Math.rint(value) || value > Values.MAX_TOKENS) {
            throw NOT_PLAIN;
        }
        return (long) value;
    }

    /**
     * A non-negative JSON number without exponent, with at most 15 significant digits and 22 decimals, as the same
     * correctly rounded double Jackson gives: both the digits and the power of ten are exact doubles, so one
     * division rounds correctly. Anything else is not plain.
     */
    private double plainNumber() throws NotPlain {
        int start = pos;
        long digits = 0;
        int count = 0;
        byte c = peek();
        if (c == '0') {
            pos++;
            c = pos < end ? b[pos] : 0;
            if (c >= '0' && c <= '9') {
                throw NOT_PLAIN; // leading zero
            }
        } else if (c >= '1' && c <= '9') {
            while (pos < end && (c = b[pos]) >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                pos++;
            }
        } else {
            throw NOT_PLAIN; // negative, NaN, a string, null, ...
        }
        int decimals = 0;
        if (pos < end && b[pos] == '.') {
            pos++;
            while (pos < end && (c = b[pos]) >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                decimals++;
                pos++;
            }
            if (decimals == 0) {
                throw NOT_PLAIN;
            }
        }
        if (count > 15 || decimals > 22 || pos - start > 40) {
            throw NOT_PLAIN;
        }
        if (pos < end) {
            c = b[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t') {
                throw NOT_PLAIN; // an exponent, or trailing garbage
            }
        }
        return decimals == 0 ? (double) digits : digits / POWERS_OF_TEN[decimals];
    }

    private Map<String, String> metadata() throws NotPlain {
        if (literalNull()) {
            return null;
        }
        expect('{');
        if (!includeMetadata) {
            pos--;
            skipValue(0);
            return Map.of();
        }
        String[] entries = null;
        int n = 0;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Map.of();
        }
        while (true) {
            expect('"');
            scanKey();
            int keyStart = strStart;
            int keyEnd = strEnd;
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (peek() == '"') {
                pos++;
                scanPlainString();
                String key = strings.get(b, keyStart, keyEnd);
                String value = strings.get(b, strStart, strEnd);
                if (entries == null) {
                    entries = new String[16];
                }
                for (int i = 0; i < n; i += 2) {
                    if (entries[i].equals(key)) {
                        throw NOT_PLAIN; // the last value wins there: let Jackson's path build it
                    }
                }
                if (n == entries.length) {
                    entries = Arrays.copyOf(entries, n * 2);
                }
                entries[n++] = key;
                entries[n++] = value;
            } else {
                skipValue(1);
            }
            if (closes('}')) {
                break;
            }
        }
        if (n == 0) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] pairs = new Map.Entry[n / 2];
        for (int i = 0; i < n; i += 2) {
            pairs[i / 2] = Map.entry(entries[i], entries[i + 1]);
        }
        return Map.ofEntries(pairs);
    }

    // ---- JSON structure

    /** Skips any JSON value, checking it as strictly as Jackson's tokenizer would; odd ones are not plain. */
    private void skipValue(int depth) throws NotPlain {
        if (depth > MAX_DEPTH) {
            throw NOT_PLAIN;
        }
        byte c = next();
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                skipWhitespace();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    expect('"');
                    scanKey();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    skipValue(depth + 1);
                    if (closes('}')) {
                        return;
                    }
                }
            }
            case '[' -> {
                skipWhitespace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipValue(depth + 1);
                    if (closes(']')) {
                        return;
                    }
                }
            }
            case 't' -> literal("rue");
            case 'f' -> literal("alse");
            case 'n' -> literal("ull");
            default -> {
                pos--;
                plainNumber();
            }
        }
    }

    /** After a member or element: true at the closing bracket; false after a comma (and whitespace). */
    private boolean closes(char close) throws NotPlain {
        skipWhitespace();
        byte c = next();
        if (c == close) {
            return true;
        }
        if (c != ',') {
            throw NOT_PLAIN;
        }
        skipWhitespace();
        return false;
    }

    private void literal(String rest) throws NotPlain {
        for (int i = 0; i < rest.length(); i++) {
            if (next() != rest.charAt(i)) {
                throw NOT_PLAIN;
            }
        }
        if (pos < end) {
            byte c = b[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t') {
                throw NOT_PLAIN;
            }
        }
    }

    private boolean literalNull() throws NotPlain {
        if (peek() != 'n') {
            return false;
        }
        pos++;
        literal("ull");
        return true;
    }

    /**
     * After an opening quote: a string of printable ASCII without escapes, whose content is then
     * {@code b[strStart, strEnd)}; anything else is not plain.
     */
    private void scanPlainString() throws NotPlain {
        int start = pos;
        int i = pos;
        while (i + 8 <= end) {
            long word = (long) LONGS.get(b, i);
            long special = specialBytes(word);
            if (special != 0) {
                i += Long.numberOfTrailingZeros(special) >>> 3;
                break;
            }
            i += 8;
        }
        while (i < end && b[i] != '"') {
            int c = b[i] & 0xff;
            if (c < 0x20 || c == '\\' || c >= 0x80) {
                throw NOT_PLAIN;
            }
            i++;
        }
        if (i >= end || b[i] != '"') {
            throw NOT_PLAIN;
        }
        strStart = start;
        strEnd = i;
        pos = i + 1;
    }

    private void scanKey() throws NotPlain {
        scanPlainString();
        if (strEnd - strStart > MAX_KEY) {
            throw NOT_PLAIN;
        }
    }

    /**
     * After an opening quote: skips a string, eight bytes at a time, checking its escapes as Jackson does; control
     * bytes and bytes that are not well-formed UTF-8 are not plain (Jackson decides what to say about them).
     */
    private void skipString() throws NotPlain {
        int i = pos;
        while (true) {
            while (i + 8 <= end) {
                long special = specialBytes((long) LONGS.get(b, i));
                if (special != 0) {
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= end) {
                throw NOT_PLAIN;
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                pos = i + 1;
                return;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    throw NOT_PLAIN;
                }
                switch (b[i + 1]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
                    case 'u' -> {
                        if (i + 6 > end) {
                            throw NOT_PLAIN;
                        }
                        for (int k = i + 2; k < i + 6; k++) {
                            if (Character.digit(b[k], 16) < 0) {
                                throw NOT_PLAIN;
                            }
                        }
                        i += 6;
                    }
                    default -> throw NOT_PLAIN;
                }
            } else if (c >= 0x80) {
                i = skipUtf8(i, c);
            } else if (c < 0x20) {
                throw NOT_PLAIN;
            } else {
                i++; // an ordinary byte found by the byte loop near the end
            }
        }
    }

    /**
     * The index after the well-formed UTF-8 sequence that starts with {@code lead} at {@code i} (no overlong forms, no
     * surrogates, at most U+10FFFF: what every UTF-8 decoder accepts); anything else is not plain.
     */
    private int skipUtf8(int i, int lead) throws NotPlain {
        int count;
        int min = 0x80;
        int max = 0xbf; // the allowed range of the second byte
        if (lead >= 0xc2 && lead <= 0xdf) {
            count = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            count = 2;
            if (lead == 0xe0) {
                min = 0xa0;
            } else if (lead == 0xed) {
                max = 0x9f;
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            count = 3;
            if (lead == 0xf0) {
                min = 0x90;
            } else if (lead == 0xf4) {
                max = 0x8f;
            }
        } else {
            throw NOT_PLAIN;
        }
        if (i + count >= end) {
            throw NOT_PLAIN;
        }
        int second = b[i + 1] & 0xff;
        if (second < min || second > max) {
            throw NOT_PLAIN;
        }
        for (int k = i + 2; k <= i + count; k++) {
            if ((b[k] & 0xc0) != 0x80) {
                throw NOT_PLAIN;
            }
        }
        return i + count + 1;
    }

    /** High bit set in each byte of {@code word} that is a quote, a backslash, a control byte or non-ASCII. */
    private static long specialBytes(long word) {
        long quotes = word ^ QUOTES;
        long backslashes = word ^ BACKSLASHES;
        // exact zero-byte tests (no false positives from borrows): see Newlines
        long q = ~(((quotes & ~HIGH) + ~HIGH) | quotes) & HIGH;
        long s = ~(((backslashes & ~HIGH) + ~HIGH) | backslashes) & HIGH;
        long control = ~((word & ~HIGH) + (~HIGH - CONTROL + ONES)) & ~word & HIGH; // byte < 0x20, exact per byte
        return q | s | control | (word & HIGH);
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() throws NotPlain {
        if (pos >= end) {
            throw NOT_PLAIN;
        }
        return b[pos];
    }

    private byte next() throws NotPlain {
        if (pos >= end) {
            throw NOT_PLAIN;
        }
        return b[pos++];
    }

    private void expect(char c) throws NotPlain {
        if (pos >= end || b[pos] != c) {
            throw NOT_PLAIN;
        }
        pos++;
    }

    private boolean is(int start, int length, byte[] key) {
        return length == key.length && Arrays.equals(b, start, start + length, key, 0, length);
    }

    // ---- timestamps

    /** {@link Values#simpleIsoInstant} over ASCII bytes; {@code null} for any other shape. */
    private Instant isoInstant(int from, int to) {
        int n = to - from;
        if (n < 20 || n > 40) {
            return null;
        }
        return Values.simpleIsoInstant(ascii(from, to));
    }

    /**
     * Strings that repeat from line to line (ids of features and models, finish reasons, fingerprints, metadata),
     * decoded once: direct-mapped by a hash of their bytes, bounded; a value that does not fit is decoded again.
     */
    private static final class ByteStrings {
        private static final int SIZE = 512; // power of two
        private static final int MAX_LENGTH = 64;
        private final byte[][] keys = new byte[SIZE][];
        private final String[] values = new String[SIZE];
        private final FinishReason[] reasons = new FinishReason[SIZE];
        private int last = -1;

        String get(byte[] b, int from, int to) {
            int length = to - from;
            if (length > MAX_LENGTH) {
                last = -1;
                return new String(b, from, length, StandardCharsets.ISO_8859_1);
            }
            int h = length;
            for (int i = from; i < to; i++) {
                h = h * 31 + b[i];
            }
            int slot = (h ^ (h >>> 9) ^ (h >>> 18)) & (SIZE - 1);
            last = slot;
            byte[] k = keys[slot];
            if (k != null && Arrays.equals(k, 0, k.length, b, from, to)) {
                return values[slot];
            }
            String s = new String(b, from, length, StandardCharsets.ISO_8859_1);
            keys[slot] = Arrays.copyOfRange(b, from, to);
            values[slot] = s;
            reasons[slot] = null;
            return s;
        }

        /** The finish reason of the value last returned by {@link #get}, or {@code null} if it is not one. */
        FinishReason finishReason() {
            if (last < 0) {
                return null;
            }
            FinishReason r = reasons[last];
            if (r == null) {
                r = FinishReason.parse(values[last]).orElse(null);
                reasons[last] = r;
            }
            return r;
        }
    }
}
