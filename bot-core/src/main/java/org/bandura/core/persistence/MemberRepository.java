package org.bandura.core.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
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

    public MemberRow get(Sql sql, long memberId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM member WHERE id = ?", MemberRepository::map, memberId)
                .orElseThrow(() -> new SQLException("member " + memberId + " vanished"));
    }

    /**
     * Locks the members' rows until commit, in id order so two transactions never wait on each other in a cycle.
     * Every reputation change goes through here, so concurrent votes never lose an increment or break the cap.
     */
    public void lock(Sql sql, Collection<Long> memberIds) throws SQLException {
        for (long id : memberIds.stream().distinct().sorted().toList()) {
            sql.one("SELECT id FROM member WHERE id = ? FOR UPDATE", row -> row.getLong(1), id);
        }
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

    /** The overall leaderboard, straight from the kept totals. */
    public List<MemberRow> top(Sql sql, long workspaceId, int limit) throws SQLException {
        return sql.list("SELECT " + COLUMNS + " FROM member WHERE workspace_id = ? "
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
