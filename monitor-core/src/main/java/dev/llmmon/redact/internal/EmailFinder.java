package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a dot-atom local part, {@code @}, a host name with a top-level domain of letters. Letters outside
 * ASCII are allowed (internationalised addresses). Also the common obfuscation {@code name [at] host [dot] com}.
 */
final class EmailFinder implements Finder {
    private static final String LOCAL = "[\\p{L}\\p{N}_%+\\-'][\\p{L}\\p{N}._%+\\-']{0,63}+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?";
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+\\-'])" + LOCAL + "@(?:" + LABEL + "\\.)+\\p{L}{2,24}(?![\\p{L}\\p{N}\\-]|@)");
    private static final Pattern OBFUSCATED = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}._%+\\-]{1,64}\\s*[\\[(]\\s*at\\s*[\\])]\\s*"
                    + "(?:" + LABEL + "\\s*[\\[(]\\s*dot\\s*[\\])]\\s*)+\\p{L}{2,24}(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE);

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        if (text.indexOf('@') >= 0) {
            Matcher m = EMAIL.matcher(text);
            while (m.find()) {
                String v = m.group();
                int start = m.start();
                // a local part does not start or end with a dot; a sentence may put one before the address
                while (v.startsWith(".") || v.startsWith("'")) {
                    v = v.substring(1);
                    start++;
                }
                if (v.indexOf('@') > 0) {
                    spans.add(Span.of(start, m.end(), PiiKind.EMAIL, v.toLowerCase(Locale.ROOT)));
                }
            }
        }
        Matcher o = OBFUSCATED.matcher(text);
        while (o.find()) {
            String canonical = o.group().toLowerCase(Locale.ROOT)
                    .replaceAll("\\s*[\\[(]\\s*at\\s*[\\])]\\s*", "@")
                    .replaceAll("\\s*[\\[(]\\s*dot\\s*[\\])]\\s*", ".");
            spans.add(Span.of(o.start(), o.end(), PiiKind.EMAIL, canonical));
        }
        return spans;
    }
}
