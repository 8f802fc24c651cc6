package dev.llmmon.redact.internal;

import java.util.List;

/** Finds the spans of one kind in a text; spans of one finder may overlap, {@link Spans#resolve} picks. */
public interface Finder {
    List<Span> find(String text);
}
