package dev.llmmon.redact.internal;

import dev.llmmon.redact.PiiKind;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys and tokens that name themselves by a prefix (OpenAI, Anthropic, AWS, GitHub, Slack, Stripe, Google), the
 * token after {@code Bearer}, and an AWS secret access key (40 characters of base64 with mixed case, which only the
 * word {@code aws} or {@code secret} in the 120 characters before it tells from other base64).
 */
final class ApiKeyFinder implements Finder {
    private static final String NOT_AFTER = "(?<![A-Za-z0-9_\\-])";
    private static final String NOT_BEFORE = "(?![A-Za-z0-9_\\-])";
    private static final Pattern PREFIXED = Pattern.compile(NOT_AFTER + "(?:"
            + "sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_\\-]{20,}"   // Anthropic
            + "|sk-ant-[A-Za-z0-9_\\-]{20,}"
            + "|sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\\-]{20,}" // OpenAI project / service account keys
            + "|sk-[A-Za-z0-9]{20,}(?:[_\\-][A-Za-z0-9]+)*"        // OpenAI legacy keys (and compatible gateways)
            + "|(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}" // AWS key ids
            + "|gh[pousr]_[A-Za-z0-9]{30,}"                       // GitHub tokens
            + "|github_pat_[A-Za-z0-9_]{40,}"                     // GitHub fine-grained tokens
            + "|xox[abposre]-[A-Za-z0-9\\-]{10,}"                 // Slack tokens
            + "|xapp-[A-Za-z0-9\\-]{20,}"
            + "|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"         // Stripe secret and restricted keys
            + "|whsec_[A-Za-z0-9]{24,}"
            + "|AIza[0-9A-Za-z_\\-]{35}"                          // Google API keys
            + "|glpat-[A-Za-z0-9_\\-]{20,}"                       // GitLab
            + "|hf_[A-Za-z0-9]{30,}"                              // Hugging Face
            + ")" + NOT_BEFORE);
    /** The token after Bearer; after "Authorization:" any token, elsewhere one that cannot be an English word. */
    private static final Pattern BEARER = Pattern.compile(
            "(?i)(authorization\\s*[:=]\\s*[\"']?\\s*)?\\bbearer\\s+(?-i)([A-Za-z0-9._~+/\\-]+=*)");
    private static final Pattern AWS_SECRET = Pattern.compile(
            "(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern AWS_WORD = Pattern.compile("(?i)aws|secret|amazon");

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = PREFIXED.matcher(text);
        while (m.find()) {
            spans.add(Span.of(m.start(), m.end(), PiiKind.API_KEY, m.group()));
        }
        Matcher b = BEARER.matcher(text);
        while (b.find()) {
            String token = b.group(2);
            boolean afterHeader = b.group(1) != null;
            if (afterHeader ? token.length() >= 6 : looksLikeToken(token)) {
                spans.add(Span.of(b.start(2), b.end(2), PiiKind.API_KEY, token));
            }
        }
        Matcher s = AWS_SECRET.matcher(text);
        while (s.find()) {
            String v = s.group();
            if (mixed(v) && AWS_WORD.matcher(text.substring(Math.max(0, s.start() - 120), s.start())).find()) {
                spans.add(Span.of(s.start(), s.end(), PiiKind.API_KEY, v));
            }
        }
        return spans;
    }

    private static boolean looksLikeToken(String token) {
        return token.length() >= 16 && token.chars().anyMatch(c -> Character.isDigit(c) || "._~+/-=".indexOf(c) >= 0);
    }

    /** Upper and lower case and a digit or symbol: random base64, not a word, a hex digest or a path. */
    private static boolean mixed(String v) {
        boolean upper = false;
        boolean lower = false;
        boolean other = false;
        for (char c : v.toCharArray()) {
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            other |= Character.isDigit(c) || c == '+' || c == '/';
        }
        return upper && lower && other;
    }
}
