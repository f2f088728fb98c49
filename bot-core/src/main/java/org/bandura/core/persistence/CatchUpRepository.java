package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What catch-up after downtime needs: the open questions' threads and how far each was read back. */
public final class CatchUpRepository {

    /** An open question with a chat thread, and the newest message of that thread catch-up read (null: none yet). */
    public record OpenQuestion(long id, long number, String channelKey, String messageKey, String threadKey,
                               String lastMessageKey) {
    }

    /**
     * Questions asked since {@code since} that have a thread, no accepted answer and are not deleted, oldest first,
     * at most {@code limit}.
     */
    public List<OpenQuestion> openSince(Sql sql, long workspaceId, Instant since, int limit) throws SQLException {
        return sql.list("SELECT q.id, q.number, q.channel_key, q.message_key, q.thread_key, c.last_message_key"
                        + " FROM question q LEFT JOIN thread_catch_up c"
                        + " ON c.workspace_id = q.workspace_id AND c.thread_key = q.thread_key"
                        + " WHERE q.workspace_id = ? AND q.thread_key IS NOT NULL AND q.accepted_answer_id IS NULL"
                        + " AND q.deleted_at IS NULL AND q.created_at >= ? ORDER BY q.created_at, q.id"
                        + " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                row -> new OpenQuestion(row.getLong("id"), row.getLong("number"), row.getString("channel_key"),
                        row.getString("message_key"), row.getString("thread_key"), row.getString("last_message_key")),
                workspaceId, Sql.time(since));
    }

    /** The chat messages of a question Bandura keeps (answers and comments), message key to text, oldest first. */
    public Map<String, String> knownMessages(Sql sql, long questionId) throws SQLException {
        Map<String, String> known = new LinkedHashMap<>();
        record Row(String key, String body) {
        }
        List<Row> rows = sql.list("SELECT message_key, body, created_at FROM answer"
                        + " WHERE question_id = ? AND message_key IS NOT NULL"
                        + " UNION ALL SELECT message_key, body, created_at FROM comment WHERE question_id = ?"
                        + " ORDER BY created_at",
                row -> new Row(row.getString("message_key"), row.getString("body")), questionId, questionId);
        rows.forEach(row -> known.put(row.key(), row.body()));
        return known;
    }

    /** Remembers the newest message read back in a thread; a cursor never moves backwards. */
    public void advance(Sql sql, long workspaceId, String threadKey, String lastMessageKey, Instant now)
            throws SQLException {
        int updated = sql.update("UPDATE thread_catch_up SET last_message_key = ?, caught_up_at = ?"
                + " WHERE workspace_id = ? AND thread_key = ?", lastMessageKey, Sql.time(now), workspaceId, threadKey);
        if (updated == 0) {
            sql.update("INSERT INTO thread_catch_up (workspace_id, thread_key, last_message_key, caught_up_at)"
                    + " VALUES (?, ?, ?, ?)", workspaceId, threadKey, lastMessageKey, Sql.time(now));
        }
    }
}
