package dev.llmmon.monitor;

import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.judge.JudgeSummary;
import dev.llmmon.client.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the monitor and the judge goal say about a judgement store and a judge run that did not go well. */
class JudgementStoreInputTest {
    @TempDir
    Path dir;

    static String unparseable(int i) {
        return "{\"request_id\":\"r-" + i + "\",\"feature_id\":\"chat\",\"model_id\":\"m\",\"status\":\"unparseable\","
                + "\"quality_score\":null,\"dimensions\":{},\"flagged\":false,\"judge_model\":\"judge\","
                + "\"rubric_version\":\"default-v1\",\"judged_at\":\"2026-11-21T00:00:00Z\","
                + "\"request_timestamp\":\"2026-11-20T00:00:00Z\",\"error\":\"reply is not a JSON object: meh\"}\n";
    }

    MonitorConfig config() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/requests.jsonl"), DamagedFilesTest.lines("r-", 5));
        Files.writeString(dir.resolve("judgements.jsonl"), unparseable(1) + unparseable(2) + unparseable(3));
        return MonitorConfig.of(dir, List.of("logs")).withThreads(1).withJudgements(Path.of("judgements.jsonl"));
    }

    @Test
    void aStoreOfOnlyUnparseableEntriesIsWarnedAboutAndFailsUnderStrict() throws IOException {
        MonitorResult result = Monitor.run(config(), List.of());
        assertThat(result.rejections().notes()).singleElement().asString()
                .contains("judgements.jsonl: the judgement store has no usable scores (0 ok, 3 unparseable, 0 failed");

        assertThatThrownBy(() -> Monitor.run(config().withStrict(true), List.of()))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("no usable scores");
    }

    @Test
    void aCsvGivenAsTheStoreIsRefused() throws IOException {
        MonitorConfig config = config();
        Files.writeString(dir.resolve("judgements.jsonl"), "request_id,score\nr-1,4\n");
        assertThatThrownBy(() -> Monitor.run(config, List.of())).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a judgement store");
    }

    static JudgeSummary summary(long failed, long notRun, String stopReason, boolean keyRejected) {
        return new JudgeSummary(10, 5, 0, 0, 0, 0, 5 - failed - notRun, 0, 0, failed, 0, notRun, new Usage(0, 0),
                null, stopReason, 0, keyRejected);
    }

    static JudgeJob.Result result(JudgeSummary s) {
        return new JudgeJob.Result(null, dev.llmmon.ingest.Rejections.lenient(), s, null, 0, Map.of());
    }

    @Test
    void aRunThatEndsWithFailedCallsSaysSoAndHowToResume() {
        JudgeJob.Result r = result(summary(2, 0, null, false));
        assertThat(r.failure(dir.resolve("s.jsonl"))).isNull();
        assertThat(r.warnings(dir.resolve("s.jsonl"))).anySatisfy(w -> assertThat(w)
                .startsWith("2 judge call(s) failed after retries").contains("rerun the same command"));

        String stopped = result(summary(2, 1, "judge endpoint failed 2 calls in a row, stopping early: HTTP 500", false))
                .failure(dir.resolve("s.jsonl"));
        assertThat(stopped).contains("Rerun the same command to continue").contains("3 request(s) are left");
    }

    @Test
    void aRejectedKeyDoesNotSuggestRerunning() {
        String failure = result(summary(1, 4, "the judge endpoint refused the API key (HTTP 401): HTTP 401", true))
                .failure(dir.resolve("s.jsonl"));
        assertThat(failure).contains("HTTP 401").contains("The API key is wrong").doesNotContainIgnoringCase("rerun");
    }
}
