package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.llmmon.ingest.internal.Otlp.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Readers asked not to keep metadata (metrics without slices) give the same records with an empty map. */
class MetadataSkippingTest {
    @Test
    void nativeRecordsAreTheSameButForMetadata() {
        RequestRecord kept = Read.text(new NativeJsonlReader(false, true), NativeJsonlReaderTest.GOOD).only();
        RequestRecord skipped = Read.text(new NativeJsonlReader(false, false), NativeJsonlReaderTest.GOOD).only();
        assertThat(kept.metadata()).isEqualTo(Map.of("prompt_version", "v7"));
        assertThat(skipped.metadata()).isEmpty();
        assertThat(withoutMetadata(skipped)).isEqualTo(withoutMetadata(kept));
    }

    @Test
    void nativeMetadataOfTheWrongTypeIsStillRejected() {
        String line = NativeJsonlReaderTest.with("metadata", "[1]");
        Read read = Read.text(new NativeJsonlReader(false, false), line);
        assertThat(read.rejections.total()).isEqualTo(1);
        assertThat(read.rejections.count(RejectReason.WRONG_TYPE)).isEqualTo(1);
    }

    @Test
    void otlpRecordsAreTheSameButForMetadata() {
        String batch = line(OtlpJsonReaderTest.RESOURCE, OtlpJsonReaderTest.NEW_GENERATION) + "\n";
        RequestRecord kept = Read.text(new OtlpJsonReader(null, false, true), batch).only();
        RequestRecord skipped = Read.text(new OtlpJsonReader(null, false, false), batch).only();
        assertThat(kept.metadata()).isNotEmpty();
        assertThat(skipped.metadata()).isEmpty();
        assertThat(withoutMetadata(skipped)).isEqualTo(withoutMetadata(kept));
    }

    private static RequestRecord withoutMetadata(RequestRecord r) {
        return new RequestRecord(r.requestId(), r.timestamp(), r.featureId(), r.modelId(), r.latencyMs(),
                r.inputTokens(), r.outputTokens(), r.costUsd(), r.finishReason(), r.error(), r.sessionId(),
                r.userInput(), r.output(), r.systemFingerprint(), null);
    }
}
