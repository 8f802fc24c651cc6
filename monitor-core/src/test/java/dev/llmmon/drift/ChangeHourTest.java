package dev.llmmon.drift;

import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hour a daily drift began, placed from the hourly windows. */
class ChangeHourTest {
    private static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");

    private static WindowMetrics hour(Instant start, double meanInputTokens, double errorRate) {
        return new WindowMetrics(new GroupKey(start.toEpochMilli(), "extract", GroupKey.ALL_MODELS, null, null), start,
                start.plus(Duration.ofHours(1)), 200, Math.round(200 * errorRate), 0, errorRate, 0, 500, 900, 1200,
                0.2, 0.001, 0, meanInputTokens, 150, null);
    }

    @Test
    void aPromptChangeAtTwoPmIsPlacedAtTwoPmAndAnHourOfErrorsAtItsHour() {
        Random random = new Random(5);
        List<WindowMetrics> windows = new ArrayList<>();
        for (int h = 0; h < 24 * 3; h++) {
            Instant start = T0.plus(Duration.ofHours(h));
            double tokens = (h >= 48 + 14 ? 650 : 400) + 20 * random.nextGaussian();
            double errors = h == 48 + 9 ? 0.2 : 0.01;
            windows.add(hour(start, tokens, errors));
        }
        Instant day = T0.plus(Duration.ofDays(2));
        assertThat(ChangeHour.of(windows, "extract", WindowMetrics::meanInputTokens, day, T0, day))
                .isEqualTo(day.plus(Duration.ofHours(14)));
        assertThat(ChangeHour.of(windows, "extract", WindowMetrics::errorRate, day, T0, day))
                .isEqualTo(day.plus(Duration.ofHours(9)));
        assertThat(ChangeHour.of(windows, "other-feature", WindowMetrics::errorRate, day, T0, day)).isNull();
    }
}
