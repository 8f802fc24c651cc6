package dev.llmmon.ingest.internal;

import java.nio.charset.StandardCharsets;

/**
 * The request ids seen so far, kept as 64-bit hashes in an open-addressing table filled up to 3/4, each with where
 * it was first seen (a caller's 64-bit location: file and line), so a duplicate can say where its first copy was
 * (21 to 43 bytes per id, no strings): duplicate detection over millions of records stays small; it still grows
 * with the number of distinct ids, unlike the window aggregation in sketch mode. Two different ids collide with
 * probability about n²/2⁶⁵ (under 10⁻⁶ at 5M ids); a collision would count a record as a duplicate.
 */
public final class RequestIdSet {
    /** What {@link #add(String, long)} answers for an id not seen before. */
    public static final long NEW = -1;

    private long[] table = new long[1 << 16];
    private long[] where = new long[1 << 16];
    private int size;
    private boolean hasZero;
    private long zeroWhere;

    /** Adds an id; {@code false} when it was already present. */
    public boolean add(String requestId) {
        return add(requestId, 0) == NEW;
    }

    /**
     * Adds an id first seen at {@code location} (any value {@code >= 0}).
     *
     * @return {@link #NEW}, or the location where the id was first seen
     */
    public long add(String requestId, long location) {
        long h = hash(requestId);
        if (h == 0) {
            if (hasZero) {
                return zeroWhere;
            }
            hasZero = true;
            zeroWhere = location;
            size++;
            return NEW;
        }
        if (size >= table.length - (table.length >> 2)) { // linear probing stays short up to 3/4 full
            grow();
        }
        long found = insert(table, where, h, location);
        if (found == NEW) {
            size++;
        }
        return found;
    }

    public int size() {
        return size;
    }

    private static long insert(long[] t, long[] w, long h, long location) {
        int mask = t.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (t[i] != 0) {
            if (t[i] == h) {
                return w[i];
            }
            i = (i + 1) & mask;
        }
        t[i] = h;
        w[i] = location;
        return NEW;
    }

    private void grow() {
        long[] old = table;
        long[] oldWhere = where;
        table = new long[old.length * 2];
        where = new long[old.length * 2];
        for (int i = 0; i < old.length; i++) {
            if (old[i] != 0) {
                insert(table, where, old[i], oldWhere[i]);
            }
        }
    }

    /** 64-bit FNV-1a over UTF-8 bytes, finished with a murmur3 mix for good low bits. */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        int n = s.length();
        int i = 0;
        // ASCII ids (nearly all) are hashed char by char, which gives the UTF-8 bytes without encoding a copy
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            h ^= c;
            h *= 0x100000001b3L;
        }
        if (i < n) {
            for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
