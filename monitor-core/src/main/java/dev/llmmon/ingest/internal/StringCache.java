package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reuses the String of a JSON string value that repeats from record to record (feature and model ids, finish
 * reasons, attribute keys, metadata values), so that each one is not decoded into a new String per record.
 * Direct-mapped and bounded: a value that does not fit is simply decoded again. One instance per thread.
 */
final class StringCache {
    private static final int SIZE = 512; // power of two
    private static final int MAX_LENGTH = 64; // longer values are rarely repeated: not worth comparing

    private final String[] strings = new String[SIZE];
    private final char[][] chars = new char[SIZE][]; // the same values as arrays, for a vectorised comparison
    private final Boolean[] flags = new Boolean[SIZE]; // a caller's yes/no about a value, computed once per value
    private int lastSlot = -1;

    /** The current {@code VALUE_STRING} token's text. */
    String get(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length > MAX_LENGTH) {
            lastSlot = -1;
            return p.getText();
        }
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        // the length and a few chars tell repeated values apart well enough; equality is then checked in full
        int h = length;
        if (length > 0) {
            h = h * 31 + text[offset];
            h = h * 31 + text[offset + length - 1];
            h = h * 31 + text[offset + length / 2];
            h = h * 31 + text[offset + length / 3];
            h = h * 31 + text[offset + 2 * length / 3];
        }
        int slot = (h ^ (h >>> 7) ^ (h >>> 16)) & (SIZE - 1);
        lastSlot = slot;
        char[] cached = chars[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, text, offset, offset + length)) {
            return strings[slot];
        }
        String s = new String(text, offset, length);
        strings[slot] = s;
        chars[slot] = Arrays.copyOfRange(text, offset, offset + length);
        flags[slot] = null;
        return s;
    }

    /**
     * The flag stored with the value last returned by {@link #get}, or {@code null} when none is stored. A flag must
     * depend only on the value (the same answer for equal strings), since it is kept with the cached value.
     */
    Boolean flag() {
        return lastSlot < 0 ? null : flags[lastSlot];
    }

    /** Stores a flag with the value last returned by {@link #get} (nothing happens if that value is not cached). */
    void flag(boolean value) {
        if (lastSlot >= 0) {
            flags[lastSlot] = value;
        }
    }
}
