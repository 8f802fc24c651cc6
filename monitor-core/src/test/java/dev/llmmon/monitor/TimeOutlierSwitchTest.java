package dev.llmmon.monitor;

import dev.llmmon.ingest.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The time-outlier rule has a switch: a genuine small group a month away from the bulk (a backfill) is rejected as
 * far from the bulk by default, and kept when the rule is off or its floor is wider than the distance.
 */
class TimeOutlierSwitchTest {
    private static final long WEEK_START = 1763596800; // 2025-11-20T00:00:00Z

    @TempDir
    Path dir;

    private void writeAWeekAndABackfillAMonthLater() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 700; i++) { // a week, every ~15 minutes
            text.append(DamagedFilesTest.line("week-" + i, String.valueOf(WEEK_START + i * 864L)));
        }
        for (int i = 0; i < 20; i++) { // 20 genuine records 37 days after the week started
            text.append(DamagedFilesTest.line("backfill-" + i, String.valueOf(WEEK_START + 37 * 86_400L + i * 60L)));
        }
        Files.writeString(dir.resolve("requests.jsonl"), text.toString());
    }

    private MonitorResult run(MonitorConfig config) throws IOException {
        return Monitor.run(config.withThreads(1), List.of());
    }

    @Test
    void byDefaultTheFarGroupIsRejectedAsFarFromTheBulk() throws IOException {
        writeAWeekAndABackfillAMonthLater();
        MonitorResult result = run(MonitorConfig.of(dir, List.of("requests.jsonl")));
        assertThat(result.ingest().records()).isEqualTo(700);
        assertThat(result.rejections().count(RejectReason.BAD_TIMESTAMP)).isEqualTo(20);
        assertThat(result.rejections().examples(RejectReason.BAD_TIMESTAMP).get(0).message())
                .contains("far from the bulk", "max(7 days", "llmmon.timeOutlierFloorDays");
    }

    @Test
    void switchedOffEveryRecordIsUsed() throws IOException {
        writeAWeekAndABackfillAMonthLater();
        MonitorResult result = run(MonitorConfig.of(dir, List.of("requests.jsonl")).withTimeOutlierFloorDays(0));
        assertThat(result.ingest().records()).isEqualTo(720);
        assertThat(result.rejections().total()).isZero();
    }

    @Test
    void aWiderFloorKeepsTheGroup() throws IOException {
        writeAWeekAndABackfillAMonthLater();
        MonitorResult result = run(MonitorConfig.of(dir, List.of("requests.jsonl")).withTimeOutlierFloorDays(45));
        assertThat(result.ingest().records()).isEqualTo(720);
        assertThat(result.rejections().total()).isZero();
    }

    @Test
    void aNegativeFloorIsAConfigurationError() {
        assertThatThrownBy(() -> MonitorConfig.of(dir, List.of("requests.jsonl")).withTimeOutlierFloorDays(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("llmmon.timeOutlierFloorDays");
    }
}
