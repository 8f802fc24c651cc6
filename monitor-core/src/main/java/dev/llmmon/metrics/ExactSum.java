package dev.llmmon.metrics;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An integer sum that never overflows: a {@code long} while it fits ({@link Math#addExact}), a {@link BigInteger}
 * from the first overflow on. Merging is exact in any order. Readers bound every value, so the fallback is for
 * records built by callers, or for sums over more input than any one run reads; it costs nothing until then.
 */
final class ExactSum {
    private long small;
    private BigInteger big; // null while the sum fits in small

    void add(long value) {
        if (big == null) {
            try {
                small = Math.addExact(small, value);
                return;
            } catch (ArithmeticException overflow) {
                big = BigInteger.valueOf(small);
            }
        }
        big = big.add(BigInteger.valueOf(value));
    }

    void add(BigInteger value) {
        if (value.bitLength() < 64) {
            add(value.longValue());
            return;
        }
        big = (big == null ? BigInteger.valueOf(small) : big).add(value);
    }

    /** Adds {@code value × 10^scale} rounded half up to a whole number (nano-dollars from dollars: scale 9). */
    void addScaled(double value, int scale) {
        double scaled = value * Math.pow(10, scale);
        if (Math.abs(scaled) < 9.0e18) {
            add(Math.round(scaled));
        } else {
            add(new BigDecimal(value).movePointRight(scale).setScale(0, java.math.RoundingMode.HALF_UP)
                    .toBigIntegerExact());
        }
    }

    void merge(ExactSum other) {
        if (other.big == null) {
            add(other.small);
        } else {
            add(other.big);
        }
    }

    /** The sum as the nearest double. */
    double doubleValue() {
        return big == null ? (double) small : big.doubleValue();
    }
}
