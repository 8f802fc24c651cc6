package dev.llmmon.evalcases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test of the product: the recorder of the example suite's cassette, run on demand after re-exporting the
 * suite: {@code ./mvnw -pl eval-cases test -Dtest=RecordExampleCassette -Dllmmon.record=true}. It fails when a case
 * does not pass against the synthetic model.
 */
@EnabledIfSystemProperty(named = "llmmon.record", matches = "true")
class RecordExampleCassette {
    @Test
    void record() throws Exception {
        ExampleCassette.main(new String[0]);
    }

    /** The two candidates' answers for the gate ({@link CandidateCassette}): {@code -Dtest=RecordExampleCassette#candidates}. */
    @Test
    void candidates() throws Exception {
        CandidateCassette.main(new String[0]);
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Path.of(CandidateCassette.CASSETTE)).isNotEmptyFile();
    }
}
