package dev.llmmon.redact;

import dev.llmmon.redact.internal.Span;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision and recall per kind on the labelled set {@code labelled-set.txt} (made by {@code make_labelled_set.py}
 * beside it, seed fixed): positives of every kind in many formats, hard negatives (order numbers that fail Luhn,
 * versions, OIDs, build numbers, dates, UUIDs, hashes, ...), clean prose, and mixed lines. A found span is a true
 * positive when it has the labelled kind and covers the labelled value whole; the table is written to
 * {@code target/redaction-evaluation.md} and is what docs/redaction.md shows.
 */
class RedactionEvaluationTest {
    private static final Pattern MARK = Pattern.compile("\\[\\[([A-Z_]+):(.*?)]]");

    record Labelled(String text, List<Span> expected) {
    }

    static List<Labelled> load() throws IOException {
        List<Labelled> set = new ArrayList<>();
        try (InputStream in = RedactionEvaluationTest.class.getResourceAsStream("labelled-set.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                List<Span> expected = new ArrayList<>();
                Matcher m = MARK.matcher(line);
                int at = 0;
                while (m.find()) {
                    text.append(line, at, m.start());
                    int start = text.length();
                    text.append(m.group(2));
                    expected.add(new Span(start, text.length(), PiiKind.valueOf(m.group(1)), m.group(1), m.group(2)));
                    at = m.end();
                }
                text.append(line.substring(at));
                set.add(new Labelled(text.toString(), expected));
            }
        }
        return set;
    }

    static final class Tally {
        int expected;
        int found;
        int truePositives;   // found spans of the kind that cover a labelled span of the kind
        int covered;         // labelled spans covered by a found span of their kind
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();

        double precision() {
            return found == 0 ? 1 : (double) truePositives / found;
        }

        double recall() {
            return expected == 0 ? 1 : (double) covered / expected;
        }
    }

    @Test
    void precisionAndRecallPerKindOnTheLabelledSet() throws IOException {
        List<Labelled> set = load();
        Redactor redactor = Redactor.standard();
        Map<PiiKind, Tally> tallies = new EnumMap<>(PiiKind.class);
        for (PiiKind k : PiiKind.values()) {
            if (k != PiiKind.CUSTOM) {
                tallies.put(k, new Tally());
            }
        }
        int clean = 0;
        int cleanTouched = 0;
        List<String> touched = new ArrayList<>();
        for (Labelled l : set) {
            List<Span> found = redactor.spans(l.text());
            if (l.expected().isEmpty()) {
                clean++;
                if (!found.isEmpty()) {
                    cleanTouched++;
                    touched.add(l.text() + "  <- " + found.get(0).kind());
                }
            }
            for (Span e : l.expected()) {
                Tally t = tallies.get(e.kind());
                t.expected++;
                if (found.stream().anyMatch(f -> f.kind() == e.kind() && covers(f, e))) {
                    t.covered++;
                } else {
                    t.misses.add(l.text() + "  [" + e.canonical() + "]");
                }
            }
            for (Span f : found) {
                Tally t = tallies.get(f.kind());
                t.found++;
                if (l.expected().stream().anyMatch(e -> e.kind() == f.kind() && covers(f, e))) {
                    t.truePositives++;
                } else {
                    t.falseAlarms.add(l.text() + "  [" + l.text().substring(f.start(), f.end()) + "]");
                }
            }
        }

        StringBuilder table = new StringBuilder("| kind | labelled | found | precision | recall |\n|---|---:|---:|---:|---:|\n");
        tallies.forEach((k, t) -> table.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %.1f%% |%n",
                k, t.expected, t.found, 100 * t.precision(), 100 * t.recall())));
        table.append(String.format(Locale.ROOT, "%nClean lines (hard negatives and prose): %d, touched: %d (%.1f%%). Lines: %d.%n",
                clean, cleanTouched, 100.0 * cleanTouched / clean, set.size()));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/redaction-evaluation.md"), table);
        System.out.println(table);
        tallies.forEach((k, t) -> {
            t.misses.forEach(m -> System.out.println("MISS " + k + ": " + m));
            t.falseAlarms.forEach(m -> System.out.println("FALSE " + k + ": " + m));
        });
        touched.forEach(t -> System.out.println("TOUCHED: " + t));

        assertThat(set).hasSizeGreaterThanOrEqualTo(700);
        tallies.forEach((k, t) -> {
            assertThat(t.expected).as("labelled %s spans", k).isGreaterThanOrEqualTo(40);
            assertThat(t.recall()).as("recall of %s, misses %s", k, t.misses).isGreaterThanOrEqualTo(0.99);
            assertThat(t.precision()).as("precision of %s, false alarms %s", k, t.falseAlarms).isGreaterThanOrEqualTo(0.98);
        });
        assertThat((double) cleanTouched / clean).as("clean lines touched: %s", touched).isLessThanOrEqualTo(0.01);
    }

    private static boolean covers(Span found, Span expected) {
        return found.start() <= expected.start() && found.end() >= expected.end();
    }
}
