package org.bandura.core.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class AnswerRepository {

    private static final String COLUMNS = "id, workspace_id, number, question_id, author_id, body, score, message_key";

    public long insert(Sql sql, long workspaceId, long number, long questionId, long authorId, String body,
                       String messageKey, Instant now) throws SQLException {
        return sql.insert("INSERT INTO answer (workspace_id, number, question_id, author_id, body, message_key, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", workspaceId, number, questionId, authorId,
                body, messageKey, now, now);
    }

    public Optional<AnswerRow> byNumber(Sql sql, long workspaceId, long number) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM answer WHERE workspace_id = ? AND number = ?",
                AnswerRepository::map, workspaceId, number);
    }

    public Optional<AnswerRow> byId(Sql sql, long id) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM answer WHERE id = ?", AnswerRepository::map, id);
    }

    public Optional<AnswerRow> byMessage(Sql sql, long workspaceId, String messageKey) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM answer WHERE workspace_id = ? AND message_key = ?",
                AnswerRepository::map, workspaceId, messageKey);
    }

    public List<AnswerRow> ofQuestion(Sql sql, long questionId) throws SQLException {
        return sql.list("SELECT " + COLUMNS + " FROM answer WHERE question_id = ? ORDER BY number",
                AnswerRepository::map, questionId);
    }

    public void updateBody(Sql sql, long answerId, String body, Instant now) throws SQLException {
        sql.update("UPDATE answer SET body = ?, updated_at = ? WHERE id = ?", body, now, answerId);
    }

    /** Adds a vote's weight to the score, sent with the vote's other writes. */
    public void addScore(Sql.Writes writes, long answerId, int delta) {
        writes.add("UPDATE answer SET score = score + ? WHERE id = ?", delta, answerId);
    }

    public void delete(Sql sql, long answerId) throws SQLException {
        sql.update("DELETE FROM answer WHERE id = ?", answerId);
    }

    static AnswerRow map(ResultSet row) throws SQLException {
        return new AnswerRow(row.getLong("id"), row.getLong("workspace_id"), row.getLong("number"),
                row.getLong("question_id"), row.getLong("author_id"), row.getString("body"), row.getInt("score"),
                row.getString("message_key"));
    }
}
