package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Duration;
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

    /** Inserts a badge the caller knows the member lacks (read under the member's lock). */
    public void insert(Sql sql, long memberId, String code, Instant now) throws SQLException {
        sql.update("INSERT INTO badge (member_id, code, awarded_at) VALUES (?, ?, ?)", memberId, code, now);
    }

    /** @return true when the badge is new */
    public boolean award(Sql sql, long memberId, String code, Instant now) throws SQLException {
        if (sql.count("SELECT COUNT(*) FROM badge WHERE member_id = ? AND code = ?", memberId, code) > 0) {
            return false;
        }
        sql.update("INSERT INTO badge (member_id, code, awarded_at) VALUES (?, ?, ?)", memberId, code, now);
        return true;
    }

    /** The "tag Expert" codes {@link #awardTagExperts} would award now: read first so new badges can be announced. */
    public List<String> dueTagExperts(Sql sql, long memberId, long questionId, int threshold) throws SQLException {
        String prefix = Badges.expertCode("");
        return sql.list("SELECT ? || t.name FROM tag_reputation tr JOIN tag t ON t.id = tr.tag_id "
                + "WHERE tr.member_id = ? AND tr.points >= ? "
                + "AND tr.tag_id IN (SELECT qt.tag_id FROM question_tag qt WHERE qt.question_id = ?) "
                + "AND NOT EXISTS (SELECT 1 FROM badge b WHERE b.member_id = tr.member_id AND b.code = ? || t.name)",
                row -> row.getString(1), prefix, memberId, threshold, questionId, prefix);
    }

    /**
     * What the member has done that badges count, in one round trip.
     *
     * @param quickWithin an answer this soon after its question is quick (whole seconds)
     */
    public Badges.Counts counts(Sql sql, long memberId, Duration quickWithin) throws SQLException {
        long seconds = Math.max(1, quickWithin.toSeconds());
        return sql.one("SELECT m.answer_count, m.accepted_count, "
                        + "(SELECT COUNT(*) FROM answer a JOIN question q ON q.id = a.question_id "
                        + "WHERE a.author_id = m.id AND a.score >= 1 AND q.deleted_at IS NULL), "
                        + "(SELECT COUNT(*) FROM answer a JOIN question q ON q.id = a.question_id "
                        + "WHERE a.author_id = m.id AND q.deleted_at IS NULL "
                        + "AND a.created_at <= q.created_at + INTERVAL '" + seconds + "' SECOND), "
                        + "(SELECT COUNT(DISTINCT q.asker_id) FROM answer a JOIN question q ON q.accepted_answer_id = a.id "
                        + "WHERE a.author_id = m.id AND q.asker_id <> m.id AND q.deleted_at IS NULL), "
                        + "(SELECT COUNT(*) FROM question q WHERE q.asker_id = m.id AND q.accepted_answer_id IS NOT NULL "
                        + "AND q.deleted_at IS NULL) "
                        + "FROM member m WHERE m.id = ?",
                row -> new Badges.Counts(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getInt(5),
                        row.getInt(6)), memberId)
                .orElseThrow(() -> new SQLException("member " + memberId + " vanished"));
    }

    /** When each of the member's answers that are accepted now was accepted, since {@code since}. */
    public List<Instant> acceptedTimes(Sql sql, long memberId, Instant since) throws SQLException {
        return sql.list("SELECT q.accepted_at FROM answer a JOIN question q ON q.accepted_answer_id = a.id "
                        + "WHERE a.author_id = ? AND q.deleted_at IS NULL AND q.accepted_at >= ?",
                row -> Sql.instant(row, "accepted_at"), memberId, since);
    }

    /** A badge someone earned, for the digest. */
    public record Awarded(String userId, String displayName, String code, Instant awardedAt) {
    }

    /** Badges members of the workspace earned in [from, to), in the order they were earned. */
    public List<Awarded> awardedBetween(Sql sql, long workspaceId, Instant from, Instant to) throws SQLException {
        return sql.list("SELECT m.user_id, m.display_name, b.code, b.awarded_at FROM badge b "
                        + "JOIN member m ON m.id = b.member_id WHERE m.workspace_id = ? AND b.awarded_at >= ? "
                        + "AND b.awarded_at < ? ORDER BY b.awarded_at, m.id, b.code",
                row -> new Awarded(row.getString(1), row.getString(2), row.getString(3),
                        Sql.instant(row, "awarded_at")), workspaceId, from, to);
    }
}
