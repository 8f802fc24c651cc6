package dev.llmmon.redact;

/** What a redacted span was; its {@link #placeholder()} names the typed placeholder ({@code <EMAIL_1>}). */
public enum PiiKind {
    EMAIL, PHONE, CARD, IBAN, IP, API_KEY, JWT, SSN,
    /** A user-supplied pattern; its placeholder is the pattern's own name. */
    CUSTOM;

    /** The placeholder's stem: {@code "EMAIL"}, {@code "API_KEY"}; for CUSTOM the pattern's name is used instead. */
    public String placeholder() {
        return name();
    }
}
