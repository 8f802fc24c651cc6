package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Picks non-overlapping spans: the more specific kind first (a JWT inside a Bearer header), then the longer. */
public final class Spans {
    private Spans() {
    }

    /** Lower wins: user patterns, then self-identifying tokens, then checksummed numbers, then the loosest. */
    static int rank(PiiKind kind) {
        return switch (kind) {
            case CUSTOM -> 0;
            case JWT -> 1;
            case API_KEY -> 2;
            case EMAIL -> 3;
            case IBAN -> 4;
            case CARD -> 5;
            case SSN -> 6;
            case IP -> 7;
            case PHONE -> 8;
        };
    }

    /** The spans to replace, sorted by start, none overlapping. */
    public static List<Span> resolve(List<Span> candidates) {
        List<Span> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((Span s) -> rank(s.kind()))
                .thenComparing(Comparator.comparingInt(Span::length).reversed())
                .thenComparingInt(Span::start));
        List<Span> chosen = new ArrayList<>();
        for (Span s : sorted) {
            if (chosen.stream().noneMatch(s::overlaps)) {
                chosen.add(s);
            }
        }
        chosen.sort(Comparator.comparingInt(Span::start));
        return chosen;
    }
}
