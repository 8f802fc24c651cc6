package dev.llmmon.redact;

import dev.llmmon.redact.internal.Finder;
import dev.llmmon.redact.internal.Finders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long redaction takes per line, in total and per kind's finder, on the labelled set (docs/redaction.md,
 * "Speed"). A measurement, not a test of speed: it only runs when asked and asserts nothing about time.
 *
 * <pre>./mvnw -B -pl monitor-core test -Dtest=RedactorSpeedHarness -Dllmmon.redactSpeed=true</pre>
 */
@EnabledIfSystemProperty(named = "llmmon.redactSpeed", matches = "true")
class RedactorSpeedHarness {
    private static final int ROUNDS = 5;

    @Test
    void measure() throws Exception {
        List<String> lines = new ArrayList<>();
        RedactionEvaluationTest.load().forEach(l -> lines.add(l.text()));
        Redactor redactor = Redactor.standard();
        List<String> first = redact(redactor, lines); // warm-up, and the reference output
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            List<String> again = redact(redactor, lines);
            best = Math.min(best, System.nanoTime() - t0);
            assertThat(again).isEqualTo(first); // the same text every round: the harness measures real work
        }
        System.out.printf(Locale.ROOT, "redaction: %d lines, best of %d rounds: %.3f ms per line%n", lines.size(),
                ROUNDS, best / 1e6 / lines.size());
        Map<PiiKind, Long> perKind = new EnumMap<>(PiiKind.class);
        for (PiiKind kind : PiiKind.values()) {
            if (kind == PiiKind.CUSTOM) {
                continue;
            }
            Finder finder = Finders.of(kind);
            lines.forEach(finder::find);
            long kindBest = Long.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                lines.forEach(finder::find);
                kindBest = Math.min(kindBest, System.nanoTime() - t0);
            }
            perKind.put(kind, kindBest);
        }
        perKind.forEach((kind, ns) -> System.out.printf(Locale.ROOT, "  %-8s %.3f ms per line%n", kind,
                ns / 1e6 / lines.size()));
    }

    private static List<String> redact(Redactor redactor, List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(redactor.scope().redact(line).text());
        }
        return out;
    }
}
