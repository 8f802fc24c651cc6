package dev.llmmon.ingest.internal;

import java.nio.charset.StandardCharsets;

/** Counts {@code "spanId"} keys in raw bytes: how many spans a batch line held when it cannot be parsed. */
final class SpanIdKeys {
    private static final byte[] KEY = "\"spanId\"".getBytes(StandardCharsets.US_ASCII);

    private SpanIdKeys() {
    }

    static long count(byte[] buf, int off, int len) {
        long n = 0;
        int end = off + len - KEY.length;
        outer:
        for (int i = off; i <= end; i++) {
            if (buf[i] != '"') {
                continue;
            }
            for (int k = 1; k < KEY.length; k++) {
                if (buf[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            n++;
            i += KEY.length - 1;
        }
        return n;
    }
}
