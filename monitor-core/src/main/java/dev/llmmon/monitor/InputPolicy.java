package dev.llmmon.monitor;

import dev.llmmon.ingest.Rejection;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;

/**
 * When the input itself fails a run, before any threshold or alert: a run that read nothing, or rejected too much
 * of what it was given, would otherwise end green with a calm dashboard.
 *
 * @param maxRejectedShare fail when rejected / given records exceeds this share; {@code 0} is off (as with every
 *                         llmmon limit). Given = accepted + rejected + skipped; blank lines are not records.
 * @param failOnEmptyInput fail when the logs yield no request record at all
 */
public record InputPolicy(BigDecimal maxRejectedShare, boolean failOnEmptyInput) {
    /** The defaults: fail on an empty input, and when more than half of the records were rejected. */
    public static final BigDecimal DEFAULT_MAX_REJECTED_SHARE = new BigDecimal("0.5");

    public InputPolicy {
        Objects.requireNonNull(maxRejectedShare, "maxRejectedShare");
        if (maxRejectedShare.signum() < 0 || maxRejectedShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("maxRejectedShare must be between 0 (off) and 1, not "
                    + maxRejectedShare.toPlainString() + " (llmmon.maxRejectedShare)");
        }
    }

    public static InputPolicy defaults() {
        return new InputPolicy(DEFAULT_MAX_REJECTED_SHARE, true);
    }

    /** Reads the limit as the mojo parameter gives it ({@code "0.1"}; blank is the default). */
    public static InputPolicy of(String maxRejectedShare, boolean failOnEmptyInput) {
        BigDecimal share;
        try {
            share = maxRejectedShare == null || maxRejectedShare.isBlank() ? DEFAULT_MAX_REJECTED_SHARE
                    : new BigDecimal(maxRejectedShare.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maxRejectedShare must be a number between 0 (off) and 1, not '"
                    + maxRejectedShare + "' (llmmon.maxRejectedShare)");
        }
        return new InputPolicy(share, failOnEmptyInput);
    }

    /** Why this input fails the run, or {@code null} when it does not. */
    String failure(MonitorResult result) {
        long accepted = result.ingest().records();
        long rejected = result.rejections().total();
        long skipped = result.rejections().skippedTotal();
        long given = accepted + rejected + skipped;
        String firstRejection = result.rejections().examples().stream().findFirst().map(Rejection::toString)
                .map(r -> "; first rejection: " + r).orElse("");
        if (accepted == 0 && failOnEmptyInput) {
            return String.format(Locale.ROOT, "no request record was read from %d file(s) (%,d line(s), %,d rejected,"
                            + " %,d skipped)%s. Check llmmon.logs and llmmon.format, or set llmmon.failOnEmptyInput=false"
                            + " when an empty input is expected.", result.ingest().files().size(),
                    result.ingest().lines(), rejected, skipped, firstRejection);
        }
        if (maxRejectedShare.signum() == 0 || given == 0) {
            return null;
        }
        BigDecimal share = BigDecimal.valueOf(rejected).divide(BigDecimal.valueOf(given), MathContext.DECIMAL64);
        if (share.compareTo(maxRejectedShare) <= 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%,d of %,d input record(s) were rejected (%s), more than"
                        + " llmmon.maxRejectedShare = %s%s", rejected, given,
                share.round(new MathContext(3)).stripTrailingZeros().toPlainString(),
                maxRejectedShare.toPlainString(), firstRejection);
    }
}
