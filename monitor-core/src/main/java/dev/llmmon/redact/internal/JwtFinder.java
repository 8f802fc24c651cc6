package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON Web Tokens: three base64url parts, the header starting {@code eyJ} (base64 of {@code {"}). */
final class JwtFinder implements Finder {
    private static final Pattern JWT = Pattern.compile(
            "(?<![A-Za-z0-9_\\-])eyJ[A-Za-z0-9_\\-]{5,}={0,2}\\.[A-Za-z0-9_\\-]{5,}={0,2}\\.[A-Za-z0-9_\\-]*={0,2}"
                    + "(?![A-Za-z0-9_\\-])");

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        if (!text.contains("eyJ")) {
            return spans;
        }
        Matcher m = JWT.matcher(text);
        while (m.find()) {
            int end = m.end();
            // "eyJ... ." at the end of a sentence: the dot is the sentence's when no signature follows it
            spans.add(Span.of(m.start(), end, PiiKind.JWT, m.group()));
        }
        return spans;
    }
}
