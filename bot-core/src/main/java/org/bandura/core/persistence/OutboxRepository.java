package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bandura.core.Outbox;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Outgoing;

/**
 * The outbox table: what Bandura posts, waiting for the front door of its platform. See {@link Outbox} for the
 * delivery rules (order per key, pace, retries).
 */
public final class OutboxRepository {

    public void add(Sql sql, long workspaceId, Long questionId, Outgoing.Audience audience, String recipientUserId,
                    List<String> mentionUserIds, String body, Instant now) throws SQLException {
        add(sql, workspaceId, questionId, audience, recipientUserId, mentionUserIds, body, List.of(), now);
    }

    /**
     * A job's message. Messages to a question's thread are ordered (and paced) by the question's channel; private,
     * fallback, moderator and digest messages are unordered.
     */
    public void add(Sql sql, long workspaceId, Long questionId, Outgoing.Audience audience, String recipientUserId,
                    List<String> mentionUserIds, String body, List<Action> actions, Instant now) throws SQLException {
        String orderKey = null;
        if (audience == Outgoing.Audience.THREAD && questionId != null) {
            orderKey = sql.one("SELECT COALESCE(channel_key, thread_key) FROM question WHERE id = ?",
                    row -> row.getString(1), questionId).orElse(null);
        }
        sql.insert("INSERT INTO outbox_message (workspace_id, question_id, audience, recipient_user_id, "
                + "mention_user_ids, body, actions, created_at, kind, order_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                workspaceId, questionId, audience.name(), recipientUserId, String.join(" ", mentionUserIds),
                body.length() > 4000 ? body.substring(0, 4000) : body, Action.encode(actions), now, Outbox.MESSAGE,
                orderKey);
    }

    /** An operation of an adapter's own {@code kind}; its payload is the adapter's. @return the row's id */
    public long enqueue(Sql sql, long workspaceId, Long questionId, String kind, String orderKey, String payload,
                        Instant now) throws SQLException {
        return sql.insert("INSERT INTO outbox_message (workspace_id, question_id, audience, recipient_user_id, "
                + "mention_user_ids, body, actions, created_at, kind, order_key, payload) "
                + "VALUES (?, ?, ?, NULL, '', '', '', ?, ?, ?, ?)", workspaceId, questionId,
                Outgoing.Audience.THREAD.name(), now, kind, orderKey, payload);
    }

    /** A claimed row: what the sender gets, and what the outbox needs to record its outcome. */
    public record Claimed(Outbox.Item item, long workspaceId, Long questionId) {
    }

    /**
     * Locks for this transaction the oldest row of the platform that is due at {@code now}: not delivered, not
     * failed, past its retry time, with no older open row of its order key, and its key's pace passed; rows another
     * process holds are skipped.
     */
    public Optional<Claimed> claimNext(Sql sql, String platform, Instant now) throws SQLException {
        Optional<Long> id = sql.one("SELECT o.id FROM outbox_message o WHERE o.delivered_at IS NULL "
                        + "AND o.failed_at IS NULL AND o.workspace_id IN (SELECT id FROM workspace WHERE platform = ?) "
                        + "AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) AND (o.order_key IS NULL OR ("
                        + "NOT EXISTS (SELECT 1 FROM outbox_message e WHERE e.workspace_id = o.workspace_id "
                        + "AND e.order_key = o.order_key AND e.delivered_at IS NULL AND e.failed_at IS NULL "
                        + "AND e.id < o.id) AND NOT EXISTS (SELECT 1 FROM outbox_pace p WHERE "
                        + "p.workspace_id = o.workspace_id AND p.order_key = o.order_key AND p.next_send_at > ?))) "
                        + "ORDER BY o.id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED",
                row -> row.getLong(1), platform, now, now);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return sql.one("SELECT o.id, w.external_id, q.number, q.channel_key, q.thread_key, o.audience, "
                        + "o.recipient_user_id, o.mention_user_ids, o.body, o.actions, o.kind, o.order_key, o.payload, "
                        + "o.attempts, o.created_at, o.workspace_id, o.question_id FROM outbox_message o "
                        + "JOIN workspace w ON w.id = o.workspace_id LEFT JOIN question q ON q.id = o.question_id "
                        + "WHERE o.id = ?",
                row -> {
                    String kind = row.getString("kind");
                    Long number = Sql.nullableLong(row, "number");
                    Outgoing message = !Outbox.MESSAGE.equals(kind) ? null : new Outgoing(row.getLong(1),
                            row.getString(2), number, row.getString(4), row.getString(5),
                            Outgoing.Audience.valueOf(row.getString(6)), row.getString(7),
                            Arrays.stream(row.getString(8).split(" ")).filter(user -> !user.isEmpty()).toList(),
                            row.getString(9), Action.decode(row.getString(10)));
                    Outbox.Item item = new Outbox.Item(row.getLong(1), row.getString(2), kind,
                            row.getString("order_key"), row.getString("payload"), number, row.getInt("attempts"),
                            Sql.instant(row, "created_at"), message);
                    return new Claimed(item, row.getLong("workspace_id"), Sql.nullableLong(row, "question_id"));
                }, id.get());
    }

    public void markDelivered(Sql sql, long messageId, String platformKey, Instant now) throws SQLException {
        sql.update("UPDATE outbox_message SET delivered_at = ?, platform_key = ?, attempts = attempts + 1 "
                + "WHERE id = ?", now, platformKey, messageId);
    }

    public void markDelivered(Sql sql, long messageId, Instant now) throws SQLException {
        markDelivered(sql, messageId, null, now);
    }

    public void retryAt(Sql sql, long messageId, Instant at, String error) throws SQLException {
        sql.update("UPDATE outbox_message SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                + "WHERE id = ?", at, clip(error), messageId);
    }

    public void fail(Sql sql, long messageId, String reason, Instant now) throws SQLException {
        sql.update("UPDATE outbox_message SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?",
                now, clip(reason), messageId);
    }

    /** Nothing goes to {@code orderKey} before {@code next}; shared by every process through the table. */
    public void pace(Sql sql, long workspaceId, String orderKey, Instant next) throws SQLException {
        if (sql.update("UPDATE outbox_pace SET next_send_at = ? WHERE workspace_id = ? AND order_key = ?", next,
                workspaceId, orderKey) == 0) {
            sql.update("INSERT INTO outbox_pace (workspace_id, order_key, next_send_at) VALUES (?, ?, ?)",
                    workspaceId, orderKey, next);
        }
    }

    /** Rows still to deliver (not delivered, not failed). */
    public long pending(Sql sql) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM outbox_message WHERE delivered_at IS NULL AND failed_at IS NULL");
    }

    /**
     * Deletes up to {@code limit} rows delivered before {@code deliveredBefore}, oldest first (they only served
     * the delivery; kept a while for inspection). Undelivered and failed rows stay.
     *
     * @return how many were deleted
     */
    public int pruneDelivered(Sql sql, Instant deliveredBefore, int limit) throws SQLException {
        return sql.update("DELETE FROM outbox_message WHERE id IN (SELECT id FROM outbox_message "
                + "WHERE delivered_at < ? ORDER BY delivered_at FETCH FIRST " + limit + " ROWS ONLY)", deliveredBefore);
    }

    private static String clip(String text) {
        String value = text == null ? "" : text;
        return value.length() > 1000 ? value.substring(0, 1000) : value;
    }
}
