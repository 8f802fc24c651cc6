package dev.llmmon.judge;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns {@link JudgeProgress} updates into log lines, at most one per 10 seconds or per tenth of the work (whichever
 * comes first) and always the last, so a long run shows it is alive without flooding the log.
 */
public final class ProgressLine implements Consumer<JudgeProgress> {
    private static final long TEN_SECONDS = 10_000_000_000L;

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private long lastDecile = -1;

    /**
     * @param out receives lines such as {@code judged 10 / 100 (2.0/s, ETA 45 s, spend $0.0012)}, or with bad outcomes
     *            {@code judged 10 / 100 (of which 1 unparseable, 2 failed; 2.0/s, ...)}
     */
    public ProgressLine(Consumer<String> out) {
        this(out, System::nanoTime);
    }

    ProgressLine(Consumer<String> out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    @Override
    public synchronized void accept(JudgeProgress p) {
        long decile = p.total() == 0 ? 10 : p.completed() * 10 / p.total();
        long now = nanoTime.getAsLong();
        if (decile == lastDecile && now - lastNanos < TEN_SECONDS && p.completed() < p.total()) {
            return;
        }
        lastDecile = decile;
        lastNanos = now;
        out.accept(String.format(Locale.ROOT, "judged %,d / %,d (%s%.1f/s, ETA %s, spend %s)",
                p.completed(), p.total(), p.unparseable() + p.failed() == 0 ? ""
                        : String.format(Locale.ROOT, "of which %,d unparseable, %,d failed; ", p.unparseable(), p.failed()),
                p.perSecond(),
                p.eta() == null ? "?" : p.eta().toSeconds() + " s",
                p.spendUsd() == null ? "unknown" : String.format(Locale.ROOT, "$%.4f", p.spendUsd())));
    }
}
