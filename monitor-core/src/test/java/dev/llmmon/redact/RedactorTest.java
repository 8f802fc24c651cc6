package dev.llmmon.redact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactorTest {
    private final Redactor redactor = Redactor.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "write to jane.doe+tag@example.co.uk today|write to <EMAIL_1> today",
            "key sk-proj-AbC123dEf456GhI789jKl012MnO345pQr678 ok|key <API_KEY_1> ok",
            "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEf|<API_KEY_1>",
            "id AKIAIOSFODNN7EXAMPLE|id <API_KEY_1>",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|aws_secret_access_key = <API_KEY_1>",
            "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 there|token <API_KEY_1> there",
            "Authorization: Bearer abc.DEF-ghi_123|Authorization: Bearer <API_KEY_1>",
            "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc|stripe <API_KEY_1>",
            "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx|slack <API_KEY_1>",
            "card 4111 1111 1111 1111 exp 12/26|card <CARD_1> exp 12/26",
            "card 5555-5555-5555-4444.|card <CARD_1>.",
            "mc 2221000000000009 ok|mc <CARD_1> ok",
            "amex 3782 822463 10005|amex <CARD_1>",
            "iban DE89 3704 0044 0532 0130 00 thanks|iban <IBAN_1> thanks",
            "iban GB29NWBK60161331926819|iban <IBAN_1>",
            "from 192.168.1.20:8080 now|from <IP_1>:8080 now",
            "v6 [2001:db8::1]:443 and fe80::1%eth0|v6 [<IP_1>]:443 and <IP_2>%eth0",
            "ssn 123-45-6789.|ssn <SSN_1>.",
            "call +1 415-555-2671 or (415) 555-2671|call <PHONE_1> or <PHONE_1>",
            "ruf 030 12345678 an|ruf <PHONE_1> an",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U|jwt <JWT_1>",
    })
    void redactsEachKind(String input, String expected) {
        assertThat(redactor.redact(input).text()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "order 4111111111111112 shipped", "Windows 10.0.19045.4291", "okhttp 4.12.0", "oid 1.3.6.1.4.1.311.21.7",
            "build 20241115.3", "on 2024-11-15 at 10:30:45", "id 550e8400-e29b-41d4-a716-446655440000",
            "ssn 000-12-3456 and 666-12-3456 and 900-12-3456", "sk-short", "the bearer of bad news",
            "std::vector<int>", "MAC 00:1A:2B:3C:4D:5E", "commit 3f786850e387550fdab836ed7e6dc881de23001b"})
    void leavesHardNegativesAlone(String text) {
        assertThat(redactor.redact(text).text()).isEqualTo(text);
    }

    @Test
    void sameValueSameNumberWithinAScopeAcrossTexts() {
        Scope scope = redactor.scope();
        Redaction input = scope.redact("I am a@b.com, cc c@d.com");
        Redaction output = scope.redact("Replying to A@B.com");
        assertThat(input.text()).isEqualTo("I am <EMAIL_1>, cc <EMAIL_2>");
        assertThat(output.text()).isEqualTo("Replying to <EMAIL_1>");
        assertThat(input.counts()).isEqualTo(Map.of(PiiKind.EMAIL, 2));
        assertThat(scope.counts()).isEqualTo(Map.of(PiiKind.EMAIL, 3));
        assertThat(redactor.redact("x c@d.com").text()).isEqualTo("x <EMAIL_1>");
    }

    @Test
    void userPatternsAndKindSelection() {
        Redactor r = Redactor.builder().kinds(EnumSet.of(PiiKind.EMAIL))
                .pattern("ticket", Pattern.compile("TCK-(?<value>\\d{6})")).build();
        Redaction red = r.redact("TCK-123456 from a@b.com, 4111 1111 1111 1111");
        assertThat(red.text()).isEqualTo("TCK-<TICKET_1> from <EMAIL_1>, 4111 1111 1111 1111");
        assertThat(red.counts()).isEqualTo(Map.of(PiiKind.CUSTOM, 1, PiiKind.EMAIL, 1));
        assertThat(red.total()).isEqualTo(2);
        assertThat(red.changed()).isTrue();
        assertThatThrownBy(() -> Redactor.builder().pattern("email", Pattern.compile("x")))
                .hasMessageContaining("built-in");
    }

    @Test
    void redactThenTruncateNeverLeavesHalfAnAddress() {
        String text = "Contact jane.doe@example.com for help";
        String cutFirst = text.substring(0, 20);
        assertThat(redactor.redact(cutFirst).text()).contains("jane.doe@exa");   // why the order matters
        String safe = redactor.redactAndTruncate(text, 20);
        assertThat(safe).doesNotContain("jane").startsWith("Contact <EMAIL_1>").hasSizeLessThanOrEqualTo(20);
        assertThat(Redactor.truncate("Contact <EMAIL_1> for help", 12)).isEqualTo("Contact …");
    }
}
