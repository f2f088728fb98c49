package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The change sequence search indexes follow: one row per change to what a question's search document holds
 * (created, edited, deleted, answered, accepted), written in the transaction that makes the change. Ids come from
 * an identity column, so they are unique and increasing in the order they were handed out; transactions commit
 * in another order, which the follower handles by re-reading the numbers it has not seen yet (its gaps).
 */
public final class SearchChanges {

    /** One change: question {@code questionId} must be re-read. */
    public record Change(long seq, long questionId) {
    }

    public void record(Sql sql, long questionId, Instant now) throws SQLException {
        sql.update("INSERT INTO question_change (question_id, changed_at) VALUES (?, ?)", questionId, now);
    }

    /** Committed changes after {@code seq}, oldest first. */
    public List<Change> after(Sql sql, long seq, int limit) throws SQLException {
        return sql.list("SELECT id, question_id FROM question_change WHERE id > ? ORDER BY id FETCH FIRST " + limit
                + " ROWS ONLY", row -> new Change(row.getLong(1), row.getLong(2)), seq);
    }

    /** Those of the changes numbered {@code seqs} that are committed, oldest first. */
    public List<Change> withNumbers(Sql sql, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return List.of();
        }
        return sql.list("SELECT id, question_id FROM question_change WHERE id IN (" + Sql.marks(seqs.size()) + ") ORDER BY id",
                row -> new Change(row.getLong(1), row.getLong(2)), seqs.toArray());
    }

    /** The highest sequence number pruned so far (0: none): an index below it must rebuild, not replay. */
    public long prunedThrough(Sql sql) throws SQLException {
        return sql.count("SELECT COALESCE(MAX(pruned_through), 0) FROM question_change_pruned");
    }

    /**
     * Deletes, oldest first and at most {@code limit}, the changes made before {@code before}, never the newest
     * {@code keepNewest}, and records how far it got. Reads the oldest rows by primary key, so it costs the same
     * whatever the table's size.
     *
     * @return the rows deleted
     */
    public int prune(Sql sql, Instant before, long keepNewest, int limit) throws SQLException {
        long keepAbove = latest(sql) - keepNewest;
        List<Object[]> oldest = sql.list("SELECT id, changed_at FROM question_change WHERE id <= ? ORDER BY id "
                + "FETCH FIRST " + limit + " ROWS ONLY", row -> new Object[] {row.getLong(1),
                Sql.instant(row, "changed_at")}, keepAbove);
        long through = -1;
        for (Object[] row : oldest) {
            if (!((Instant) row[1]).isBefore(before)) {
                break;
            }
            through = (Long) row[0];
        }
        if (through < 0) {
            return 0;
        }
        // Recorded first: a follower that reads the deletion also reads how far it reached (same transaction).
        sql.update("MERGE INTO question_change_pruned p USING (SELECT 1 AS id) s ON p.id = s.id "
                + "WHEN MATCHED THEN UPDATE SET pruned_through = GREATEST(p.pruned_through, ?) "
                + "WHEN NOT MATCHED THEN INSERT (id, pruned_through) VALUES (1, ?)", through, through);
        return sql.update("DELETE FROM question_change WHERE id <= ?", through);
    }

    public long latest(Sql sql) throws SQLException {
        return sql.count("SELECT COALESCE(MAX(id), 0) FROM question_change");
    }
}
