package dev.llmmon.ingest.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTimestampTest {
    @Test
    void fastPathAgreesWithTheFormatterOnRandomInstantsAndOffsets() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        String[] offsets = {"Z", "+00:00", "+05:30", "-08:00", "+14:00", "-00:45"};
        for (int i = 0; i < 20_000; i++) {
            long second = rng.nextLong(-62_000_000_000L, 250_000_000_000L);
            int nanos = rng.nextInt(1_000_000_000);
            String offset = offsets[rng.nextInt(offsets.length)];
            ZoneOffset zone = offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
            OffsetDateTime t = Instant.ofEpochSecond(second, nanos).atOffset(zone);
            String text = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (i % 3 == 0) { // millisecond precision, as most logs write it
                text = t.withNano(nanos / 1_000_000 * 1_000_000).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            assertThat(Values.isoInstantOrNull(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void fastPathLeavesUnusualShapesToTheFormatter() throws Exception {
        assertThat(Values.simpleIsoInstant("2026-11-16t00:00:01Z")).isNull();
        assertThat(Values.isoInstant("2026-11-16t00:00:01z", "t")).isEqualTo(Instant.parse("2026-11-16T00:00:01Z"));
        assertThat(Values.simpleIsoInstant("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
        assertThat(Values.simpleIsoInstant("2023-02-29T00:00:00Z")).isNull();
        assertThat(Values.simpleIsoInstant("2026-11-16T00:00:01.1234567891Z")).isNull();
        assertThat(Values.simpleIsoInstant("2026-11-16T00:00:01.Z")).isNull();
        assertThat(Values.simpleIsoInstant("2026-11-16T00:00:01")).isNull();
        assertThat(Values.simpleIsoInstant("2026-11-16T24:00:00Z")).isNull();
        for (String bad : new String[]{"2023-02-29T00:00:00Z", "2026-11-16T00:00:01",
                "2026-13-01T00:00:00Z", "2026-11-16T00:00:60Z", "2026-11-16T00:00:00+19:00"}) {
            assertThatThrownBy(() -> Values.isoInstant(bad, "timestamp")).as(bad)
                    .isInstanceOf(BadRecordException.class);
        }
    }
}
