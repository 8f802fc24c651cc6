package dev.llmmon.metrics;

import dev.llmmon.record.SignalType;

/** Bit masks for the signal types one request received, so a request carries its signals in one int. */
final class SignalCounts {
    private SignalCounts() {
    }

    static int bit(SignalType type) {
        return 1 << type.ordinal();
    }

    static boolean has(int mask, SignalType type) {
        return (mask & bit(type)) != 0;
    }
}
