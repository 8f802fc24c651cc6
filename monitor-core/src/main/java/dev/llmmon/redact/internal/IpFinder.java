package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;
import org.apache.commons.validator.routines.InetAddressValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 addresses, validated by Commons Validator's InetAddressValidator: dotted quads (not four parts of a
 * longer dotted number such as an OID or {@code 10.0.19045.4291}, and not after the word version or build), and
 * IPv6 in full, compressed ({@code ::}), with an embedded IPv4 tail, bracketed with a port ({@code [2001:db8::1]:443},
 * the brackets and port are kept) or with a zone ({@code fe80::1%eth0}, the zone is kept).
 */
final class IpFinder implements Finder {
    private static final InetAddressValidator IP = InetAddressValidator.getInstance();
    private static final Pattern V4 = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.\\-])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\p{L}\\p{N}_\\-]|\\.\\d)");
    private static final Pattern V6 = Pattern.compile(
            "(?<![\\p{L}\\p{N}_:.\\-])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::(?:\\d{1,3}\\.){3}\\d{1,3}|\\.\\d{1,3}(?:\\.\\d{1,3}){2})?"
                    + "(?![\\p{L}\\p{N}_.\\-])");
    private static final Pattern VERSION_WORD = Pattern.compile(
            "(?i)(?:version|ver\\.?|release|build|firmware|oid|v)\\s*[:=]?\\s*$");

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = V4.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 12), m.start());
            if (IP.isValidInet4Address(m.group()) && !VERSION_WORD.matcher(before).find()) {
                spans.add(Span.of(m.start(), m.end(), PiiKind.IP, m.group()));
            }
        }
        if (text.indexOf(':') >= 0) {
            Matcher s = V6.matcher(text);
            while (s.find()) {
                String v = s.group();
                int end = s.end();
                // "at fe80::1:" - a colon that ends a sentence or a label is not the address's
                while (v.endsWith(":") && !v.endsWith("::")) {
                    v = v.substring(0, v.length() - 1);
                    end--;
                }
                if (v.chars().filter(c -> c == ':').count() >= 2 && hasDecimalDigit(v) && IP.isValidInet6Address(v)) {
                    spans.add(Span.of(s.start(), end, PiiKind.IP, v.toLowerCase(Locale.ROOT)));
                }
            }
        }
        return spans;
    }

    /** "a:b::c" in a text about notation is valid IPv6 but no address anyone has; real ones have a digit. */
    private static boolean hasDecimalDigit(String v) {
        return v.chars().anyMatch(c -> c >= '0' && c <= '9');
    }
}
