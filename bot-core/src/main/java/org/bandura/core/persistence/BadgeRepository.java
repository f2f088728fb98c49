package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.bandura.core.reputation.Badges;

public final class BadgeRepository {

    public List<String> of(Sql sql, long memberId) throws SQLException {
        return sql.list("SELECT code FROM badge WHERE member_id = ? ORDER BY awarded_at, code", row -> row.getString(1),
                memberId);
    }

    /**
     * Awards the "tag Expert" badge for each of the question's tags where the member now has at least
     * {@code threshold} points and no such badge yet: one statement, the only badge a vote can earn.
     */
    public void awardTagExperts(Sql sql, long memberId, long questionId, int threshold, Instant now)
            throws SQLException {
        String prefix = Badges.expertCode("");
        sql.update("INSERT INTO badge (member_id, code, awarded_at) SELECT tr.member_id, ? || t.name, ? "
                + "FROM tag_reputation tr JOIN tag t ON t.id = tr.tag_id WHERE tr.member_id = ? AND tr.points >= ? "
                + "AND tr.tag_id IN (SELECT qt.tag_id FROM question_tag qt WHERE qt.question_id = ?) "
                + "AND NOT EXISTS (SELECT 1 FROM badge b WHERE b.member_id = tr.member_id AND b.code = ? || t.name)",
                prefix, now, memberId, threshold, questionId, prefix);
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
