package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The change sequence search indexes follow: one row per change to what a question's search document holds
 * (created, edited, deleted, answered, accepted), written in the transaction that makes the change. Ids come from
 * an identity column, so they are unique and increasing in the order they were handed out; transactions commit
 * in another order, which the follower handles by re-reading the window above its first gap.
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

    public long latest(Sql sql) throws SQLException {
        return sql.count("SELECT COALESCE(MAX(id), 0) FROM question_change");
    }
}
