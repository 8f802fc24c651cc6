package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

import java.util.regex.Pattern;

/** The built-in finder of each kind, and finders for user patterns. */
public final class Finders {
    private Finders() {
    }

    public static Finder of(PiiKind kind) {
        return switch (kind) {
            case EMAIL -> new EmailFinder();
            case PHONE -> new PhoneFinder();
            case CARD -> new CardFinder();
            case IBAN -> new IbanFinder();
            case IP -> new IpFinder();
            case API_KEY -> new ApiKeyFinder();
            case JWT -> new JwtFinder();
            case SSN -> new SsnFinder();
            case CUSTOM -> throw new IllegalArgumentException("CUSTOM has no built-in finder; give a pattern");
        };
    }

    public static Finder custom(String stem, Pattern pattern) {
        return new PatternFinder(stem, pattern);
    }
}
