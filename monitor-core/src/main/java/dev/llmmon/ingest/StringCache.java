package dev.llmmon.ingest;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * Reuses the String of a JSON string value that repeats from record to record (feature and model ids, finish
 * reasons, attribute keys, metadata values), so that each one is not decoded into a new String per record.
 * Direct-mapped and bounded: a value that does not fit is simply decoded again. One instance per thread.
 */
final class StringCache {
    private static final int SIZE = 512; // power of two
    private static final int MAX_LENGTH = 64; // longer values are rarely repeated: not worth comparing

    private final String[] entries = new String[SIZE];

    /** The current {@code VALUE_STRING} token's text. */
    String get(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length > MAX_LENGTH) {
            return p.getText();
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[offset + i];
        }
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        String cached = entries[slot];
        if (cached != null && cached.length() == length && sameChars(cached, chars, offset, length)) {
            return cached;
        }
        String s = new String(chars, offset, length);
        entries[slot] = s;
        return s;
    }

    private static boolean sameChars(String s, char[] chars, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
