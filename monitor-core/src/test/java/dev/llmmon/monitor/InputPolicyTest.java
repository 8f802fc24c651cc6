package dev.llmmon.monitor;

import dev.llmmon.charting.DetectionPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The input fails a run before thresholds and alerts: when it is empty, or too much of it was rejected. */
class InputPolicyTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private MonitorJob.Verdict verdict(InputPolicy policy) throws IOException {
        MonitoringConfig config = MonitoringConfig.of(MonitorConfig.of(dir, List.of("logs")).withThreads(1))
                .withDetection(new DetectionSettings(false, DetectionPlan.defaults(), List.of(), null, false,
                        EmbedderChoice.none()))
                .withInputPolicy(policy);
        MonitorJob.Log sink = new MonitorJob.Log() {
            @Override
            public void info(String line) {
                log.add(line);
            }

            @Override
            public void warn(String line) {
                log.add(line);
            }
        };
        return MonitorJob.run(config, dir.resolve("out"), sink, getClass().getClassLoader()).verdict(dir);
    }

    private void logs(int good, int bad) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        StringBuilder text = new StringBuilder(DamagedFilesTest.lines("r-", good));
        for (int i = 0; i < bad; i++) {
            text.append("{broken ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("logs/requests.jsonl"), text);
    }

    @Test
    void anEmptyInputFailsByDefaultAndSaysWhatWasRead() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/requests.jsonl"), "\n\n");
        MonitorJob.Verdict verdict = verdict(InputPolicy.defaults());
        assertThat(verdict.fails()).isTrue();
        assertThat(verdict.failure()).startsWith("no request record was read from 1 file(s) (2 line(s), 0 rejected")
                .contains("llmmon.failOnEmptyInput=false");
        assertThat(verdict(new InputPolicy(InputPolicy.DEFAULT_MAX_REJECTED_SHARE, false)).fails()).isFalse();
    }

    @Test
    void onlyRejectedLinesAreAnEmptyInputNamingTheFirstRejection() throws IOException {
        logs(0, 3);
        MonitorJob.Verdict verdict = verdict(InputPolicy.defaults());
        assertThat(verdict.failure()).contains("3 rejected").contains("requests.jsonl:1: MALFORMED_LINE");
    }

    @Test
    void aRejectedShareAboveTheLimitFails() throws IOException {
        logs(8, 2); // 2 of 10 rejected: 0.2
        assertThat(verdict(InputPolicy.defaults()).fails()).isFalse();
        assertThat(verdict(new InputPolicy(new BigDecimal("0.2"), true)).fails()).isFalse(); // at the limit: passes
        MonitorJob.Verdict verdict = verdict(new InputPolicy(new BigDecimal("0.19"), true));
        assertThat(verdict.failure()).startsWith("2 of 10 input record(s) were rejected (0.2), more than"
                + " llmmon.maxRejectedShare = 0.19; first rejection: ").contains("requests.jsonl:9: MALFORMED_LINE");
        assertThat(verdict(new InputPolicy(BigDecimal.ZERO, true)).fails()).isFalse(); // 0 is off
    }

    @Test
    void theLimitIsAShare() {
        assertThatThrownBy(() -> InputPolicy.of("1.5", true)).hasMessageContaining("between 0 (off) and 1");
        assertThatThrownBy(() -> InputPolicy.of("lots", true)).hasMessageContaining("'lots'");
        assertThat(InputPolicy.of(" ", true)).isEqualTo(InputPolicy.defaults());
    }
}
