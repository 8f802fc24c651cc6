package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFormatTest {
    @TempDir
    Path dir;

    @Test
    void detectsNativeAndOtlpFromTheFirstNonBlankLine() throws IOException {
        Path nativeLog = Files.writeString(dir.resolve("a.jsonl"), "\n  \n" + NativeJsonlReaderTest.GOOD + "\n");
        assertThat(LogFormat.detect(nativeLog)).isEqualTo(LogFormat.NATIVE);
        Path gz = Files.write(dir.resolve("a.jsonl.gz"), CompressedAndRotatedInputTest.gzip(NativeJsonlReaderTest.GOOD));
        assertThat(LogFormat.detect(gz)).isEqualTo(LogFormat.NATIVE);
        Path otlp = Files.writeString(dir.resolve("t.json"), Otlp.line(OtlpJsonReaderTest.RESOURCE, OtlpJsonReaderTest.NEW_GENERATION) + "\n");
        assertThat(LogFormat.detect(otlp)).isEqualTo(LogFormat.OTLP);
        assertThat(LogFormat.detect(Files.writeString(dir.resolve("empty.jsonl"), ""))).isEqualTo(LogFormat.NATIVE);
    }

    @Test
    void otherExportsAskForAMappingNamingTheFile() throws IOException {
        Path litellm = MappedReaderTest.fixture("litellm-spend-logs.jsonl");
        assertThatThrownBy(() -> LogFormat.detect(litellm)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(litellm.toString()).hasMessageContaining("mapping").hasMessageContaining("'litellm'");
        Path langfuse = MappedReaderTest.fixture("langfuse-observations.jsonl");
        assertThatThrownBy(() -> LogFormat.detect(langfuse)).hasMessageContaining("'langfuse'");
        Path csv = MappedReaderTest.fixture("langfuse-observations.csv");
        assertThatThrownBy(() -> LogFormat.detect(csv)).hasMessageContaining(csv.toString())
                .hasMessageContaining("not a JSON object").hasMessageContaining("field mapping");
    }
}
