package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;
import org.apache.commons.validator.routines.IBANValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs, compact or in groups of four: a country code, two check digits and the rest, accepted only if Commons
 * Validator's IBANValidator agrees (the country's length and format, and the mod-97 check). A grouped run is tried
 * from its longest prefix down, so a word after the IBAN does not hide it.
 */
final class IbanFinder implements Finder {
    private static final Pattern RUN = Pattern.compile(
            "(?<![\\p{L}\\p{N}_\\-])[A-Za-z]{2}\\d{2}(?:[ \\-]?[A-Za-z0-9]){10,32}+");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9]+");

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher run = RUN.matcher(text);
        int from = 0;
        while (run.find(from)) {
            from = run.end();
            List<int[]> groups = new ArrayList<>();
            Matcher g = GROUP.matcher(text).region(run.start(), run.end());
            while (g.find()) {
                groups.add(new int[] {g.start(), g.end()});
            }
            for (int j = groups.size() - 1; j >= 0; j--) {
                int end = groups.get(j)[1];
                String candidate = text.substring(run.start(), end).replaceAll("[ \\-]", "").toUpperCase(Locale.ROOT);
                if (candidate.length() >= 15 && IBANValidator.getInstance().isValid(candidate)) {
                    spans.add(Span.of(run.start(), end, PiiKind.IBAN, candidate));
                    from = end;
                    break;
                }
            }
        }
        return spans;
    }
}
