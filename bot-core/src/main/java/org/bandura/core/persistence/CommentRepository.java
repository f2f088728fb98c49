package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Thread replies that are not answers; kept apart so nothing that counts answers ever sees them. */
public final class CommentRepository {

    public record CommentRow(long id, long questionId, long authorId, String body, String messageKey) {
    }

    public void insert(Sql sql, long workspaceId, long questionId, long authorId, String body, String messageKey,
                       Instant now) throws SQLException {
        sql.update("INSERT INTO comment (workspace_id, question_id, author_id, body, message_key, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", workspaceId, questionId, authorId, body, messageKey, now,
                now);
    }

    public Optional<CommentRow> byMessage(Sql sql, long workspaceId, String messageKey) throws SQLException {
        return sql.one("SELECT id, question_id, author_id, body, message_key FROM comment "
                        + "WHERE workspace_id = ? AND message_key = ?",
                row -> new CommentRow(row.getLong("id"), row.getLong("question_id"), row.getLong("author_id"),
                        row.getString("body"), row.getString("message_key")),
                workspaceId, messageKey);
    }

    public void updateBody(Sql sql, long commentId, String body, Instant now) throws SQLException {
        sql.update("UPDATE comment SET body = ?, updated_at = ? WHERE id = ?", body, now, commentId);
    }

    public void delete(Sql sql, long commentId) throws SQLException {
        sql.update("DELETE FROM comment WHERE id = ?", commentId);
    }
}
