package dev.llmmon.ingest.internal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NewlineCountTest {
    @Test
    void wordAtATimeCountAndSearchEqualAByteLoopOnBytesNearTheNewline() {
        SplittableRandom rng = new SplittableRandom(5);
        byte[] alphabet = {'\n', '\r', 0x0b, 0x09, (byte) 0x8a, (byte) 0x0a, 0x00, (byte) 0xff, 'a', 0x7f};
        for (int round = 0; round < 2_000; round++) {
            byte[] buf = new byte[rng.nextInt(0, 100)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = rng.nextInt(3) == 0 ? (byte) rng.nextInt(256) : alphabet[rng.nextInt(alphabet.length)];
            }
            int length = buf.length == 0 ? 0 : rng.nextInt(buf.length + 1);
            long expected = 0;
            for (int i = 0; i < length; i++) {
                if (buf[i] == '\n') {
                    expected++;
                }
            }
            assertThat(Newlines.count(buf, length)).isEqualTo(expected);
            int from = length == 0 ? 0 : rng.nextInt(length + 1);
            int first = -1;
            for (int i = from; i < length && first < 0; i++) {
                if (buf[i] == '\n') {
                    first = i;
                }
            }
            assertThat(Newlines.indexOf(buf, from, length)).isEqualTo(first);
        }
    }
}
