package dev.llmmon.ingest.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdSetTest {
    @Test
    void findsEveryDuplicateAcrossGrowth() {
        RequestIdSet set = new RequestIdSet();
        for (int i = 0; i < 300_000; i++) {
            assertThat(set.add("r-" + i)).isTrue();
        }
        for (int i = 0; i < 300_000; i += 1000) {
            assertThat(set.add("r-" + i)).isFalse();
        }
        assertThat(set.size()).isEqualTo(300_000);
    }

    @Test
    void hashIsFnvOverTheUtf8BytesForAsciiAndOtherIds() {
        String[] ids = {"", "r-000000001", "chatcmpl-42", "é", "id-ü-x", "a\uD83D\uDE00b", "日本-1", "x\u007f\u0080"};
        for (String id : ids) {
            assertThat(RequestIdSet.hash(id)).as(id).isEqualTo(reference(id));
        }
    }

    private static long reference(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
