package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.ChangeEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeEventReaderTest {
    @Test
    void readsEventsAndRejectsBadLinesByReasonWithTheirLine() throws Exception {
        String text = """
                {"timestamp":"2026-11-21T09:00:00Z","kind":"prompt_change","feature_id":"summarize","description":"v3 -> v4"}
                {"timestamp":"2026-11-21T10:00:00Z","kind":"reboot"}
                {"kind":"deploy"}
                not json
                {"timestamp":1763715600,"kind":"deploy"}
                """;
        List<ChangeEvent> events = new ArrayList<>();
        Rejections rejections = Rejections.lenient();
        new ChangeEventReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "changes.jsonl",
                events::add, rejections);
        assertThat(events).extracting(ChangeEvent::kind).containsExactly("prompt_change", "deploy");
        assertThat(events.get(0).changesBehaviour()).isTrue();
        assertThat(events.get(1).changesBehaviour()).isFalse();
        assertThat(events.get(1).timestamp()).isEqualTo(Instant.ofEpochSecond(1763715600));
        assertThat(events.get(1).concerns("anything")).isTrue();
        assertThat(rejections.examples()).extracting(r -> r.line() + " " + r.reason() + " " + r.field())
                .containsExactlyInAnyOrder("2 WRONG_TYPE kind", "3 MISSING_FIELD timestamp", "4 MALFORMED_LINE null");
    }
}
