package dev.llmmon.internal.text;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting shared by messages and the text reports: short, exact enough, and "n/a" for no data. */
public final class Numbers {
    private Numbers() {
    }

    /** Up to 4 significant digits without exponent; "n/a" for NaN. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A rate as a percentage with one decimal ("2.5%"); "n/a" for NaN. */
    public static String percent(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }
}
