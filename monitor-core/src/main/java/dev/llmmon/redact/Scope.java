package dev.llmmon.redact;

import dev.llmmon.redact.internal.Span;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A numbering scope: within it the same value always gets the same placeholder ({@code <EMAIL_1>} in the input and
 * in the answer of one eval case), a new value the next number of its kind. Thread-safe; it keeps the values it has
 * numbered only in memory, for its own lifetime.
 */
public final class Scope {
    private final Redactor redactor;
    /** placeholder stem -> canonical value -> number. */
    private final Map<String, Map<String, Integer>> numbers = new HashMap<>();
    private final EnumMap<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);

    Scope(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Redacts one text, numbering new values after those this scope has seen. */
    public synchronized Redaction redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redaction("", Map.of());
        }
        List<Span> spans = redactor.spans(text);
        EnumMap<PiiKind, Integer> here = new EnumMap<>(PiiKind.class);
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span s : spans) {
            Map<String, Integer> byValue = numbers.computeIfAbsent(s.stem(), k -> new HashMap<>());
            int n = byValue.computeIfAbsent(s.canonical(), v -> byValue.size() + 1);
            out.append(text, at, s.start()).append('<').append(s.stem()).append('_').append(n).append('>');
            at = s.end();
            here.merge(s.kind(), 1, Integer::sum);
            counts.merge(s.kind(), 1, Integer::sum);
        }
        out.append(text, at, text.length());
        return new Redaction(out.toString(), here);
    }

    /** Replacements so far in this scope, per kind. */
    public synchronized Map<PiiKind, Integer> counts() {
        return Map.copyOf(counts);
    }
}
