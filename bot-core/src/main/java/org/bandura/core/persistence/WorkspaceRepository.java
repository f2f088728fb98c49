package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bandura.core.model.WorkspaceRef;

/** Workspaces and their per-workspace counters for question and answer numbers. */
public final class WorkspaceRepository {

    /**
     * Ids of workspaces read from committed rows, by reference (name included, so a renamed workspace is written
     * once). Workspaces are never deleted, so an id once seen stays right; it saves a round trip on every command.
     */
    private static final int MAX_KNOWN = 10_000;

    private final Map<WorkspaceRef, Long> knownIds = new ConcurrentHashMap<>();

    /** The workspace's id, creating the workspace on first use and keeping its name current. */
    public long ensure(Sql sql, WorkspaceRef ref, Instant now) throws SQLException {
        Long known = knownIds.get(ref);
        if (known != null) {
            return known;
        }
        Optional<Object[]> existing = sql.one(
                "SELECT id, name FROM workspace WHERE platform = ? AND external_id = ?",
                row -> new Object[] {row.getLong("id"), row.getString("name")},
                ref.platform().name(), ref.externalId());
        if (existing.isPresent()) {
            long id = (Long) existing.get()[0];
            if (!ref.name().equals(existing.get()[1])) {
                sql.update("UPDATE workspace SET name = ? WHERE id = ?", truncate(ref.name(), 200), id);
            } else if (knownIds.size() < MAX_KNOWN) {
                knownIds.put(ref, id);
            }
            return id;
        }
        return sql.insert("INSERT INTO workspace (platform, external_id, name, created_at) VALUES (?, ?, ?, ?)",
                ref.platform().name(), ref.externalId(), truncate(ref.name(), 200), now);
    }

    public Optional<Long> find(Sql sql, WorkspaceRef ref) throws SQLException {
        return sql.one("SELECT id FROM workspace WHERE platform = ? AND external_id = ?",
                row -> row.getLong("id"), ref.platform().name(), ref.externalId());
    }

    /**
     * Takes the next question number. The counter row stays locked until commit, so two processes never hand out
     * the same number; a rolled-back transaction gives its number back.
     */
    public long nextQuestionNumber(Sql sql, long workspaceId) throws SQLException {
        return next(sql, workspaceId, "next_question_number");
    }

    public long nextAnswerNumber(Sql sql, long workspaceId) throws SQLException {
        return next(sql, workspaceId, "next_answer_number");
    }

    private static long next(Sql sql, long workspaceId, String column) throws SQLException {
        sql.update("UPDATE workspace SET " + column + " = " + column + " + 1 WHERE id = ?", workspaceId);
        return sql.one("SELECT " + column + " - 1 FROM workspace WHERE id = ?", row -> row.getLong(1), workspaceId)
                .orElseThrow(() -> new SQLException("workspace " + workspaceId + " vanished"));
    }

    /** At most {@code max} UTF-16 units (so it fits the column on H2 and PostgreSQL), never splitting a character. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
