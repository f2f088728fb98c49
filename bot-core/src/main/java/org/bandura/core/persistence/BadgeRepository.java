package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class BadgeRepository {

    public List<String> of(Sql sql, long memberId) throws SQLException {
        return sql.list("SELECT code FROM badge WHERE member_id = ? ORDER BY awarded_at, code", row -> row.getString(1),
                memberId);
    }

    /** @return true when the badge is new */
    public boolean award(Sql sql, long memberId, String code, Instant now) throws SQLException {
        if (sql.count("SELECT COUNT(*) FROM badge WHERE member_id = ? AND code = ?", memberId, code) > 0) {
            return false;
        }
        sql.update("INSERT INTO badge (member_id, code, awarded_at) VALUES (?, ?, ?)", memberId, code, now);
        return true;
    }
}
