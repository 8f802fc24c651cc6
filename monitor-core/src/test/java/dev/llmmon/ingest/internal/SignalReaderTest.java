package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.SignalType;
import dev.llmmon.record.UserSignal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignalReaderTest {
    private final List<UserSignal> signals = new ArrayList<>();
    private final Rejections rejections = Rejections.lenient();

    private void read(String content) throws IOException {
        new SignalReader().read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "signals.jsonl",
                signals::add, rejections);
    }

    @Test
    void readsSignals() throws IOException {
        read("{\"request_id\":\"r-1\",\"session_id\":\"s-1\",\"signal_type\":\"thumbs_down\","
                + "\"timestamp\":\"2026-11-20T13:06:00Z\",\"metadata\":{\"comment\":\"wrong\"}}\n"
                + "{\"request_id\":\"r-2\",\"signal_type\":\"RETRY\",\"timestamp\":1700000000}\n");
        assertThat(signals).containsExactly(
                new UserSignal("r-1", "s-1", SignalType.THUMBS_DOWN, Instant.parse("2026-11-20T13:06:00Z"),
                        Map.of("comment", "wrong")),
                new UserSignal("r-2", null, SignalType.RETRY, Instant.ofEpochSecond(1700000000L), null));
        assertThat(rejections.total()).isZero();
    }

    @Test
    void rejectsEachKindOfBadLine() throws IOException {
        read("""
                {"request_id":"r-1","signal_type":"thumbs_sideways"}
                {"signal_type":"retry"}
                {"request_id":"r-1","signal_type":"retry","timestamp":"noon"}
                {"request_id":5,"signal_type":"retry"}
                not json
                [1]
                """);
        assertThat(signals).isEmpty();
        assertThat(rejections.counts()).containsOnly(
                Map.entry(RejectReason.UNKNOWN_SIGNAL_TYPE, 1L),
                Map.entry(RejectReason.MISSING_FIELD, 1L),
                Map.entry(RejectReason.BAD_TIMESTAMP, 1L),
                Map.entry(RejectReason.WRONG_TYPE, 1L),
                Map.entry(RejectReason.MALFORMED_LINE, 1L),
                Map.entry(RejectReason.NOT_AN_OBJECT, 1L));
        assertThat(rejections.examples(RejectReason.UNKNOWN_SIGNAL_TYPE).get(0).line()).isEqualTo(1);
        assertThat(rejections.examples(RejectReason.NOT_AN_OBJECT).get(0).line()).isEqualTo(6);
    }
}
