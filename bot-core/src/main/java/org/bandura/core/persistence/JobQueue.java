package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The job table: enqueue, and claim the next due job inside the caller's transaction. */
public final class JobQueue {

    public record Job(long id, String kind, String payload, int attempts) {
    }

    public long enqueue(Sql sql, String kind, String payload, Instant runAt, Instant now) throws SQLException {
        return sql.insert("INSERT INTO job (kind, payload, run_at, created_at) VALUES (?, ?, ?, ?)",
                kind, payload, runAt, now);
    }

    /** Enqueues unless a job with the same key exists (done or not): "once per day" jobs from every process. */
    public boolean enqueueOnce(Sql sql, String dedupeKey, String kind, String payload, Instant runAt, Instant now)
            throws SQLException {
        if (sql.count("SELECT COUNT(*) FROM job WHERE dedupe_key = ?", dedupeKey) > 0) {
            return false;
        }
        sql.insert("INSERT INTO job (kind, payload, dedupe_key, run_at, created_at) VALUES (?, ?, ?, ?, ?)",
                kind, payload, dedupeKey, runAt, now);
        return true;
    }

    /**
     * Locks the oldest due job for this transaction, skipping jobs other workers hold. The lock lasts until the
     * transaction ends, so run the job and {@link #markDone} in the same transaction.
     */
    public Optional<Job> claimDue(Sql sql, Instant now) throws SQLException {
        return sql.one("SELECT id, kind, payload, attempts FROM job WHERE done_at IS NULL AND run_at <= ? "
                        + "ORDER BY run_at, id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED",
                row -> new Job(row.getLong("id"), row.getString("kind"), row.getString("payload"),
                        row.getInt("attempts")), now);
    }

    public void markDone(Sql sql, long jobId, String worker, Instant now) throws SQLException {
        sql.update("UPDATE job SET done_at = ?, done_by = ?, attempts = attempts + 1 WHERE id = ?", now, worker, jobId);
    }

    public void markFailed(Sql sql, long jobId, String error, Instant retryAt) throws SQLException {
        sql.update("UPDATE job SET attempts = attempts + 1, last_error = ?, run_at = ? WHERE id = ? AND done_at IS NULL",
                error.length() > 1000 ? error.substring(0, 1000) : error, retryAt, jobId);
    }

    public long pending(Sql sql) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM job WHERE done_at IS NULL");
    }
}
