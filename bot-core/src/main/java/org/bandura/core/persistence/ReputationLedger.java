package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bandura.core.reputation.ReputationRules;

/**
 * The reputation ledger and the totals kept beside it. Every change is a row naming who, how much, why and which
 * vote or accept caused it; {@code member.reputation_raw}, {@code member.reputation} (the shown figure, never below
 * the floor), {@code tag_reputation} and {@code vote_gain_day} are updated in the same transaction, so reading a total
 * never scans the ledger and {@link #totalsFromLedger} always agrees with them.
 */
public final class ReputationLedger {

    public static final String CAUSE_VOTE = "VOTE";
    public static final String CAUSE_ACCEPT = "ACCEPT";

    public record Standing(long memberId, String displayName, long points) {
    }

    /** What one cause has added to a member so far on one day, in one cap class: what its reversal must undo. */
    public record Open(long memberId, LocalDate earnedOn, boolean countsTowardCap, long net) {
    }

    /**
     * Writes one change and updates the kept totals: the exact sum ({@code reputation_raw}), the shown figure
     * (never below {@link ReputationRules#FLOOR}), the per-tag totals and, for changes that count toward the cap, the
     * vote gain of {@code earnedOn}. A zero change writes nothing. The statements only write, so they go into
     * {@code writes}, sent with the command's other writes in one round trip.
     */
    public void record(Sql.Writes writes, long workspaceId, long memberId, int delta, String reason, String causeType,
                       long causeId, long questionId, boolean countsTowardCap, LocalDate earnedOn, Instant now) {
        if (delta == 0) {
            return;
        }
        writes.add("INSERT INTO reputation_event (workspace_id, member_id, delta, reason, cause_type, cause_id, "
                        + "question_id, counts_toward_cap, earned_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                workspaceId, memberId, delta, reason, causeType, causeId, questionId, countsTowardCap, earnedOn, now);
        writes.add("UPDATE member SET reputation_raw = reputation_raw + ?, reputation = GREATEST(?, reputation_raw + ?) "
                + "WHERE id = ?", delta, ReputationRules.FLOOR, delta, memberId);
        // The member row is now locked until commit, so the upserts below never race another transaction.
        if (countsTowardCap) {
            writes.add("MERGE INTO vote_gain_day g USING (SELECT CAST(? AS BIGINT) AS member_id, "
                    + "CAST(? AS DATE) AS earned_on) s ON g.member_id = s.member_id AND g.earned_on = s.earned_on "
                    + "WHEN MATCHED THEN UPDATE SET gained = g.gained + ? "
                    + "WHEN NOT MATCHED THEN INSERT (member_id, earned_on, gained) VALUES (s.member_id, s.earned_on, ?)",
                    memberId, earnedOn, delta, delta);
        }
        writes.add("MERGE INTO tag_reputation tr USING (SELECT tag_id FROM question_tag WHERE question_id = ?) qt "
                + "ON tr.member_id = ? AND tr.tag_id = qt.tag_id WHEN MATCHED THEN UPDATE SET points = tr.points + ? "
                + "WHEN NOT MATCHED THEN INSERT (member_id, tag_id, points) VALUES (?, qt.tag_id, ?)",
                questionId, memberId, delta, memberId, delta);
    }

    /** Vote reputation the member gained today (UTC), for the daily cap: one row, however many votes. */
    public long gainedFromVotesToday(Sql sql, long memberId, Instant now) throws SQLException {
        return sql.count("SELECT COALESCE(MAX(gained), 0) FROM vote_gain_day WHERE member_id = ? AND earned_on = ?",
                memberId, day(now));
    }

    /** The same figure summed from the ledger, to check the kept one. */
    public long gainedFromVotesTodayInLedger(Sql sql, long memberId, Instant now) throws SQLException {
        return sql.count("SELECT COALESCE(SUM(delta), 0) FROM reputation_event WHERE member_id = ? AND earned_on = ? "
                + "AND counts_toward_cap = TRUE", memberId, day(now));
    }

    /**
     * What one cause (a vote, an accept) has added so far and not yet taken back, per member, day and cap class. A
     * reversal writes the negation of each on the same day, so a retracted vote gives back its day's share of the cap.
     */
    public List<Open> openByCause(Sql sql, String causeType, long causeId) throws SQLException {
        return sql.list(OPEN_BY_CAUSE, ReputationLedger::open, causeType, causeId);
    }

    /** The same, read by the batch's next statement (after the writes before it). */
    public Sql.Answer<List<Open>> openByCause(Sql.Writes writes, String causeType, long causeId) {
        return writes.addList(OPEN_BY_CAUSE, ReputationLedger::open, causeType, causeId);
    }

    private static final String OPEN_BY_CAUSE = "SELECT member_id, earned_on, counts_toward_cap, SUM(delta) "
            + "FROM reputation_event WHERE cause_type = ? AND cause_id = ? "
            + "GROUP BY member_id, earned_on, counts_toward_cap HAVING SUM(delta) <> 0 ORDER BY member_id, earned_on";

    private static Open open(java.sql.ResultSet row) throws SQLException {
        return new Open(row.getLong(1), row.getObject(2, LocalDate.class), row.getBoolean(3), row.getLong(4));
    }

    public Map<String, Long> tagPoints(Sql sql, long memberId) throws SQLException {
        Map<String, Long> points = new LinkedHashMap<>();
        for (Object[] row : sql.list("SELECT t.name, tr.points FROM tag_reputation tr JOIN tag t ON t.id = tr.tag_id "
                        + "WHERE tr.member_id = ? AND tr.points <> 0 ORDER BY tr.points DESC, t.name",
                row -> new Object[] {row.getString(1), row.getLong(2)}, memberId)) {
            points.put((String) row[0], (Long) row[1]);
        }
        return points;
    }

    public long tagPoints(Sql sql, long memberId, long tagId) throws SQLException {
        return sql.count("SELECT COALESCE(MAX(points), 0) FROM tag_reputation WHERE member_id = ? AND tag_id = ?",
                memberId, tagId);
    }

    /** What the member gained (net) since {@code since}: "this week's reputation". */
    public long gainedSince(Sql sql, long memberId, Instant since) throws SQLException {
        return sql.count("SELECT COALESCE(SUM(delta), 0) FROM reputation_event WHERE member_id = ? AND created_at >= ?",
                memberId, since);
    }

    /** Leaderboard for one tag over all time, from the kept per-tag totals. */
    public List<Standing> topInTag(Sql sql, long tagId, int limit) throws SQLException {
        return sql.list("SELECT m.id, m.display_name, tr.points FROM tag_reputation tr JOIN member m ON m.id = tr.member_id "
                        + "WHERE tr.tag_id = ? AND tr.points > 0 ORDER BY tr.points DESC, m.id FETCH FIRST " + limit
                        + " ROWS ONLY",
                row -> new Standing(row.getLong(1), row.getString(2), row.getLong(3)), tagId);
    }

    /** Leaderboard of what was earned since {@code since}, optionally in one tag: reads only that window. */
    public List<Standing> topSince(Sql sql, long workspaceId, Long tagId, Instant since, int limit) throws SQLException {
        String tagJoin = tagId == null ? "" : "JOIN question_tag qt ON qt.question_id = r.question_id AND qt.tag_id = ? ";
        Object[] args = tagId == null ? new Object[] {workspaceId, since} : new Object[] {tagId, workspaceId, since};
        return sql.list("SELECT m.id, m.display_name, SUM(r.delta) AS points FROM reputation_event r " + tagJoin
                        + "JOIN member m ON m.id = r.member_id WHERE r.workspace_id = ? AND r.created_at >= ? "
                        + "GROUP BY m.id, m.display_name HAVING SUM(r.delta) > 0 ORDER BY points DESC, m.id "
                        + "FETCH FIRST " + limit + " ROWS ONLY",
                row -> new Standing(row.getLong(1), row.getString(2), row.getLong(3)), args);
    }

    /** Exact overall totals as the ledger says they should be: 1 + the sum of every change, per member. */
    public Map<Long, Long> totalsFromLedger(Sql sql, long workspaceId) throws SQLException {
        Map<Long, Long> totals = new HashMap<>();
        for (long[] row : sql.list("SELECT m.id, 1 + COALESCE((SELECT SUM(r.delta) FROM reputation_event r "
                        + "WHERE r.member_id = m.id), 0) FROM member m WHERE m.workspace_id = ?",
                row -> new long[] {row.getLong(1), row.getLong(2)}, workspaceId)) {
            totals.put(row[0], row[1]);
        }
        return totals;
    }

    /** The kept exact totals ({@code reputation_raw}), per member. */
    public Map<Long, Long> storedTotals(Sql sql, long workspaceId) throws SQLException {
        Map<Long, Long> totals = new HashMap<>();
        for (long[] row : sql.list("SELECT id, reputation_raw FROM member WHERE workspace_id = ?",
                row -> new long[] {row.getLong(1), row.getLong(2)}, workspaceId)) {
            totals.put(row[0], row[1]);
        }
        return totals;
    }

    /** Per-tag totals as the ledger says they should be, keyed "memberId:tagId"; zero totals left out. */
    public Map<String, Long> tagTotalsFromLedger(Sql sql, long workspaceId) throws SQLException {
        Map<String, Long> totals = new HashMap<>();
        for (long[] row : sql.list("SELECT r.member_id, qt.tag_id, SUM(r.delta) FROM reputation_event r "
                        + "JOIN question_tag qt ON qt.question_id = r.question_id WHERE r.workspace_id = ? "
                        + "GROUP BY r.member_id, qt.tag_id",
                row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)}, workspaceId)) {
            if (row[2] != 0) {
                totals.put(row[0] + ":" + row[1], row[2]);
            }
        }
        return totals;
    }

    public Map<String, Long> storedTagTotals(Sql sql, long workspaceId) throws SQLException {
        Map<String, Long> totals = new HashMap<>();
        for (long[] row : sql.list("SELECT tr.member_id, tr.tag_id, tr.points FROM tag_reputation tr "
                        + "JOIN member m ON m.id = tr.member_id WHERE m.workspace_id = ?",
                row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)}, workspaceId)) {
            if (row[2] != 0) {
                totals.put(row[0] + ":" + row[1], row[2]);
            }
        }
        return totals;
    }

    /** Rewrites the kept totals of a workspace from the ledger. @return how many totals were wrong */
    public int rebuildTotals(Sql sql, long workspaceId) throws SQLException {
        int corrected = 0;
        sql.update("DELETE FROM vote_gain_day WHERE member_id IN (SELECT id FROM member WHERE workspace_id = ?)",
                workspaceId);
        sql.update("INSERT INTO vote_gain_day (member_id, earned_on, gained) SELECT member_id, earned_on, SUM(delta) "
                + "FROM reputation_event WHERE workspace_id = ? AND counts_toward_cap = TRUE "
                + "GROUP BY member_id, earned_on", workspaceId);
        Map<Long, Long> stored = storedTotals(sql, workspaceId);
        for (Map.Entry<Long, Long> expected : totalsFromLedger(sql, workspaceId).entrySet()) {
            if (!expected.getValue().equals(stored.get(expected.getKey()))) {
                sql.update("UPDATE member SET reputation_raw = ?, reputation = ? WHERE id = ?", expected.getValue(),
                        ReputationRules.shown(expected.getValue()), expected.getKey());
                corrected++;
            }
        }
        corrected += sql.update("UPDATE member SET reputation = GREATEST(?, reputation_raw) WHERE workspace_id = ? "
                + "AND reputation <> GREATEST(?, reputation_raw)", ReputationRules.FLOOR, workspaceId, ReputationRules.FLOOR);
        Map<String, Long> expectedTags = tagTotalsFromLedger(sql, workspaceId);
        Map<String, Long> storedTags = storedTagTotals(sql, workspaceId);
        if (!expectedTags.equals(storedTags)) {
            corrected += (int) expectedTags.entrySet().stream()
                    .filter(entry -> !entry.getValue().equals(storedTags.get(entry.getKey()))).count();
            sql.update("DELETE FROM tag_reputation WHERE member_id IN (SELECT id FROM member WHERE workspace_id = ?)",
                    workspaceId);
            for (Map.Entry<String, Long> entry : expectedTags.entrySet()) {
                String[] key = entry.getKey().split(":");
                sql.update("INSERT INTO tag_reputation (member_id, tag_id, points) VALUES (?, ?, ?)",
                        Long.parseLong(key[0]), Long.parseLong(key[1]), entry.getValue());
            }
        }
        return corrected;
    }

    public static LocalDate day(Instant now) {
        return now.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
