package dev.llmmon.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionsSkipTest {

    @Test
    void skippedRecordsAreCountedByKindAndMergedButNeverFailStrict() {
        Rejections strict = Rejections.strict();
        strict.skip("span gen_ai.operation.name=framework");
        strict.skip("span gen_ai.operation.name=framework");
        Rejections other = Rejections.lenient();
        other.skip("span without gen_ai attributes");
        strict.mergeShifted(other, 10);

        assertThat(strict.skipped()).containsEntry("span gen_ai.operation.name=framework", 2L)
                .containsEntry("span without gen_ai attributes", 1L);
        assertThat(strict.skippedTotal()).isEqualTo(3);
        assertThat(strict.total()).isZero();
    }
}
