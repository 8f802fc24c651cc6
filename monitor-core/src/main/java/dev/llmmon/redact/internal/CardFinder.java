package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;
import org.apache.commons.validator.routines.CodeValidator;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.CreditCardValidator.CreditCardRange;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers, plain, spaced or dashed. A run of digit groups is split into every contiguous sub-run of 13
 * to 19 digits, longest first, and kept only if Commons Validator accepts it: Luhn and the issuer ranges of Visa,
 * Mastercard (51–55 and 2221–2720), Amex, Discover, Diners, plus JCB and 19-digit Visa. A 16-digit order number that
 * fails Luhn, or passes it outside every issuer range, is left alone.
 */
final class CardFinder implements Finder {
    /** Digit groups joined by one space or dash, not part of a decimal, a version or a longer token. */
    static final Pattern RUN = Pattern.compile("(?<![\\p{L}\\p{N}_.,/+\\-:])\\d+(?:[ \\-]\\d+)*+");
    private static final Pattern GROUP = Pattern.compile("\\d+");
    private static final CreditCardValidator CARDS = new CreditCardValidator(
            new CodeValidator[] {
                    CreditCardValidator.AMEX_VALIDATOR, CreditCardValidator.VISA_VALIDATOR,
                    CreditCardValidator.MASTERCARD_VALIDATOR, CreditCardValidator.DISCOVER_VALIDATOR,
                    CreditCardValidator.DINERS_VALIDATOR},
            new CreditCardRange[] {
                    new CreditCardRange("3528", "3589", 16, 19),   // JCB
                    new CreditCardRange("4", "4", 19, 19)});       // Visa, 19 digits

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher run = RUN.matcher(text);
        while (run.find()) {
            if (run.end() - run.start() < 13 || followedByWordChar(text, run.end())) {
                continue;
            }
            List<int[]> groups = new ArrayList<>();
            Matcher g = GROUP.matcher(text).region(run.start(), run.end());
            while (g.find()) {
                groups.add(new int[] {g.start(), g.end()});
            }
            for (int i = 0; i < groups.size(); i++) {
                for (int j = groups.size() - 1; j >= i; j--) {
                    String digits = text.substring(groups.get(i)[0], groups.get(j)[1]).replaceAll("[ \\-]", "");
                    if (digits.length() >= 13 && digits.length() <= 19 && CARDS.isValid(digits)) {
                        spans.add(Span.of(groups.get(i)[0], groups.get(j)[1], PiiKind.CARD, digits));
                        i = j;
                        break;
                    }
                }
            }
        }
        return spans;
    }

    static boolean followedByWordChar(String text, int end) {
        return end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '_');
    }
}
