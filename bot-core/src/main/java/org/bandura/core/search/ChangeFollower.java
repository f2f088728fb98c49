package org.bandura.core.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bandura.core.persistence.SearchChanges.Change;

/**
 * Where an index stands in the change sequence. Sequence numbers are handed out when a transaction inserts its row
 * but become visible when it commits, so a later number can be seen before an earlier one. The watermark is the
 * highest number below which every change is applied; changes seen above it are remembered so a re-read applies
 * each once. A missing number (a gap) holds the watermark until it appears or, after {@code gapTimeout}, counts as
 * a rolled-back transaction.
 */
final class ChangeFollower {

    private final Duration gapTimeout;
    private long watermark;
    private final NavigableSet<Long> appliedAbove = new TreeSet<>();
    /** The numbers between the watermark and {@link #highestSeen()} not seen yet, with when each was first missed. */
    private final NavigableMap<Long, Instant> missing = new TreeMap<>();

    ChangeFollower(long watermark, Duration gapTimeout) {
        this.watermark = watermark;
        this.gapTimeout = gapTimeout;
    }

    long watermark() {
        return watermark;
    }

    /** The highest change applied: later changes are read above it. */
    long highestSeen() {
        return appliedAbove.isEmpty() ? watermark : appliedAbove.last();
    }

    /**
     * Up to {@code limit} numbers, lowest first, between the watermark and {@link #highestSeen()} that have not
     * shown up yet: transactions still open (or rolled back). Each catch-up re-reads just these, not the whole
     * window above the watermark, so a change committed far above a held gap is read like any other.
     */
    List<Long> gaps(int limit) {
        return missing.keySet().stream().limit(limit).toList();
    }

    /** The changes among {@code changes} (read above the watermark) not applied yet. */
    List<Change> unapplied(List<Change> changes) {
        return changes.stream().filter(c -> c.seq() > watermark && !appliedAbove.contains(c.seq())).toList();
    }

    /** Records {@code changes} as applied and moves the watermark over everything now accounted for. */
    void applied(List<Change> changes, Instant now) {
        long seenBefore = highestSeen();
        for (Change change : changes) {
            if (change.seq() > watermark) {
                appliedAbove.add(change.seq());
                missing.remove(change.seq());
            }
        }
        long highest = highestSeen();
        for (long seq = seenBefore + 1; seq < highest; seq++) { // only the numbers newly passed over
            if (!appliedAbove.contains(seq)) {
                missing.put(seq, now);
            }
        }
        while (watermark < highest) {
            long next = watermark + 1;
            if (appliedAbove.remove(next)) {
                watermark = next;
                continue;
            }
            Instant seen = missing.computeIfAbsent(next, n -> now);
            if (Duration.between(seen, now).compareTo(gapTimeout) < 0) {
                break;
            }
            missing.remove(next);
            watermark = next;
        }
    }

    /** Starts over at {@code newWatermark}, as after a rebuild. */
    void reset(long newWatermark) {
        watermark = newWatermark;
        appliedAbove.clear();
        missing.clear();
    }
}
