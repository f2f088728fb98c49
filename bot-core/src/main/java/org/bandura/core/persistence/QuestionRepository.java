package org.bandura.core.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Questions, their tags, chat links and routing mentions. */
public final class QuestionRepository {

    private static final String COLUMNS = "q.id, q.workspace_id, q.number, q.asker_id, q.title, q.body, q.score, "
            + "q.answer_count, q.accepted_answer_id, q.channel_key, q.message_key, q.thread_key, q.created_at";

    /** Deleted questions stay for the ledger but are found by no lookup a person can make. */
    private static final String LIVE = "AND q.deleted_at IS NULL";

    /** Whether a question row is open (no answer, not deleted), as question_tag.is_open keeps it. */
    private static final String OPEN = "CASE WHEN q.answer_count = 0 AND q.deleted_at IS NULL THEN TRUE ELSE FALSE END";

    /** Oldest first; spelled out from the index's first column so H2 reads ix_question_open_sorted in order. */
    private static final String OPEN_ORDER = "q.workspace_id, q.answer_count, q.created_at, q.id";

    public long insert(Sql sql, long workspaceId, long number, long askerId, String title, String body, Instant now)
            throws SQLException {
        return sql.insert("INSERT INTO question (workspace_id, number, asker_id, title, body, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", workspaceId, number, askerId, title, body, now);
    }

    /** The asker edited the question's message: new text, and the escalation ladder waits from now again. */
    public void updateText(Sql sql, long questionId, String title, String body, Instant now) throws SQLException {
        sql.update("UPDATE question SET title = ?, body = ?, edited_at = ? WHERE id = ?", title, body, now, questionId);
    }

    public Optional<Instant> editedAt(Sql sql, long questionId) throws SQLException {
        return sql.one("SELECT edited_at FROM question WHERE id = ?",
                row -> Optional.ofNullable(Sql.instant(row, "edited_at")), questionId).orElse(Optional.empty());
    }

    /** Not deleted by its asker or a moderator. */
    public boolean isLive(Sql sql, long questionId) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM question WHERE id = ? AND deleted_at IS NULL", questionId) > 0;
    }

    public void setPostedBy(Sql sql, long questionId, long memberId) throws SQLException {
        sql.update("UPDATE question SET posted_by_id = ? WHERE id = ?", memberId, questionId);
    }

    /** Tags the question; the row carries the question's asked time and open state for the health tag filter. */
    public void addTag(Sql sql, long questionId, long tagId) throws SQLException {
        sql.update("INSERT INTO question_tag (question_id, tag_id, asked_at, is_open) SELECT q.id, ?, q.created_at, "
                + OPEN + " FROM question q WHERE q.id = ?", tagId, questionId);
    }

    /**
     * Copies the question's open state to its question_tag rows (V20): called in the same transaction as every change
     * of answer_count or deleted_at, so the health dashboard's per-tag open counts stay exact.
     */
    private static void syncTagState(Sql sql, long questionId) throws SQLException {
        sql.update("UPDATE question_tag SET is_open = (SELECT " + OPEN + " FROM question q "
                + "WHERE q.id = question_tag.question_id) WHERE question_id = ?", questionId);
    }

    public Optional<QuestionRow> byNumber(Sql sql, long workspaceId, long number) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM question q WHERE q.workspace_id = ? AND q.number = ? " + LIVE,
                QuestionRepository::map, workspaceId, number);
    }

    public QuestionRow byId(Sql sql, long id) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM question q WHERE q.id = ?", QuestionRepository::map, id)
                .orElseThrow(() -> new SQLException("question " + id + " vanished"));
    }

    public Optional<QuestionRow> byThread(Sql sql, long workspaceId, String threadKey) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM question q WHERE q.workspace_id = ? AND q.thread_key = ? " + LIVE,
                QuestionRepository::map, workspaceId, threadKey);
    }

    public Optional<QuestionRow> byMessage(Sql sql, long workspaceId, String messageKey) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM question q WHERE q.workspace_id = ? AND q.message_key = ? " + LIVE,
                QuestionRepository::map, workspaceId, messageKey);
    }

    public void link(Sql sql, long questionId, String channelKey, String messageKey, String threadKey)
            throws SQLException {
        sql.update("UPDATE question SET channel_key = ?, message_key = ?, thread_key = ? WHERE id = ?",
                channelKey, messageKey, threadKey, questionId);
    }

    /**
     * The question waits for its post: hidden like a deleted question (every list, index, page and count that skips
     * deleted questions skips it) until {@link #markPosted}.
     */
    public void markPostPending(Sql sql, long questionId, Instant now) throws SQLException {
        sql.update("UPDATE question SET deleted_at = ?, post_pending = TRUE WHERE id = ?", now, questionId);
        syncTagState(sql, questionId);
    }

    /** An unposted question with this number (waiting for its post), if any. */
    public Optional<QuestionRow> pendingByNumber(Sql sql, long workspaceId, long number) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM question q WHERE q.workspace_id = ? AND q.number = ? "
                + "AND q.post_pending = TRUE", QuestionRepository::map, workspaceId, number);
    }

    /** Still waiting for its post (asked through the outbox, not yet posted, not failed). */
    public boolean isPostPending(Sql sql, long questionId) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM question WHERE id = ? AND post_pending = TRUE", questionId) > 0;
    }

    /** Its post succeeded: visible from now on. @return false when it was not waiting for its post */
    public boolean markPosted(Sql sql, long questionId) throws SQLException {
        boolean posted = sql.update("UPDATE question SET deleted_at = NULL, post_pending = FALSE WHERE id = ? "
                + "AND post_pending = TRUE", questionId) > 0;
        if (posted) {
            syncTagState(sql, questionId);
        }
        return posted;
    }

    /** Its post failed for good: it stays hidden (soft-deleted). @return false when it was not waiting */
    public boolean markPostFailed(Sql sql, long questionId) throws SQLException {
        return sql.update("UPDATE question SET post_pending = FALSE WHERE id = ? AND post_pending = TRUE",
                questionId) > 0;
    }

    public List<String> tagNames(Sql sql, long questionId) throws SQLException {
        return sql.list("SELECT t.name FROM question_tag qt JOIN tag t ON t.id = qt.tag_id WHERE qt.question_id = ? "
                + "ORDER BY t.name", row -> row.getString(1), questionId);
    }

    /** Adds a vote's weight to the score, sent with the vote's other writes. */
    public void addScore(Sql.Writes writes, long questionId, int delta) {
        writes.add("UPDATE question SET score = score + ? WHERE id = ?", delta, questionId);
    }

    public void answerAdded(Sql sql, long questionId, Instant now) throws SQLException {
        sql.update("UPDATE question SET answer_count = answer_count + 1, "
                + "first_answer_at = COALESCE(first_answer_at, ?) WHERE id = ?", now, questionId);
        syncTagState(sql, questionId);
    }

    public void answerRemoved(Sql sql, long questionId) throws SQLException {
        sql.update("UPDATE question SET answer_count = answer_count - 1 WHERE id = ?", questionId);
        syncTagState(sql, questionId);
    }

    public void setAccepted(Sql sql, long questionId, Long answerId, Instant now) throws SQLException {
        sql.update("UPDATE question SET accepted_answer_id = ?, accepted_at = ? WHERE id = ?",
                answerId, answerId == null ? null : Sql.time(now), questionId);
    }

    /**
     * Hides the question everywhere: lookups skip it, and the search index drops it when it applies the change the
     * caller records in the same transaction.
     */
    public void markDeleted(Sql sql, long questionId, Instant now) throws SQLException {
        sql.update("UPDATE question SET deleted_at = ?, accept_notice_key = NULL WHERE id = ?", now, questionId);
        syncTagState(sql, questionId);
    }

    public boolean isDeleted(Sql sql, long questionId) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM question WHERE id = ? AND deleted_at IS NOT NULL", questionId) > 0;
    }

    /** The bot's own accept notice in the thread (a platform message key), or null. */
    public String acceptNotice(Sql sql, long questionId) throws SQLException {
        return sql.one("SELECT accept_notice_key FROM question WHERE id = ?", row -> row.getString(1), questionId)
                .orElse(null);
    }

    public void setAcceptNotice(Sql sql, long questionId, String messageKey) throws SQLException {
        sql.update("UPDATE question SET accept_notice_key = ? WHERE id = ?", messageKey, questionId);
    }

    public void recordMention(Sql sql, long questionId, long memberId, int rank, long score, Instant now)
            throws SQLException {
        sql.update("INSERT INTO routing_mention (question_id, member_id, mention_rank, score, mentioned_at) "
                + "VALUES (?, ?, ?, ?, ?)", questionId, memberId, rank, score, now);
    }

    /** Open questions (no answer yet), oldest first, optionally in one tag. */
    public List<QuestionRow> unanswered(Sql sql, long workspaceId, List<Long> tagIds, int limit) throws SQLException {
        if (tagIds == null) {
            return sql.list("SELECT " + COLUMNS + " FROM question q WHERE q.workspace_id = ? AND q.answer_count = 0 "
                    + LIVE + " ORDER BY " + OPEN_ORDER + " FETCH FIRST " + limit + " ROWS ONLY", QuestionRepository::map,
                    workspaceId);
        }
        if (tagIds.isEmpty()) {
            return List.of();
        }
        String marks = Sql.marks(tagIds.size());
        Object[] args = new Object[tagIds.size() + 1];
        args[0] = workspaceId;
        for (int i = 0; i < tagIds.size(); i++) {
            args[i + 1] = tagIds.get(i);
        }
        return sql.list("SELECT " + COLUMNS + " FROM question q WHERE q.workspace_id = ? AND q.answer_count = 0 "
                + LIVE + " AND EXISTS (SELECT 1 FROM question_tag qt WHERE qt.question_id = q.id AND qt.tag_id IN (" + marks
                + ")) ORDER BY " + OPEN_ORDER + " FETCH FIRST " + limit + " ROWS ONLY", QuestionRepository::map, args);
    }

    static QuestionRow map(ResultSet row) throws SQLException {
        return new QuestionRow(row.getLong("id"), row.getLong("workspace_id"), row.getLong("number"),
                row.getLong("asker_id"), row.getString("title"), row.getString("body"), row.getInt("score"),
                row.getInt("answer_count"), Sql.nullableLong(row, "accepted_answer_id"), row.getString("channel_key"),
                row.getString("message_key"), row.getString("thread_key"), Sql.instant(row, "created_at"));
    }
}
