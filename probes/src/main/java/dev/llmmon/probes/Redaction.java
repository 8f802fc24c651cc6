package dev.llmmon.probes;

import java.util.regex.Pattern;

/** Masks API keys and email addresses before prompts and answers leave the process (Allure attachments). */
final class Redaction {
    private static final Pattern KEYS = Pattern.compile(String.join("|",
            "sk-[A-Za-z0-9_\\-]{16,}",                 // OpenAI, Anthropic (sk-ant-...)
            "AKIA[0-9A-Z]{16}",                        // AWS access key id
            "AIza[0-9A-Za-z_\\-]{35}",                 // Google API key
            "gh[pousr]_[A-Za-z0-9]{20,}",              // GitHub tokens
            "xox[abprs]-[A-Za-z0-9\\-]{10,}",          // Slack tokens
            "(?i:bearer)\\s+[A-Za-z0-9._\\-]{16,}"));  // any bearer token
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

    private Redaction() {
    }

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        return EMAIL.matcher(KEYS.matcher(text).replaceAll("<API_KEY>")).replaceAll("<EMAIL>");
    }
}
