package dev.llmmon.metrics;

import dev.llmmon.record.UserSignal;

import java.util.HashMap;
import java.util.Map;

/**
 * The user signals of a run, indexed by request id. Signals are few compared with requests, so they are held in
 * memory and joined to requests as the requests stream past; memory grows with signals, not with requests.
 * A signal whose request never shows up is counted as orphaned.
 */
public final class SignalIndex {
    private static final class Entry {
        int mask;
        int signals;
        boolean matched;
    }

    private final Map<String, Entry> byRequest = new HashMap<>();
    private long signals;


    public void add(UserSignal signal) {
        Entry e = byRequest.computeIfAbsent(signal.requestId(), id -> new Entry());
        e.mask |= SignalCounts.bit(signal.type());
        e.signals++;
        signals++;
    }

    public boolean isEmpty() {
        return signals == 0;
    }

    public long size() {
        return signals;
    }


    /** The signal bits of a request, marking its signals as matched. Synchronized: readers may run in parallel. */
    synchronized int claim(String requestId) {
        Entry e = byRequest.get(requestId);
        if (e == null) {
            return 0;
        }
        e.matched = true;
        return e.mask;
    }

    /** Signals whose request id was never claimed by a request of the run. */
    public synchronized long orphaned() {
        long n = 0;
        for (Entry e : byRequest.values()) {
            if (!e.matched) {
                n += e.signals;
            }
        }
        return n;
    }
}
