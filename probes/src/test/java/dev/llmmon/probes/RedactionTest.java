package dev.llmmon.probes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void masksKeysAndEmails() {
        String text = "key sk-proj-abcdefghijklmnopqrstuv and Bearer abcdefghijklmnopqrstuvwxyz0123 mail jo.smith@example.org "
                + "aws AKIAABCDEFGHIJKLMNOP";
        assertThat(Redaction.redact(text)).isEqualTo("key <API_KEY> and <API_KEY> mail <EMAIL> aws <API_KEY>");
        assertThat(Redaction.redact("nothing secret here, sk-short")).isEqualTo("nothing secret here, sk-short");
    }
}
