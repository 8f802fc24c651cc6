package dev.llmmon.redact;

import dev.llmmon.redact.internal.Finder;
import dev.llmmon.redact.internal.Finders;
import dev.llmmon.redact.internal.Span;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces personal data and secrets in text by typed, numbered placeholders: {@code <EMAIL_1>}, {@code <PHONE_2>},
 * {@code <CARD_1>}, {@code <IBAN_1>}, {@code <IP_1>}, {@code <API_KEY_1>}, {@code <JWT_1>}, {@code <SSN_1>}, and
 * {@code <NAME_1>} for a user pattern named {@code name}. Immutable and thread-safe; a {@link Scope} (one eval case,
 * one conversation) keeps the numbering across several texts.
 *
 * <pre>{@code
 * Redactor r = Redactor.standard();
 * r.redact("mail a@b.com or A@B.com").text();   // "mail <EMAIL_1> or <EMAIL_1>"
 * Redactor.truncate(r.redact(long).text(), 200); // always redact first, then truncate
 * }</pre>
 */
public final class Redactor {
    private static final Redactor STANDARD = builder().build();
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final List<Finder> finders;
    private final Set<PiiKind> kinds;

    private Redactor(List<Finder> finders, Set<PiiKind> kinds) {
        this.finders = List.copyOf(finders);
        this.kinds = kinds;
    }

    /** Every built-in kind, no user pattern. */
    public static Redactor standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The kinds this redactor looks for (CUSTOM when it has user patterns). */
    public Set<PiiKind> kinds() {
        return kinds;
    }

    /** One-shot: numbering starts at 1. {@code null} is treated as empty text. */
    public Redaction redact(String text) {
        return scope().redact(text);
    }

    /** A new numbering scope: the same value keeps the same placeholder across the scope's texts. */
    public Scope scope() {
        return new Scope(this);
    }

    List<Span> spans(String text) {
        List<Span> all = new ArrayList<>();
        for (Finder f : finders) {
            all.addAll(f.find(text));
        }
        return dev.llmmon.redact.internal.Spans.resolve(all);
    }

    /**
     * Cuts already-redacted text to at most {@code maxChars} characters (an ellipsis marks the cut). Truncate only
     * after redacting: cut first, and half an address is left that no finder recognises.
     */
    public static String truncate(String redacted, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        if (redacted == null || redacted.length() <= maxChars) {
            return redacted;
        }
        int cut = maxChars - 1;
        if (cut > 0 && Character.isHighSurrogate(redacted.charAt(cut - 1))) {
            cut--;
        }
        // never leave a placeholder cut in half: "<EMAI" reads as if something had been left unredacted
        int open = redacted.lastIndexOf('<', cut - 1);
        if (open >= 0 && redacted.indexOf('>', open) >= cut && redacted.substring(open).matches("(?s)<[A-Z][A-Z0-9_]*>.*")) {
            cut = open;
        }
        return redacted.substring(0, cut) + "…";
    }

    /** Redacts, then truncates. */
    public String redactAndTruncate(String text, int maxChars) {
        return truncate(redact(text).text(), maxChars);
    }

    /** Chooses kinds and adds user patterns. */
    public static final class Builder {
        private final Set<PiiKind> kinds = EnumSet.complementOf(EnumSet.of(PiiKind.CUSTOM));
        private final Map<String, Pattern> patterns = new LinkedHashMap<>();

        private Builder() {
        }

        /** Only these built-in kinds (CUSTOM is implied by {@link #pattern}). */
        public Builder kinds(Set<PiiKind> only) {
            kinds.clear();
            kinds.addAll(only);
            kinds.remove(PiiKind.CUSTOM);
            return this;
        }

        /**
         * A user pattern: each match becomes {@code <NAME_n>} (the name upper-cased), counted as CUSTOM. If the
         * pattern has a group named {@code value}, only that group is replaced ({@code ticket=(?<value>\d+)}).
         */
        public Builder pattern(String name, Pattern pattern) {
            Objects.requireNonNull(pattern, "pattern");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("pattern name must be letters, digits and _, starting with a"
                        + " letter: " + name);
            }
            String stem = name.toUpperCase(Locale.ROOT);
            if (EnumSet.allOf(PiiKind.class).stream().anyMatch(k -> k.placeholder().equals(stem))) {
                throw new IllegalArgumentException("pattern name " + name + " is a built-in kind's placeholder");
            }
            if (pattern.matcher("").matches()) {
                throw new IllegalArgumentException("pattern " + name + " matches the empty string");
            }
            patterns.put(stem, pattern);
            return this;
        }

        public Redactor build() {
            List<Finder> finders = new ArrayList<>();
            patterns.forEach((stem, p) -> finders.add(Finders.custom(stem, p)));
            EnumSet<PiiKind> all = kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds);
            for (PiiKind k : all) {
                finders.add(Finders.of(k));
            }
            if (!patterns.isEmpty()) {
                all.add(PiiKind.CUSTOM);
            }
            return new Redactor(finders, java.util.Collections.unmodifiableSet(all));
        }
    }
}
