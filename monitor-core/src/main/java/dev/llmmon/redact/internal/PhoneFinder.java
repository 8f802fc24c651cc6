package dev.llmmon.redact.internal;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, found by libphonenumber ({@code PhoneNumberUtil.findNumbers}) for the US, UK, Germany, France and
 * Spain, and in international form ({@code +44 20 7946 0958}, {@code 0044 ...}, E.164) for any country.
 *
 * <p>A match is kept when libphonenumber says the number is valid (its metadata knows the range), or when it is a
 * possible number written the way people write phones: with a {@code +} or {@code 00} prefix, or in a national
 * layout with separators ({@code (415) 555-2671}, {@code 01 23 45 67 89}, {@code 030 1234567}). Left alone: digits
 * glued to words or decimals, dotted numbers with a group of five digits or more (build {@code 20240106.23}), plain
 * digit runs of more than 11 digits without a prefix (epoch milliseconds), the SSN layout {@code AAA-GG-SSSS}, and a
 * number right after invoice, order, ticket, build, ref, SKU, ISBN, ZIP, serial, account or {@code #}. The canonical value is E.164, so
 * {@code (415) 555-2671} and {@code +1 415 555 2671} get the same number in a scope.
 */
final class PhoneFinder implements Finder {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> REGIONS = List.of("US", "GB", "DE", "FR", "ES");
    /** AAA-GG-SSSS is how SSNs are written, never phones (Spanish numbers group 3-3-3 or 3-2-2-2). */
    private static final Pattern SSN_SHAPE = Pattern.compile("\\d{3}([- ])\\d{2}\\1\\d{4}");
    /** National layouts: US (415) 555-2671, UK 020 7946 0958 / 07700 900123, DE 030 1234567 / 089/1234567, FR 01 23 45 67 89, ES 912 345 678 / 612 34 56 78. */
    private static final Pattern NATIONAL_SHAPE = Pattern.compile(String.join("|",
            "(?:1[ .-])?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]\\d{4}",
            "0\\d{2,4}[ /-]?\\d{3,4}[ -]?\\d{3,4}",
            "0\\d{2,4}[ /-]\\d{4,8}",
            "0\\d(?:[ .-]\\d{2}){4}",
            "[6-9]\\d{2}(?: \\d{3}){2}",
            "[6-9]\\d{2}(?: \\d{2}){3}"));
    /** Seven digits or more, separated by at most three of space ( ) . - / each: where a phone number can be. */
    private static final Pattern CANDIDATE = Pattern.compile("\\d(?:[\\s().\\-/]{0,3}\\d){6,}");
    private static final Pattern NOT_A_PHONE_BEFORE = Pattern.compile(
            "(?i)(?:\\b(?:inv(?:oice)?|order|ord|ticket|build|ref(?:erence)?|sku|tracking|epoch|id|version|ver|isbn|issn"
                    + "|zip|postcode|postal\\s+code|ean|gtin|upc|serial|part|lot|batch|account|acct|case|iban)"
                    + "(?:\\s+(?:number|no\\.?|ms|s))?\\s*[:#=]?|#)\\s*$");

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        if (text.chars().filter(Character::isDigit).count() < 7) {
            return spans;
        }
        // libphonenumber scans the whole text once per region and leniency: give it only the digit runs (with a
        // little context for a leading "+" or "("), so a long record costs little more than its numbers
        Matcher run = CANDIDATE.matcher(text);
        while (run.find()) {
            int from = Math.max(0, run.start() - 2);
            int to = Math.min(text.length(), run.end() + 1);
            String window = text.substring(from, to);
            for (String region : REGIONS) {
                // VALID: the metadata knows the number and it is written as that country writes it
                for (PhoneNumberMatch m : PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                    add(spans, text, from, m);
                }
                // POSSIBLE (right length) only when written the way people write phones: made-up and new ranges too
                for (PhoneNumberMatch m : PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                    if (phoneLayout(m.rawString())) {
                        add(spans, text, from, m);
                    }
                }
            }
        }
        return spans;
    }

    private static void add(List<Span> spans, String text, int offset, PhoneNumberMatch m) {
        int start = offset + m.start();
        int end = offset + m.end();
        if (!rejected(text, start, end, m.rawString())) {
            String e164 = PHONES.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164);
            spans.add(Span.of(start, end, PiiKind.PHONE, e164));
        }
    }

    private static boolean phoneLayout(String raw) {
        String compact = raw.replaceAll("[\\s().\\-/]", "");
        boolean international = raw.startsWith("+") || compact.startsWith("00");
        return international || NATIONAL_SHAPE.matcher(raw).matches();
    }

    private static boolean rejected(String text, int start, int end, String raw) {
        if (partOfLongerToken(text, start, end) || SSN_SHAPE.matcher(raw).matches()) {
            return true;
        }
        if (raw.indexOf('.') >= 0) {
            for (String group : raw.split("\\D+")) {
                if (group.length() > 4) {
                    return true;
                }
            }
        }
        String[] groups = raw.split("\\D+");
        if (!raw.startsWith("+") && java.util.Arrays.stream(groups).filter(g -> g.length() == 1).count() >= 3) {
            return true;   // "depth 2 3 4 5 6 7 8": a list of small numbers
        }
        long digits = raw.chars().filter(Character::isDigit).count();
        if (raw.chars().allMatch(Character::isDigit) && digits > 11) {
            return true;
        }
        return NOT_A_PHONE_BEFORE.matcher(text.substring(Math.max(0, start - 24), start)).find();
    }

    /** Digits glued to a word, a decimal or a version ({@code build4155552671}, {@code 1.4155552671}). */
    private static boolean partOfLongerToken(String text, int start, int end) {
        if (start > 0) {
            char b = text.charAt(start - 1);
            if (Character.isLetterOrDigit(b) || b == '_' || b == '.' || b == '/' || b == '-') {
                return true;
            }
        }
        if (end < text.length()) {
            char a = text.charAt(end);
            if (Character.isLetterOrDigit(a) || a == '_' || a == '/' || a == '-'
                    || (a == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1)))) {
                return true;
            }
        }
        return false;
    }
}
