package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A user-supplied pattern: each match (or its group named {@code value}, when the pattern has one) is replaced. */
final class PatternFinder implements Finder {
    private final String stem;
    private final Pattern pattern;
    private final boolean hasValueGroup;

    PatternFinder(String stem, Pattern pattern) {
        this.stem = stem;
        this.pattern = pattern;
        this.hasValueGroup = pattern.pattern().contains("(?<value>");
    }

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = hasValueGroup ? m.start("value") : m.start();
            int end = hasValueGroup ? m.end("value") : m.end();
            if (start >= 0 && end > start) {
                spans.add(new Span(start, end, PiiKind.CUSTOM, stem, text.substring(start, end)));
            }
        }
        return spans;
    }
}
