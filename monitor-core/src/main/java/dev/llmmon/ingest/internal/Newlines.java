package dev.llmmon.ingest.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finding and counting {@code '\n'} eight bytes at a time: a byte loop is a visible share of reading JSONL. */
public final class Newlines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;

    private Newlines() {
    }

    /** High bit set in each byte of the word that is a newline (exact: no false positives from borrows). */
    private static long matches(long word) {
        long x = word ^ NEWLINES;
        return ~(((x & LOW7) + LOW7) | x) & HIGH;
    }

    /** Index of the first newline in {@code buf[from, to)}, or -1. */
    static int indexOf(byte[] buf, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long m = matches((long) LONGS.get(buf, i));
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Number of newlines in {@code buf[0, length)}. */
    public static long count(byte[] buf, int length) {
        long count = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            count += Long.bitCount(matches((long) LONGS.get(buf, i)));
        }
        for (; i < length; i++) {
            if (buf[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
