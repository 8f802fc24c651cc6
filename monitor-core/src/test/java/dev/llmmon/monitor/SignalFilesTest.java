package dev.llmmon.monitor;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.internal.SignalReader;
import dev.llmmon.record.UserSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A signals file that cannot be read costs only itself, as a log file does: a rejection, never a thrown run. */
class SignalFilesTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableSignalsFileIsOneRejectionAndTheOtherSignalsCount() throws IOException {
        Files.writeString(dir.resolve("requests.jsonl"), DamagedFilesTest.lines("r-", 3));
        Files.writeString(dir.resolve("signals-a.jsonl"), "{\"request_id\":\"r-0\",\"session_id\":\"s\","
                + "\"signal_type\":\"thumbs_up\",\"timestamp\":1763640000}\n");
        // gzip magic followed by garbage: the stream cannot even be opened
        Files.write(dir.resolve("signals-b.jsonl.gz"),
                "\u001f\u008bthis is not deflate data at all\n".getBytes(StandardCharsets.ISO_8859_1));

        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of("requests.jsonl"))
                .withSignals(List.of("signals-a.jsonl", "signals-b.jsonl.gz")), List.of());

        assertThat(result.ingest().records()).isEqualTo(3);
        assertThat(result.signals()).isEqualTo(1); // the good file's signal is kept
        List<Rejection> rejected = result.signalRejections().examples(RejectReason.UNREADABLE_FILE);
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.file()).endsWith("signals-b.jsonl.gz");
            assertThat(r.message()).contains("gzip magic bytes");
        });
        assertThat(result.signalRejections().total()).isEqualTo(1);
    }

    /** What used to throw out of the run: a file that cannot be opened at all (gone, or a folder by that name). */
    @Test
    void aSignalsFileThatCannotBeOpenedIsAnUnreadableFileRejection() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("signals-folder.jsonl"));
        Rejections rejections = Rejections.lenient();
        List<UserSignal> read = new ArrayList<>();
        SignalReader reader = new SignalReader();
        reader.readFile(dir.resolve("gone.jsonl"), read::add, rejections);
        reader.readFile(folder, read::add, rejections);
        assertThat(read).isEmpty();
        assertThat(rejections.examples(RejectReason.UNREADABLE_FILE)).extracting(Rejection::file, Rejection::message)
                .satisfiesExactly(
                        r -> assertThat(r.toList()).satisfiesExactly(
                                f -> assertThat(f).asString().endsWith("gone.jsonl"),
                                m -> assertThat(m).asString().startsWith("the signals file was not read: NoSuchFileException")),
                        r -> assertThat(r.toList()).satisfiesExactly(
                                f -> assertThat(f).asString().endsWith("signals-folder.jsonl"),
                                m -> assertThat(m).asString().startsWith("the signals file was not read: ")));
        assertThat(rejections.total()).isEqualTo(2);
        // strict still stops at it, as for log files
        assertThatThrownBy(() -> reader.readFile(dir.resolve("gone.jsonl"), read::add, Rejections.strict()))
                .isInstanceOf(RejectedInputException.class);
    }
}
