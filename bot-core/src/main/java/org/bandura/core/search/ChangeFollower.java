package org.bandura.core.search;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
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
    private final Map<Long, Instant> gapSeenAt = new HashMap<>();

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
        List<Long> gaps = new java.util.ArrayList<>();
        for (long seq = watermark + 1; seq < highestSeen() && gaps.size() < limit; seq++) {
            if (!appliedAbove.contains(seq)) {
                gaps.add(seq);
            }
        }
        return gaps;
    }

    /** The changes among {@code changes} (read above the watermark) not applied yet. */
    List<Change> unapplied(List<Change> changes) {
        return changes.stream().filter(c -> c.seq() > watermark && !appliedAbove.contains(c.seq())).toList();
    }

    /** Records {@code changes} as applied and moves the watermark over everything now accounted for. */
    void applied(List<Change> changes, Instant now) {
        for (Change change : changes) {
            if (change.seq() > watermark) {
                appliedAbove.add(change.seq());
            }
        }
        if (appliedAbove.isEmpty()) {
            gapSeenAt.clear();
            return;
        }
        long highest = appliedAbove.last();
        while (watermark < highest) {
            long next = watermark + 1;
            if (appliedAbove.remove(next)) {
                gapSeenAt.remove(next);
                watermark = next;
                continue;
            }
            Instant seen = gapSeenAt.computeIfAbsent(next, n -> now);
            if (Duration.between(seen, now).compareTo(gapTimeout) < 0) {
                break;
            }
            gapSeenAt.remove(next);
            watermark = next;
        }
        for (long seq = watermark + 1; seq < highest; seq++) {
            if (!appliedAbove.contains(seq)) {
                gapSeenAt.putIfAbsent(seq, now);
            }
        }
    }

    /** Starts over at {@code newWatermark}, as after a rebuild. */
    void reset(long newWatermark) {
        watermark = newWatermark;
        appliedAbove.clear();
        gapSeenAt.clear();
    }
}
