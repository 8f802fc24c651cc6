package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

/**
 * One detected span of {@code text}: {@code [start, end)}, its kind, the placeholder stem ({@code EMAIL}, or a custom
 * pattern's name) and a canonical form of the value, so the same value gets the same number in a scope
 * ({@code a@B.com} and {@code A@b.com}; {@code 4111 1111 ...} and {@code 4111-1111-...}).
 */
public record Span(int start, int end, PiiKind kind, String stem, String canonical) {
    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty span " + start + ".." + end);
        }
    }

    static Span of(int start, int end, PiiKind kind, String canonical) {
        return new Span(start, end, kind, kind.placeholder(), canonical);
    }

    int length() {
        return end - start;
    }

    boolean overlaps(Span other) {
        return start < other.end && other.start < end;
    }
}
