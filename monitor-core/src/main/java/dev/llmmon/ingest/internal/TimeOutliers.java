package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.RequestRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Holds back records whose timestamp lies far outside the bulk of the data, and rejects those that are still far
 * at the end, so one stray line never becomes the latest window or a drift reference day.
 *
 * <p>The bulk is the interquartile range of the records' hours (all records, held ones too); a record is far when it
 * lies more than {@code max(7 days, 3 × IQR)} beyond it (Tukey's outer fence, with a floor so a week of data may
 * still have its first and last day). A year read evenly has an IQR of six months: nothing is far. Records are
 * delivered in input order except that the first {@value #WARM_UP} wait until the bulk can be estimated and held
 * ones wait until the end (the aggregation and collectors do not depend on order). Held records are at most
 * {@value #MAX_HELD}; past that they are clearly not strays, and all are released.
 *
 * <p>The floor is configurable ({@code llmmon.timeOutlierFloorDays}, default 7): a genuine small group of records a
 * month away from the bulk (a backfill, an old export added to a new one) is kept with a floor above that distance,
 * or with the rule off ({@code 0}: every record passes straight through).
 */
public final class TimeOutliers {
    static final int WARM_UP = 1_000;
    static final int MAX_HELD = 10_000;
    private static final long HOUR = 3_600;

    /** A held record and where it came from. */
    private record Held(RequestRecord record, String file, long line) {
    }

    private final Consumer<RequestRecord> consumer;
    private final long minToleranceHours; // 0: the rule is off
    private final TreeMap<Long, Long> hours = new TreeMap<>();
    // records of the same hour arrive in runs (logs are written in time order): counted here, then added to hours
    // when the hour changes or hours is read, instead of a boxed TreeMap update per record
    private long runHour;
    private long runCount;
    private final List<Held> held = new ArrayList<>();
    private long seen;
    private long lowFence = Long.MIN_VALUE;
    private long highFence = Long.MAX_VALUE;
    private boolean warm;

    public TimeOutliers(Consumer<RequestRecord> consumer) {
        this(consumer, dev.llmmon.ingest.Ingest.Options.DEFAULT_TIME_OUTLIER_FLOOR_DAYS);
    }

    /** @param floorDays the fence's floor in days; {@code 0} turns the rule off */
    public TimeOutliers(Consumer<RequestRecord> consumer, int floorDays) {
        this.consumer = consumer;
        this.minToleranceHours = floorDays * 24L;
    }

    /** A record that passed every other check. */
    public void accept(RequestRecord record, String file, long line) {
        if (minToleranceHours == 0) {
            consumer.accept(record);
            return;
        }
        long hour = Math.floorDiv(record.timestamp().getEpochSecond(), HOUR);
        if (hour != runHour || runCount == 0) {
            flushRun();
            runHour = hour;
        }
        runCount++;
        seen++;
        if (!warm) {
            held.add(new Held(record, file, line));
            if (seen >= WARM_UP) {
                warm = true;
                releaseNear();
            }
            return;
        }
        if (hour >= lowFence && hour <= highFence) {
            consumer.accept(record);
            return;
        }
        if ((seen & 0xfff) == 0 || held.size() % 64 == 0) {
            fences(); // the bulk may have moved (logs read in time order): look again now and then
        }
        if (hour >= lowFence && hour <= highFence) {
            consumer.accept(record);
            return;
        }
        held.add(new Held(record, file, line));
        if (held.size() >= MAX_HELD) {
            held.forEach(h -> consumer.accept(h.record()));
            held.clear();
            lowFence = Long.MIN_VALUE; // so many are no strays: the data is spread, take it as it comes
            highFence = Long.MAX_VALUE;
        }
    }

    /**
     * Releases the held records that are near the final bulk and rejects the others as
     * {@link RejectReason#BAD_TIMESTAMP} with file and line, naming the bulk.
     *
     * @return how many were rejected
     */
    public long finish(Rejections rejections) {
        if (minToleranceHours == 0) {
            return 0;
        }
        warm = true;
        List<Held> far = releaseNear();
        for (Held h : far) {
            Instant bulkFrom = Instant.ofEpochSecond(quantile(0.25) * HOUR);
            Instant bulkTo = Instant.ofEpochSecond((quantile(0.75) + 1) * HOUR);
            rejections.reject(RejectReason.BAD_TIMESTAMP, h.file(), h.line(), "timestamp", "timestamp "
                    + h.record().timestamp() + " is far from the bulk of the data (middle half " + bulkFrom + " .. "
                    + bulkTo + "; more than max(" + minToleranceHours / 24 + " days, 3 × that span) outside it): a stray"
                    + " line or a unit mistake, not used (llmmon.timeOutlierFloorDays widens the floor, 0 turns this off)");
        }
        held.clear();
        return far.size();
    }

    /** Delivers the held records within the fences; the others stay held and are returned. */
    private List<Held> releaseNear() {
        fences();
        List<Held> stay = new ArrayList<>();
        for (Held h : held) {
            long hour = Math.floorDiv(h.record().timestamp().getEpochSecond(), HOUR);
            if (hour >= lowFence && hour <= highFence) {
                consumer.accept(h.record());
            } else {
                stay.add(h);
            }
        }
        held.clear();
        held.addAll(stay);
        return stay;
    }

    private void flushRun() {
        if (runCount > 0) {
            hours.merge(runHour, runCount, Long::sum);
            runCount = 0;
        }
    }

    private void fences() {
        flushRun();
        if (hours.isEmpty()) {
            return;
        }
        long q1 = quantile(0.25);
        long q3 = quantile(0.75);
        long tolerance = Math.max(minToleranceHours, 3 * (q3 - q1));
        lowFence = q1 - tolerance;
        highFence = q3 + tolerance;
    }

    /** The hour at that share of all records seen (lower nearest rank). */
    private long quantile(double p) {
        flushRun();
        long rank = (long) Math.floor(p * (seen - 1));
        long cumulative = 0;
        for (Map.Entry<Long, Long> e : hours.entrySet()) {
            cumulative += e.getValue();
            if (cumulative > rank) {
                return e.getKey();
            }
        }
        return hours.lastKey();
    }
}
