package dev.llmmon.redact.internal;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers, found and validated by libphonenumber ({@code PhoneNumberUtil.findNumbers}, leniency VALID): numbers
 * in international form (E.164, {@code +44 20 7946 0958}, {@code 0044 ...}) in any country, and national forms of the
 * US, UK, Germany, France and Spain, with or without separators. The canonical value is E.164, so
 * {@code (415) 555-2671} and {@code +1 415 555 2671} get the same number in a scope.
 */
final class PhoneFinder implements Finder {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> REGIONS = List.of("US", "GB", "DE", "FR", "ES");
    /** AAA-GG-SSSS is how SSNs are written, never phones (Spanish numbers group 3-3-3 or 3-2-2-2). */
    private static final Pattern SSN_SHAPE = Pattern.compile("\\d{3}([- ])\\d{2}\\1\\d{4}");

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        if (text.chars().filter(Character::isDigit).count() < 7) {
            return spans;
        }
        for (String region : REGIONS) {
            for (PhoneNumberMatch m : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                int start = m.start();
                int end = m.end();
                if (partOfLongerToken(text, start, end) || SSN_SHAPE.matcher(m.rawString()).matches()) {
                    continue;
                }
                String e164 = PHONES.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164);
                spans.add(Span.of(start, end, PiiKind.PHONE, e164));
            }
        }
        return spans;
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
