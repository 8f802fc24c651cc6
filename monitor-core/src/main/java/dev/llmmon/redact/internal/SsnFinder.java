package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers: {@code AAA-GG-SSSS} or {@code AAA GG SSSS} with one consistent separator, or nine plain
 * digits right after the words SSN or social security. Numbers the SSA never issues are left alone: area 000, 666 or
 * 900–999, group 00, serial 0000, and the two famously misused ones (078-05-1120, 219-09-9999).
 */
final class SsnFinder implements Finder {
    private static final Pattern SEPARATED = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.\\-+/])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\p{N}_\\-/]|\\.\\d|[\\p{L}])");
    private static final Pattern PLAIN = Pattern.compile(
            "(?i)(?:ssn|social\\s+security(?:\\s+(?:number|no\\.?|#))?)\\s*(?:is|was|:|#|=)?\\s*(\\d{3})(\\d{2})(\\d{4})(?!\\d)");

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = SEPARATED.matcher(text);
        while (m.find()) {
            if (valid(m.group(1), m.group(3), m.group(4))) {
                spans.add(Span.of(m.start(), m.end(), PiiKind.SSN, m.group(1) + m.group(3) + m.group(4)));
            }
        }
        Matcher p = PLAIN.matcher(text);
        while (p.find()) {
            if (valid(p.group(1), p.group(2), p.group(3))) {
                spans.add(Span.of(p.start(1), p.end(3), PiiKind.SSN, p.group(1) + p.group(2) + p.group(3)));
            }
        }
        return spans;
    }

    static boolean valid(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        String all = area + group + serial;
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000")
                && !all.equals("078051120") && !all.equals("219099999");
    }
}
