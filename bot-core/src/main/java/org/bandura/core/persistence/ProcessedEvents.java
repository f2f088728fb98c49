package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Platform events already handled. The primary key makes a claim exactly-once across processes: two processes
 * racing on the same key both insert, one commits, the other's transaction fails on the key, is retried, and then
 * sees the claim.
 */
public final class ProcessedEvents {

    /** @return false when the event was processed before */
    public boolean claim(Sql sql, long workspaceId, String eventKey, Instant now) throws SQLException {
        String key = eventKey.length() <= 200 ? eventKey : eventKey.substring(0, 200);
        if (sql.count("SELECT COUNT(*) FROM processed_event WHERE workspace_id = ? AND event_key = ?", workspaceId,
                key) > 0) {
            return false;
        }
        sql.update("INSERT INTO processed_event (workspace_id, event_key, processed_at) VALUES (?, ?, ?)",
                workspaceId, key, now);
        return true;
    }
}
