package org.bandura.core.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Members of a workspace, with their kept-up-to-date reputation and answer counts. */
public final class MemberRepository {

    private static final String COLUMNS =
            "id, workspace_id, user_id, display_name, reputation, answer_count, accepted_count, last_mentioned_at";

    public MemberRow ensure(Sql sql, long workspaceId, String userId, String displayName, Instant now)
            throws SQLException {
        Optional<MemberRow> existing = sql.one(
                "SELECT " + COLUMNS + " FROM member WHERE workspace_id = ? AND user_id = ?",
                MemberRepository::map, workspaceId, userId);
        if (existing.isPresent()) {
            MemberRow member = existing.get();
            String name = WorkspaceRepository.truncate(displayName, 200);
            if (!member.displayName().equals(name)) {
                sql.update("UPDATE member SET display_name = ?, name_key = ? WHERE id = ?", name, nameKey(name),
                        member.id());
                return new MemberRow(member.id(), workspaceId, userId, name, member.reputation(),
                        member.answerCount(), member.acceptedCount(), member.lastMentionedAt());
            }
            return member;
        }
        String name = WorkspaceRepository.truncate(displayName, 200);
        long id = sql.insert("INSERT INTO member (workspace_id, user_id, display_name, name_key, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", workspaceId, userId, name, nameKey(name), now);
        return new MemberRow(id, workspaceId, userId, name, 1, 0, 0, null);
    }

    /** A known member and the row the same round trip read beside it (empty when that row does not exist). */
    public record KnownWith<T>(MemberRow member, Optional<T> side) {
    }

    /**
     * The member, when known under this name, and in the same round trip one row of another table: the command's
     * first read and the lookup it would make next become one statement. Empty when the member is unknown or was
     * renamed: {@link #ensure} then does what it always does.
     *
     * @param sideJoin    a table joined to {@code member m}, e.g. {@code answer p ON p.workspace_id = m.workspace_id
     *                    AND p.number = ?}, with one parameter, {@code sideArg}
     * @param sideColumns its columns, named apart from the member's
     * @param side        maps them; returns null when the joined row is absent (its columns are null)
     */
    public <T> Optional<KnownWith<T>> knownWith(Sql sql, long workspaceId, String userId, String displayName,
                                                String sideJoin, String sideColumns, Sql.RowMapper<T> side,
                                                Object sideArg) throws SQLException {
        String name = WorkspaceRepository.truncate(displayName, 200);
        return sql.one("SELECT m." + COLUMNS.replace(", ", ", m.") + ", " + sideColumns + " FROM member m LEFT JOIN "
                        + sideJoin + " WHERE m.workspace_id = ? AND m.user_id = ?",
                        row -> new KnownWith<>(map(row), Optional.ofNullable(side.map(row))), sideArg, workspaceId,
                        userId)
                .filter(known -> known.member().displayName().equals(name));
    }

    public MemberRow get(Sql sql, long memberId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM member WHERE id = ?", MemberRepository::map, memberId)
                .orElseThrow(() -> new SQLException("member " + memberId + " vanished"));
    }

    /**
     * What a capped gain needs to know, read under the member's lock.
     *
     * @param helpfulAnswers the member's answers with a score of 1 or more, or -1 when not asked for
     */
    public record GainStanding(long gainedOnDay, long bestTagPointsWithoutBadge, long helpfulAnswers) {
        public GainStanding(long gainedOnDay, long bestTagPointsWithoutBadge) {
            this(gainedOnDay, bestTagPointsWithoutBadge, -1);
        }
    }

    /**
     * Locks the member's row until commit and reads their vote gain of {@code day} and the highest points they have
     * in a tag of the question whose Expert badge they lack (or {@link Long#MIN_VALUE}): the daily cap is read and
     * applied by one transaction at a time, and the badge check runs only when a tag can cross the threshold. Other
     * changes need no lock: the ledger's {@code UPDATE member} takes it before any kept total is touched.
     */
    public GainStanding lockForGain(Sql sql, long memberId, LocalDate day, long questionId, String expertPrefix)
            throws SQLException {
        return lockForGain(sql, memberId, day, questionId, expertPrefix, false);
    }

    /**
     * Like {@link #lockForGain(Sql, long, LocalDate, long, String)}; with {@code countHelpful} (an upvote just took an
     * answer of theirs to a score of 1) it also counts their answers with a score of 1 or more.
     */
    public GainStanding lockForGain(Sql sql, long memberId, LocalDate day, long questionId, String expertPrefix,
                                    boolean countHelpful) throws SQLException {
        Sql.Writes batch = sql.writes();
        Sql.Answer<Optional<GainStanding>> standing =
                lockForGain(batch, memberId, day, questionId, expertPrefix, countHelpful);
        batch.send();
        return standing.get().orElseThrow(() -> new SQLException("member " + memberId + " vanished"));
    }

    /**
     * The same as two statements of a batch: the lock, then the read. Two, because one locking read is not enough
     * on PostgreSQL: a {@code SELECT … FOR UPDATE} that waited for the lock returns the locked row as it is now but
     * computes its subqueries from the snapshot taken before the wait, so two votes for one author on different posts
     * could both read the day's gain as it was before either and both pass the cap. The read is a statement of its
     * own, after the lock, so it sees what the previous holder committed. Empty only when the member is gone.
     */
    public Sql.Answer<Optional<GainStanding>> lockForGain(Sql.Writes batch, long memberId, LocalDate day,
                                                          long questionId, String expertPrefix, boolean countHelpful) {
        batch.add("SELECT id FROM member WHERE id = ? FOR UPDATE", memberId);
        String helpful = countHelpful ? "(SELECT COUNT(*) FROM answer a JOIN question q ON q.id = a.question_id "
                + "WHERE a.author_id = m.id AND a.score >= 1 AND q.deleted_at IS NULL)" : "-1";
        return batch.addQuery("SELECT COALESCE((SELECT g.gained FROM vote_gain_day g WHERE g.member_id = m.id "
                        + "AND g.earned_on = ?), 0), "
                        + "(SELECT MAX(COALESCE(tr.points, 0)) FROM question_tag qt JOIN tag t ON t.id = qt.tag_id "
                        + "LEFT JOIN tag_reputation tr ON tr.member_id = m.id AND tr.tag_id = qt.tag_id "
                        + "WHERE qt.question_id = ? AND NOT EXISTS (SELECT 1 FROM badge b WHERE b.member_id = m.id "
                        + "AND b.code = ? || t.name)), " + helpful + " FROM member m WHERE m.id = ?",
                row -> {
                    long gained = row.getLong(1);
                    long best = row.getLong(2);
                    boolean none = row.wasNull();
                    return new GainStanding(gained, none ? Long.MIN_VALUE : best, row.getLong(3));
                }, day, questionId, expertPrefix, memberId);
    }

    /** Whether the member is listed among the weekly digest's top helpers ({@code /digest off|on}). */
    public void setDigest(Sql sql, long memberId, boolean listed) throws SQLException {
        sql.update("UPDATE member SET digest = ? WHERE id = ?", listed, memberId);
    }

    public boolean digest(Sql sql, long memberId) throws SQLException {
        return sql.one("SELECT digest FROM member WHERE id = ?", row -> row.getBoolean(1), memberId).orElse(true);
    }

    /** By platform user id, then by display name (case-insensitive), with or without a leading @. */
    public Optional<MemberRow> find(Sql sql, long workspaceId, String who) throws SQLException {
        String text = who.strip();
        if (text.startsWith("<@") && text.endsWith(">")) {
            text = text.substring(2, text.length() - 1).replace("!", "");
            int bar = text.indexOf('|');
            if (bar >= 0) {
                text = text.substring(0, bar);
            }
        }
        if (text.startsWith("@")) {
            text = text.substring(1);
        }
        Optional<MemberRow> byId = sql.one("SELECT " + COLUMNS + " FROM member WHERE workspace_id = ? AND user_id = ?",
                MemberRepository::map, workspaceId, text);
        if (byId.isPresent()) {
            return byId;
        }
        return sql.one("SELECT " + COLUMNS + " FROM member WHERE workspace_id = ? AND name_key = ? ORDER BY id",
                MemberRepository::map, workspaceId, nameKey(text));
    }

    public void addAnswers(Sql sql, long memberId, int delta) throws SQLException {
        sql.update("UPDATE member SET answer_count = answer_count + ? WHERE id = ?", delta, memberId);
    }

    public void addAccepted(Sql sql, long memberId, int delta) throws SQLException {
        sql.update("UPDATE member SET accepted_count = accepted_count + ? WHERE id = ?", delta, memberId);
    }

    public void markMentioned(Sql sql, long memberId, Instant now) throws SQLException {
        sql.update("UPDATE member SET last_mentioned_at = ? WHERE id = ?", now, memberId);
    }

    /** Whether accept notices notify the member, whether public web pages hide their name, and accept reminders. */
    public record Privacy(boolean announcements, boolean webHidden, boolean reminders) {
    }

    public Privacy privacy(Sql sql, long memberId) throws SQLException {
        return sql.one("SELECT announcements, web_hidden, reminders FROM member WHERE id = ?",
                row -> new Privacy(row.getBoolean(1), row.getBoolean(2), row.getBoolean(3)), memberId)
                .orElseThrow(() -> new SQLException("member " + memberId + " vanished"));
    }

    public void setAnnouncements(Sql sql, long memberId, boolean announcements) throws SQLException {
        sql.update("UPDATE member SET announcements = ? WHERE id = ?", announcements, memberId);
    }

    public void setWebHidden(Sql sql, long memberId, boolean hidden) throws SQLException {
        sql.update("UPDATE member SET web_hidden = ? WHERE id = ?", hidden, memberId);
    }

    /** The overall leaderboard, straight from the kept totals: only members who gained something (everyone starts at 1). */
    public List<MemberRow> top(Sql sql, long workspaceId, int limit) throws SQLException {
        return sql.list("SELECT " + COLUMNS + " FROM member WHERE workspace_id = ? AND reputation > 1 "
                + "ORDER BY reputation DESC, id FETCH FIRST " + limit + " ROWS ONLY", MemberRepository::map, workspaceId);
    }

    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static MemberRow map(ResultSet row) throws SQLException {
        return new MemberRow(row.getLong("id"), row.getLong("workspace_id"), row.getString("user_id"),
                row.getString("display_name"), row.getLong("reputation"), row.getInt("answer_count"),
                row.getInt("accepted_count"), Sql.instant(row, "last_mentioned_at"));
    }
}
