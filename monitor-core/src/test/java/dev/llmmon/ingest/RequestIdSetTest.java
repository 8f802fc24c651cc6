package dev.llmmon.ingest;

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
}
